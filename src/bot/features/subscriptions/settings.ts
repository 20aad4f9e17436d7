/** /settings: one inline menu (time, zone, topics, frequency, size, "nothing new" note) editing one message. */
import { Composer } from "grammy";
import { NotSubscribedError } from "../../../digest/subscription-defaults.js";
import type { BotContext } from "../../context.js";
import { editHtml, replyHtml } from "../../respond.js";
import { onSubAction } from "./actions.js";
import type { SettingsView } from "./data.js";
import { isReaderError, loadState, type SubscriptionFeatureDeps, toastText } from "./deps.js";
import { settingsView } from "./views.js";

/** The /settings command and every button of its menu. */
export function settingsFeature(deps: SubscriptionFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const s = deps.subscriptions;

  const show = async (ctx: BotContext, chatId: number, view: SettingsView) => {
    const { text, markup } = settingsView(view, await loadState(deps, chatId));
    await editHtml(ctx, text, markup);
  };

  /** Apply a change, answer the button, and show the main view (or the reader-facing error). */
  const change = async (ctx: BotContext, chatId: number, apply: () => Promise<unknown>, saved = "Saved") => {
    try {
      await apply();
    } catch (error) {
      if (!isReaderError(error)) throw error;
      await ctx.answerCallbackQuery({ text: toastText(error), show_alert: true });
      return show(ctx, chatId, "main");
    }
    await ctx.answerCallbackQuery({ text: saved });
    await show(ctx, chatId, "main");
  };

  feature.command("settings", async (ctx) => {
    const { text, markup } = settingsView("main", await loadState(deps, ctx.chat.id));
    await replyHtml(ctx, text, markup);
  });
  onSubAction(feature, "view", async (ctx, action, chatId) => {
    await ctx.answerCallbackQuery();
    await show(ctx, chatId, action.view);
  });
  onSubAction(feature, "time", (ctx, a, chatId) => change(ctx, chatId, () => s.setTime(chatId, a.time)));
  onSubAction(feature, "zone", (ctx, a, chatId) => change(ctx, chatId, () => s.setTimezone(chatId, a.zone)));
  onSubAction(feature, "freq", (ctx, a, chatId) =>
    change(ctx, chatId, () => s.setFrequency(chatId, a.frequency)),
  );
  onSubAction(feature, "day", (ctx, a, chatId) =>
    change(ctx, chatId, () => s.setFrequency(chatId, "weekly", a.day)),
  );
  onSubAction(feature, "size", (ctx, a, chatId) => change(ctx, chatId, () => s.setSize(chatId, a.size)));
  onSubAction(feature, "empty", (ctx, a, chatId) =>
    change(ctx, chatId, () => s.setNotifyEmpty(chatId, a.on)),
  );
  onSubAction(feature, "drop", async (ctx, a, chatId) => {
    const result = await s.unsubscribe(chatId, [a.topic]);
    await ctx.answerCallbackQuery({
      text: result.kind === "removed" ? "That was your last topic, so you're unsubscribed." : "Topic dropped",
    });
    await show(ctx, chatId, result.kind === "updated" ? "topics" : "main");
  });
  onSubAction(feature, "all", async (ctx, _a, chatId) => {
    const sub = await s.get(chatId);
    await change(ctx, chatId, () =>
      sub ? s.subscribe(chatId, []) : Promise.reject(new NotSubscribedError(chatId)),
    );
  });
  return feature;
}
