/** /digest (your digest now, schedule untouched) and the "N more" buttons of digests. */
import { Composer } from "grammy";
import type { RenderedDigest } from "../../../digest/render.js";
import type { BotContext } from "../../context.js";
import { replyHtml } from "../../respond.js";
import { onSubAction } from "./actions.js";
import { digestMarkup, type SubscriptionFeatureDeps } from "./deps.js";
import { subButton } from "./views.js";

/** Answer when a scheduled digest's other stories are gone from memory (e.g. after a restart). */
export const CONTINUATION_GONE = "These stories are no longer at hand. Send /digest for your news now.";
/** Answer when a "more" button has nothing left to show. */
export const NOTHING_MORE = "That was everything in this digest.";

/** The /digest command and the "N more" buttons. */
export function digestFeature(deps: SubscriptionFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const { subscriptions } = deps;

  const send = async (ctx: BotContext, chatId: number, message: RenderedDigest) => {
    const subscribed = (await subscriptions.get(chatId)) !== undefined;
    // Non-subscribers get the all-news digest and a way to have it every day.
    const extra = subscribed ? [] : [[subButton("🔔 Get this every day", { kind: "start" })]];
    await replyHtml(ctx, message.text, digestMarkup(message, extra));
  };

  feature.command("digest", async (ctx) => {
    const { message } = await subscriptions.previewDigest(ctx.chat.id, deps.clock());
    await send(ctx, ctx.chat.id, message);
  });

  onSubAction(feature, "more", async (ctx, action, chatId) => {
    const message = action.scheduled
      ? await deps.continuation(chatId, action.offset)
      : (await subscriptions.previewDigest(chatId, deps.clock(), { offset: action.offset })).message;
    if (!message) return ctx.answerCallbackQuery({ text: CONTINUATION_GONE, show_alert: true });
    if (message.shown === 0) return ctx.answerCallbackQuery({ text: NOTHING_MORE });
    await ctx.answerCallbackQuery();
    await send(ctx, chatId, message);
  });
  return feature;
}
