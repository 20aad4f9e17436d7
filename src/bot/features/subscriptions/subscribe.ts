/** /subscribe [TOPIC ...], /unsubscribe [TOPIC ...], the /start Subscribe button and topic suggestions. */
import { Composer } from "grammy";
import type { BotContext } from "../../context.js";
import { escapeHtml } from "../../render/html.js";
import { keyboard } from "../../render/keyboards.js";
import { clip } from "../../render/text.js";
import { replyHtml } from "../../respond.js";
import { onSubAction } from "./actions.js";
import { loadState, type SubscriptionFeatureDeps } from "./deps.js";
import { resolveTopics, suggestTopics } from "./topics-input.js";
import { settingsView, subButton, subscribedText, topicsLabel } from "./views.js";

const quoted = (names: readonly string[]) => names.map((n) => `“${escapeHtml(clip(n, 40))}”`).join(", ");

/** The subscribe/unsubscribe commands and buttons. */
export function subscribeFeature(deps: SubscriptionFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const { subscriptions, topics } = deps;

  const confirm = async (ctx: BotContext, chatId: number, ids: string[], note = "") => {
    const { created } = await subscriptions.subscribe(chatId, ids);
    await replyHtml(ctx, `${subscribedText(await loadState(deps, chatId), created)}${note}`);
  };

  feature.command("subscribe", async (ctx) => {
    if (ctx.match.trim() === "") return confirm(ctx, ctx.chat.id, []);
    const { found, unknown } = resolveTopics(ctx.match, topics);
    const suggestions = suggestTopics(unknown, topics).filter((t) => !found.some((f) => f.id === t.id));
    const markup = keyboard(
      suggestions.map((t) => [subButton(`➕ ${clip(t.name, 30)}`, { kind: "add", topic: t.id })]),
    );
    const unknownNote = unknown.length
      ? `\n\nI don't know ${quoted(unknown)}.${suggestions.length ? " Did you mean one of these?" : " Try /topics to see what's covered."}`
      : "";
    if (found.length === 0) return replyHtml(ctx, unknownNote.trim(), markup);
    const { created } = await subscriptions.subscribe(
      ctx.chat.id,
      found.map((t) => t.id),
    );
    await replyHtml(
      ctx,
      `${subscribedText(await loadState(deps, ctx.chat.id), created)}${unknownNote}`,
      markup,
    );
  });

  feature.command("unsubscribe", async (ctx) => {
    const chatId = ctx.chat.id;
    if (ctx.match.trim() === "") {
      const result = await subscriptions.unsubscribe(chatId);
      return replyHtml(
        ctx,
        result.kind === "not-subscribed"
          ? "You're not subscribed. Send /subscribe for a daily digest."
          : "🔕 You're unsubscribed: no more digests. /subscribe brings them back.",
      );
    }
    const { found, unknown } = resolveTopics(ctx.match, topics);
    const result = await subscriptions.unsubscribe(
      chatId,
      found.map((t) => t.id),
    );
    const unknownNote = unknown.length ? `\nI don't know ${quoted(unknown)}.` : "";
    if (result.kind === "not-subscribed") return replyHtml(ctx, `You're not subscribed.${unknownNote}`);
    if (result.kind === "removed") {
      return replyHtml(
        ctx,
        `🔕 That was your last topic, so you're unsubscribed. /subscribe brings digests back.`,
      );
    }
    const state = await loadState(deps, chatId);
    const names = found.filter((t) => !result.notSubscribed.includes(t.id)).map((t) => t.name);
    const missing = found.filter((t) => result.notSubscribed.includes(t.id)).map((t) => t.name);
    const lines = [
      names.length ? `Dropped ${escapeHtml(names.join(", "))}.` : "Nothing to drop.",
      missing.length
        ? result.sub.topics.length === 0
          ? "You get all news, so there is no topic to drop. To follow only some topics: <code>/subscribe gaza</code>."
          : `You don't follow ${quoted(missing)}.`
        : "",
      `Your digest covers: <b>${topicsLabel(state.topicNames)}</b>.`,
    ];
    await replyHtml(ctx, `${lines.filter(Boolean).join("\n")}${unknownNote}`);
  });

  onSubAction(feature, "start", async (ctx, _action, chatId) => {
    const state = await loadState(deps, chatId);
    await ctx.answerCallbackQuery();
    if (state.sub?.active && state.sub.frequency !== "paused") {
      const view = settingsView("main", state);
      return replyHtml(ctx, view.text, view.markup);
    }
    // Resuming keeps the reader's topics (subscribing with none would mean all news).
    await confirm(ctx, chatId, state.sub?.topics ?? []);
  });

  onSubAction(feature, "add", async (ctx, action, chatId) => {
    const ref = topics.resolve(action.topic);
    if (!ref) return ctx.answerCallbackQuery({ text: "That topic is no longer available. Try /topics." });
    await ctx.answerCallbackQuery({ text: `Added ${clip(ref.name, 60)}` });
    await confirm(ctx, chatId, [ref.id]);
  });
  return feature;
}
