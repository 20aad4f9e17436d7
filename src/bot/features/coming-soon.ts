/**
 * Placeholders for the digest/subscription commands and the Subscribe button. Installed
 * after extraFeatures, so a feature that implements them takes over without changes here.
 */
import { Composer } from "grammy";
import { extensionPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** Answer while subscriptions are not installed. */
export const COMING_SOON =
  "Daily digests and subscriptions are coming soon. Meanwhile try /topics or /latest.";

/** "Coming soon" for /digest, /subscribe, /unsubscribe, /settings, /time, /timezone and the "sub" buttons; admin gate for /stats, /reload. */
export function comingSoonFeature(deps: { adminIds: readonly number[] }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(["digest", "subscribe", "unsubscribe", "settings", "time", "timezone"], (ctx) =>
    ctx.reply(COMING_SOON),
  );
  feature.command(["stats", "reload"], (ctx) =>
    ctx.reply(
      ctx.from && deps.adminIds.includes(ctx.from.id)
        ? "This admin command is coming soon."
        : "Sorry, this command is for the bot's admins only.",
    ),
  );
  feature.callbackQuery(extensionPattern("sub"), (ctx) => ctx.answerCallbackQuery({ text: COMING_SOON }));
  return feature;
}
