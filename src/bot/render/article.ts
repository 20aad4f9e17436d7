/**
 * Article renderers: the list item (headline, date · source, one–two summary sentences)
 * and the card (full summary, byline, link, topics). Pure; every text is escaped and
 * clipped so the results stay within fixed visible budgets.
 */
import type { Article } from "../../domain/article.js";
import { bold, escapeHtml, italic, link, MESSAGE_LIMIT, visibleLength } from "./html.js";
import { memoByArticle } from "./memo.js";
import { clip, formatDate, squash } from "./text.js";

/** Visible units a list item never exceeds, so five items and a header fit in one message. */
export const ITEM_BUDGET = 690;
const TITLE_MAX = 240;
const ITEM_TITLE_MAX = 200;
const ITEM_SUMMARY_MAX = 380;
const CARD_SENTENCE_MAX = 700;

/** "9 Nov 2025 · Asharq Al-Awsat", or "" when neither is known. */
export function metaLine(article: Pick<Article, "published" | "source">): string {
  return [formatDate(article.published), article.source ? squash(article.source) : null]
    .filter((p): p is string => Boolean(p))
    .map((p) => clip(p, 80))
    .join(" · ");
}

/** The summary sentences to show, falling back to the opening paragraph when there is no summary. */
export function summarySentences(article: Pick<Article, "summary" | "blocks">): string[] {
  const sentences = article.summary.map(squash).filter(Boolean);
  if (sentences.length > 0) return sentences;
  const first = article.blocks.find((b) => b.kind === "paragraph");
  return first ? [squash(first.text)] : [];
}

/** One list entry: `n.` bold headline, italic date · source, then a one–two sentence summary. */
export function renderArticleItem(article: Article, n: number): string {
  return `${n}. ${itemBody(article)}`;
}

/** The list entry after its number (the same for an article wherever it is listed). */
const itemBody = memoByArticle((article: Article): string => {
  const head = bold(clip(squash(article.title), ITEM_TITLE_MAX));
  const meta = metaLine(article);
  const summary = clip(summarySentences(article).slice(0, 2).join(" "), ITEM_SUMMARY_MAX);
  return [head, meta ? italic(meta) : "", summary ? escapeHtml(summary) : ""].filter(Boolean).join("\n");
});

const cardAtLimit = memoByArticle((article: Article) => renderCard(article, MESSAGE_LIMIT));

/**
 * The article card: headline, byline, every summary sentence as a bullet, the source link
 * and its topics. Bullets that would push it over the limit are left out (the full text
 * button shows everything).
 */
export function renderArticleCard(article: Article, limit: number = MESSAGE_LIMIT): string {
  return limit === MESSAGE_LIMIT ? cardAtLimit(article) : renderCard(article, limit);
}

function renderCard(article: Article, limit: number): string {
  const top = [bold(clip(squash(article.title), TITLE_MAX))];
  const meta = [metaLine(article), article.author ? `by ${clip(squash(article.author), 80)}` : ""]
    .filter(Boolean)
    .join(" · ");
  if (meta) top.push(italic(meta));
  const bottom: string[] = [];
  if (article.url) bottom.push(link(article.url, "Read at the source"));
  const topics = article.topics.slice(0, 6).map((t) => clip(squash(t.name), 40));
  if (topics.length > 0) bottom.push(`Topics: ${escapeHtml(topics.join(" · "))}`);
  let used = visibleLength(top.join("\n")) + visibleLength(bottom.join("\n")) + 4;
  const bullets: string[] = [];
  for (const sentence of summarySentences(article)) {
    const shown = clip(sentence, CARD_SENTENCE_MAX);
    const bullet = `• ${escapeHtml(shown)}`;
    // Visible: the bullet, its space and the sentence itself (escaping is undone by Telegram), and a newline.
    const units = 2 + shown.length + 1;
    if (used + units > limit) break;
    bullets.push(bullet);
    used += units;
  }
  return [top.join("\n"), bullets.join("\n"), bottom.join("\n")].filter(Boolean).join("\n\n");
}
