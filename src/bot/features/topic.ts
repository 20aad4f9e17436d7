/** /topic NAME: the topic brief and its articles, paged in place; unknown names get suggestions. */
import { Composer } from "grammy";
import type { Article } from "../../domain/article.js";
import type { NewsReader, TopicLookup } from "../../services/types.js";
import { answerWhile, onAction, STALE_BUTTON } from "../actions.js";
import type { BotContext } from "../context.js";
import { cleanUserText, escapeHtml } from "../render/html.js";
import { listKeyboard, topicKeyboard } from "../render/keyboards.js";
import { listHeader, PAGE_SIZE, renderBrief, renderListPage, renderTopicMessages } from "../render/list.js";
import { clip } from "../render/text.js";
import { editHtml, replyHtml, replyMessages } from "../respond.js";
import { replyTrending } from "./topics.js";

type Found = Extract<TopicLookup, { kind: "found" }>;

/** /topic and the topic buttons (open in a new message, or page the pressed one). */
export function topicFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const { reader } = deps;
  const feature = new Composer<BotContext>();

  feature.command("topic", async (ctx) => {
    const name = clip(cleanUserText(ctx.match).replace(/\s+/g, " "), 80);
    if (name === "") {
      await replyTrending(ctx, reader, "Which topic? Tap one, or send e.g. <code>/topic gaza</code>.");
      return;
    }
    const lookup = await reader.topic(name, { offset: 0, limit: PAGE_SIZE });
    if (lookup.kind === "found") return sendTopic(ctx, reader, lookup);
    const unknown = `I don't know a topic called “${escapeHtml(name)}”.`;
    if (lookup.suggestions.length === 0)
      return replyTrending(ctx, reader, `${unknown} Here is what's trending:`);
    await replyHtml(ctx, `${unknown} Did you mean one of these?`, topicKeyboard(lookup.suggestions));
  });

  onAction(feature, "topic", async (ctx, action) => {
    const lookup = await reader.topic(action.topic, { offset: action.offset, limit: PAGE_SIZE });
    if (lookup.kind !== "found" || lookup.page.items.length === 0) {
      await ctx.answerCallbackQuery({ text: STALE_BUTTON });
      return;
    }
    await answerWhile(ctx, () =>
      action.edit
        ? editHtml(
            ctx,
            renderListPage(topicHeader(lookup), lookup.page.items, lookup.page.offset),
            keys(lookup),
          )
        : sendTopic(ctx, reader, lookup),
    );
  });
  return feature;
}

/** First view of a topic: header, attributed brief (first page only), articles, buttons. */
async function sendTopic(ctx: BotContext, reader: NewsReader, lookup: Found): Promise<void> {
  const { items, offset } = lookup.page;
  const brief = offset === 0 ? lookup.brief : [];
  const missing = [...new Set(brief.map((s) => s.articleId))].filter((id) => !items.some((a) => a.id === id));
  const others = new Map<string, Article>();
  for (const article of await Promise.all(missing.map((id) => reader.article(id)))) {
    if (article) others.set(article.id, article);
  }
  const briefHtml = renderBrief(brief, items, offset, others);
  await replyMessages(ctx, renderTopicMessages(topicHeader(lookup), briefHtml, items, offset), keys(lookup));
}

function topicHeader(lookup: Found): string {
  return listHeader("📰", lookup.topic.name, lookup.page.total, ["article", "articles"]);
}

function keys(lookup: Found) {
  return listKeyboard(lookup.page.items, {
    offset: lookup.page.offset,
    pageSize: PAGE_SIZE,
    total: lookup.page.total,
    pageAt: (offset) => ({ kind: "topic", topic: lookup.topic.id, offset, edit: true }),
  });
}
