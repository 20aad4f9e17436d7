/**
 * Full text of an article as pages that each fit one Telegram message. Headings are kept
 * as bold lines; pages break between paragraphs, and only a paragraph longer than a page
 * is cut (at a word).
 */
import type { Article } from "../../domain/article.js";
import { bold, escapeHtml, italic } from "./html.js";
import { packBlocks } from "./split.js";
import { clip, squash } from "./text.js";

/** Visible units of body text per page; the page header takes the rest of the 4,096. */
export const PAGE_BODY_LIMIT = 3700;

/** The article body split into page bodies (HTML). Always at least one page. */
export function fullTextPages(article: Pick<Article, "blocks">, limit = PAGE_BODY_LIMIT): string[] {
  const blocks = article.blocks
    .map((b) => (b.kind === "heading" ? bold(squash(b.text)) : escapeHtml(b.text.trim())))
    .filter((b) => b !== "" && b !== "<b></b>");
  const pages = packBlocks(blocks, { limit });
  return pages.length > 0 ? pages : [italic("This article has no text.")];
}

/** One rendered page: bold headline, "Page i of n", then the body. `page` is clamped into range. */
export function renderFullTextPage(
  article: Pick<Article, "title" | "blocks">,
  page: number,
): { text: string; page: number; pages: number } {
  const pages = fullTextPages(article);
  const index = Math.min(Math.max(0, page), pages.length - 1);
  const header = `${bold(clip(squash(article.title), 240))}\n${italic(`Full text · page ${index + 1} of ${pages.length}`)}`;
  return { text: `${header}\n\n${pages[index]}`, page: index, pages: pages.length };
}
