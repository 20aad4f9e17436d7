/**
 * Last in line: whatever no feature took. Buttons are always answered; private chats get a
 * hint; groups stay quiet unless a command was addressed to this bot.
 */
import { Composer } from "grammy";
import { STALE_BUTTON } from "../actions.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../render/html.js";
import { clip } from "../render/text.js";
import { replyHtml } from "../respond.js";

/** The fallback feature. */
export function unhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: STALE_BUTTON }));
  feature.on("message", async (ctx) => {
    const text = ctx.message.text ?? "";
    const command = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?/.exec(text);
    if (ctx.chat.type !== "private") {
      // In groups only a command addressed to us by name deserves an answer.
      if (command && command[2]?.toLowerCase() === ctx.me.username.toLowerCase()) {
        await replyHtml(
          ctx,
          `I don't know /${escapeHtml(command[1] ?? "")}. Send /help to see what I can do.`,
        );
      }
      return;
    }
    if (text.startsWith("/")) {
      const name = command ? `/${command[1] ?? ""}` : "that command";
      await replyHtml(ctx, `I don't know ${escapeHtml(clip(name, 33))}. Send /help to see what I can do.`);
      return;
    }
    if (ctx.message.via_bot) return;
    await replyHtml(ctx, "I read text only: send me a few words to search the news, or /help.");
  });
  return feature;
}
