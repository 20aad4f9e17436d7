/** /start (welcome + menu) and /help (every command with an example). */
import { Composer } from "grammy";
import { renderHelp } from "../commands.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../render/html.js";
import { startKeyboard } from "../render/keyboards.js";
import { clip } from "../render/text.js";
import { replyHtml } from "../respond.js";

/** The welcome text; `name` is the user's first name (escaped here). */
export function welcomeText(name: string | undefined): string {
  const hello = name
    ? `👋 Hi ${escapeHtml(clip(name, 40))}, welcome to <b>Briefly</b>.`
    : "👋 Welcome to <b>Briefly</b>.";
  return [
    hello,
    "I turn the news into short briefs: a summary of each topic with every sentence linked to its article, search, and a daily digest.",
    "Try <code>/topic gaza</code>, <code>/search hostage body</code>, or just send me a few words. /help lists everything.",
  ].join("\n\n");
}

/** /start and /help. Admin-only commands appear in /help for admins only. */
export function startHelpFeature(deps: { adminIds: readonly number[] }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("start", (ctx) => replyHtml(ctx, welcomeText(ctx.from?.first_name), startKeyboard()));
  feature.command("help", (ctx) =>
    replyHtml(
      ctx,
      renderHelp({
        botUsername: ctx.me.username,
        isAdmin: ctx.from !== undefined && deps.adminIds.includes(ctx.from.id),
        isPrivate: ctx.chat.type === "private",
      }),
    ),
  );
  return feature;
}
