/** Sending and editing HTML replies the same way in every feature. */
import { GrammyError } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "./context.js";

/** Options every HTML message carries: HTML parse mode, no link previews. */
export const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** Reply with one HTML message and an optional inline keyboard. */
export async function replyHtml(ctx: BotContext, text: string, markup?: InlineKeyboardMarkup): Promise<void> {
  await ctx.reply(text, { ...HTML, ...(markup ? { reply_markup: markup } : {}) });
}

/** Reply with several HTML messages in order; the keyboard goes under the last. */
export async function replyMessages(
  ctx: BotContext,
  messages: readonly string[],
  markup?: InlineKeyboardMarkup,
): Promise<void> {
  for (const [i, text] of messages.entries()) {
    await replyHtml(ctx, text, i === messages.length - 1 ? markup : undefined);
  }
}

/**
 * Replace the text of the message whose button was pressed (chat or inline message).
 * "Not modified" (a double tap) is fine; a message Telegram no longer lets us edit gets a
 * fresh reply instead, when there is a chat to reply in.
 */
export async function editHtml(ctx: BotContext, text: string, markup?: InlineKeyboardMarkup): Promise<void> {
  try {
    await ctx.editMessageText(text, { ...HTML, ...(markup ? { reply_markup: markup } : {}) });
  } catch (err) {
    if (isNotModified(err)) return;
    if (err instanceof GrammyError && err.error_code === 400 && ctx.chat) {
      ctx.logger.debug({ err: err.description }, "edit refused, sending a new message");
      await replyHtml(ctx, text, markup);
      return;
    }
    throw err;
  }
}

/** True for Telegram's "message is not modified" error. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.description.includes("message is not modified");
}
