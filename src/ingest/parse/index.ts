/**
 * The pure parsing stage of the admin loader: bytes of one file in, clean articles out.
 * Formats: plain-text dumps, Markdown with front matter, JSON / JSON Lines, RSS / Atom feeds and
 * saved HTML pages, detected by content (the extension only breaks ties).
 */
import type { ContentFormat, ParsedArticle } from "../../domain/article.js";
import { decodeText } from "./decode.js";
import { detectFormat } from "./detect.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { parseFeed } from "./feed.js";
import { finalize } from "./finalize.js";
import { parseHtmlPage } from "./html.js";
import { parseJson, parseJsonLines } from "./json.js";
import { parseMarkdown } from "./markdown.js";
import { parsePlainText } from "./plain-text.js";

export type { Block, ContentFormat, ParsedArticle } from "../../domain/article.js";
export { decodeText } from "./decode.js";
export { detectFormat } from "./detect.js";
export { ContentError, type ParseIssue } from "./errors.js";
export { normalizeText } from "./normalize.js";

/** What one file gave: its detected format, its articles in file order, and what was skipped. */
export interface ParseResult {
  format: ContentFormat;
  articles: ParsedArticle[];
  warnings: ParseIssue[];
}

const PARSERS: Record<ContentFormat, (text: string) => ParserOutput> = {
  text: parsePlainText,
  markdown: parseMarkdown,
  json: parseJson,
  jsonl: parseJsonLines,
  rss: (text) => parseFeed(text, "rss"),
  atom: (text) => parseFeed(text, "atom"),
  html: parseHtmlPage,
};

/**
 * Decode, detect the format by content (extension only as a tie-breaker), and parse. Never
 * returns an article with an empty title or no paragraph, never two identical articles.
 * Throws {@link ContentError} (with the line where it applies) when the file cannot be loaded.
 */
export function parseContent(input: { bytes: Uint8Array; fileName: string }): ParseResult {
  const text = decodeText(input.bytes, input.fileName);
  const format = detectFormat(text, input.fileName);
  if (format === null) throw unknownFormat(text);
  return { format, ...finalize(PARSERS[format](text)) };
}

function unknownFormat(text: string): ContentError {
  const root = /<([A-Za-z_][\w:.-]*)/.exec(text.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->|<![^>]*>/g, ""));
  return new ContentError(
    root
      ? `unsupported XML: the root element is <${root[1]}>; expected an RSS (<rss>) or Atom (<feed>) feed`
      : "unrecognised content: not text, Markdown, JSON, a feed or an HTML page",
    1,
  );
}
