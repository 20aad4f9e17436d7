/** /time HH:MM and /timezone ZONE: set directly, with clear errors and suggestions. */
import { Composer } from "grammy";
import { TimezoneError } from "../../../digest/timezone.js";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../render/html.js";
import { keyboard } from "../../render/keyboards.js";
import { replyHtml } from "../../respond.js";
import { isReaderError, loadState, type SubscriptionFeatureDeps } from "./deps.js";
import { nextLine, subButton } from "./views.js";

/** The /time and /timezone commands. */
export function scheduleFeature(deps: SubscriptionFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const { subscriptions } = deps;

  const current = async (ctx: BotContext, chatId: number, ask: string) => {
    const { sub } = await loadState(deps, chatId);
    const now = sub ? ` Now: ${sub.time} (${escapeHtml(sub.timezone)}).` : "";
    await replyHtml(ctx, `${ask}${now}`);
  };

  /** Apply a setting; typed errors become the reply, with suggestion buttons for zones. */
  const apply = async (ctx: BotContext, chatId: number, set: () => Promise<unknown>, done: string) => {
    try {
      await set();
    } catch (error) {
      if (!isReaderError(error)) throw error;
      const suggestions = error instanceof TimezoneError ? error.suggestions : [];
      const markup = keyboard([suggestions.map((zone) => subButton(zone, { kind: "zone", zone }))]);
      return replyHtml(ctx, escapeHtml(error.message), markup);
    }
    await replyHtml(ctx, `${done}\n${nextLine(await loadState(deps, chatId))}`);
  };

  feature.command("time", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "")
      return current(ctx, ctx.chat.id, "Send the time you want your digest, e.g. <code>/time 07:30</code>.");
    await apply(
      ctx,
      ctx.chat.id,
      () => subscriptions.setTime(ctx.chat.id, input.slice(0, 20)),
      "🕐 Time saved.",
    );
  });

  feature.command("timezone", async (ctx) => {
    const input = ctx.match.trim();
    if (input === "") {
      return current(
        ctx,
        ctx.chat.id,
        "Send your time zone: <code>/timezone Europe/Berlin</code>, a city (<code>/timezone New York</code>) or an offset (<code>/timezone UTC+05:30</code>).",
      );
    }
    await apply(
      ctx,
      ctx.chat.id,
      () => subscriptions.setTimezone(ctx.chat.id, input.slice(0, 60)),
      "🌍 Time zone saved.",
    );
  });
  return feature;
}
