/** Inline mode: `@bot QUERY` lists articles; choosing one posts its card. */
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Article } from "../../domain/article.js";
import type { NewsReader } from "../../services/types.js";
import { byteLength } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { renderArticleCard, summarySentences } from "../render/article.js";
import { cleanUserText } from "../render/html.js";
import { cardKeyboard } from "../render/keyboards.js";
import { memoByArticle } from "../render/memo.js";
import { clip, squash } from "../render/text.js";
import { HTML } from "../respond.js";

/** Results per inline page (Telegram allows up to 50). */
export const INLINE_PAGE_SIZE = 20;
const MAX_INLINE_OFFSET = 1000;

/** Answer inline queries: search results (or the latest articles for an empty query), paged by next_offset. */
export function inlineFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("inline_query", async (ctx) => {
    const query = clip(cleanUserText(ctx.inlineQuery.query).replace(/\s+/g, " "), 200);
    const offset = parseOffset(ctx.inlineQuery.offset);
    const request = { offset, limit: INLINE_PAGE_SIZE };
    const page = query ? await deps.reader.search(query, request) : await deps.reader.latest(request);
    const next = offset + page.items.length;
    await ctx.answerInlineQuery(page.items.filter(fitsAsResult).map(toResult), {
      cache_time: 30,
      next_offset:
        page.items.length > 0 && next < page.total && next <= MAX_INLINE_OFFSET ? String(next) : "",
      ...(offset === 0 && page.items.length === 0
        ? { button: { text: "Nothing found — open Briefly", start_parameter: "inline" } }
        : {}),
    });
  });
  return feature;
}

/** Inline offsets are ours ("20", "40"…); anything else starts from the top. */
export function parseOffset(raw: string): number {
  return /^\d{1,4}$/.test(raw) ? Math.min(Number(raw), MAX_INLINE_OFFSET) : 0;
}

function fitsAsResult(article: Article): boolean {
  return byteLength(article.id) <= 64;
}

/** One inline result: headline, first summary sentence as description, the card as the posted message. */
export const toResult = memoByArticle(
  (article: Article): InlineQueryResultArticle => ({
    type: "article",
    id: article.id,
    title: clip(squash(article.title), 120),
    description: clip(summarySentences(article)[0] ?? "", 160),
    input_message_content: { message_text: renderArticleCard(article), ...HTML },
    reply_markup: cardKeyboard(article),
  }),
);
