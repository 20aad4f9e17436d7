/**
 * List messages (latest, search results, a topic's articles) and the topic brief.
 * A page of a list is always one message, so paging can edit it in place; a topic's
 * first view adds the brief in front and is packed on item boundaries.
 */
import type { Article } from "../../domain/article.js";
import type { BriefSentence } from "../../domain/topic.js";
import { renderArticleItem } from "./article.js";
import { escapeHtml, italic, link } from "./html.js";
import { packBlocks } from "./split.js";
import { clip, squash, superscript } from "./text.js";

/** Articles per list page (the reader's pages are this size too). */
export const PAGE_SIZE = 5;
const HEADER_MAX = 200;
const BRIEF_SENTENCE_MAX = 400;

/** One page of a list: a header line (HTML, already escaped) and numbered items. Fits one message. */
export function renderListPage(header: string, articles: readonly Article[], offset: number): string {
  const items = articles.map((a, i) => renderArticleItem(a, offset + i + 1));
  return [header, ...items].join("\n\n");
}

/** A list header: the label escaped and clipped, e.g. `🔎 <b>gaza truce</b> · 12 results`. */
export function listHeader(icon: string, label: string, total: number, noun: [string, string]): string {
  const count = `${total} ${total === 1 ? noun[0] : noun[1]}`;
  return `${icon} <b>${escapeHtml(clip(squash(label), HEADER_MAX - count.length - 8))}</b> · ${count}`;
}

/**
 * The topic brief: each sentence followed by its source marker. A source listed on the page
 * gets its number (¹ = item 1), linked when it has a URL; any other source is named in italics.
 */
export function renderBrief(
  brief: readonly BriefSentence[],
  listed: readonly Article[],
  offset: number,
  others: ReadonlyMap<string, Pick<Article, "title" | "url">> = new Map(),
): string {
  const lines = brief.map((s) => {
    const text = escapeHtml(clip(squash(s.text), BRIEF_SENTENCE_MAX));
    const at = listed.findIndex((a) => a.id === s.articleId);
    const listedArticle = listed[at];
    if (listedArticle) return `${text}${link(listedArticle.url, superscript(offset + at + 1))}`;
    const other = others.get(s.articleId);
    return other ? `${text} — ${italic(clip(squash(other.title), 60))}` : text;
  });
  return lines.length > 0 ? `<blockquote>${lines.join("\n")}</blockquote>` : "";
}

/**
 * A topic's first view: header, brief, then the page's items, packed into as few messages
 * as fit (the keyboard goes under the last one).
 */
export function renderTopicMessages(
  header: string,
  brief: string,
  articles: readonly Article[],
  offset: number,
): string[] {
  const items = articles.map((a, i) => renderArticleItem(a, offset + i + 1));
  const first = brief ? `${header}\n\n${brief}` : header;
  return packBlocks([first, ...items]);
}
