/** Article buttons: open the card, page through the full text, back to the card. */
import { Composer } from "grammy";
import type { NewsReader } from "../../services/types.js";
import { answerWhile, onAction } from "../actions.js";
import type { BotContext } from "../context.js";
import { renderArticleCard } from "../render/article.js";
import { renderFullTextPage } from "../render/full-text.js";
import { cardKeyboard, fullTextKeyboard } from "../render/keyboards.js";
import { editHtml, replyHtml } from "../respond.js";

/** Answer for a button whose article is no longer stored. */
export const ARTICLE_GONE = "This article is no longer available.";

/** The "article", "fulltext" and "card" buttons. Cards are new messages; the others edit in place. */
export function articleFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  onAction(feature, "article", async (ctx, action) => {
    const article = await deps.reader.article(action.id);
    if (!article) return ctx.answerCallbackQuery({ text: ARTICLE_GONE });
    await answerWhile(ctx, () => replyHtml(ctx, renderArticleCard(article), cardKeyboard(article)));
  });
  onAction(feature, "fulltext", async (ctx, action) => {
    const article = await deps.reader.article(action.id);
    if (!article) return ctx.answerCallbackQuery({ text: ARTICLE_GONE });
    const { text, page, pages } = renderFullTextPage(article, action.page);
    await answerWhile(ctx, () => editHtml(ctx, text, fullTextKeyboard(article.id, page, pages)));
  });
  onAction(feature, "card", async (ctx, action) => {
    const article = await deps.reader.article(action.id);
    if (!article) return ctx.answerCallbackQuery({ text: ARTICLE_GONE });
    await answerWhile(ctx, () => editHtml(ctx, renderArticleCard(article), cardKeyboard(article)));
  });
  onAction(feature, "noop", (ctx) => ctx.answerCallbackQuery());
  return feature;
}
