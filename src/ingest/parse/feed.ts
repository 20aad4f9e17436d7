/**
 * RSS 2.0 (and RSS 1.0) and Atom feeds. Item HTML becomes paragraphs through the DOM (text only:
 * entities decoded, scripts and styles dropped). A broken item is a warning and the good items
 * still load; malformed XML or a feed with no usable item fails the file.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { ParsedArticle } from "../../domain/article.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { atomEntry, type FeedItem, rssItem, textOf } from "./feed-items.js";
import { countLines, lineIndex } from "./lines.js";
import { startTagOffsets } from "./xml-text.js";

/** Elements whose inner XML is kept raw, so CDATA, escaped HTML and XHTML are handled in one place. */
const RAW_ELEMENTS = ["*.title", "*.description", "*.content:encoded", "*.content", "*.summary"];

/** Parse an RSS or Atom feed. Throws {@link ContentError} for malformed XML or no usable item. */
export function parseFeed(text: string, format: "rss" | "atom"): ParserOutput {
  validate(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    textNodeName: "#text",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => name === "item" || name === "entry" || name === "link",
    stopNodes: RAW_ELEMENTS,
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    // Well-formed XML the parser still refuses, e.g. a DOCTYPE declaring external entities.
    throw new ContentError(`unsupported XML: ${(error as Error).message}`, null);
  }
  const { items, feedTitle, tag } = format === "atom" ? atomParts(doc) : rssParts(doc);
  const offsets = startTagOffsets(text, tag);
  const lineOf = lineIndex(text);
  const lines = offsets.length === items.length ? offsets.map(lineOf) : [];
  if (items.length === 0) throw new ContentError(`the feed has no <${tag}> elements`, null);

  const articles: ParsedArticle[] = [];
  const warnings: ParseIssue[] = [];
  items.forEach((raw, i) => {
    const line = lines[i] ?? null;
    const where = `item ${i + 1}`;
    const item: FeedItem = format === "atom" ? atomEntry(raw) : rssItem(raw);
    const problem = !item.title
      ? item.blocks.length === 0
        ? "has no title and no text"
        : "has text but no title"
      : item.blocks.length === 0
        ? `("${item.title}") has no text`
        : null;
    if (problem) {
      warnings.push({ line, message: `${where} ${problem}; skipped` });
      return;
    }
    if (item.rawDate !== null && item.published === null) {
      warnings.push({
        line,
        message: `${where}: the date "${item.rawDate}" is not a date I understand; left empty`,
      });
    }
    articles.push({
      title: item.title,
      blocks: item.blocks,
      caption: null,
      credit: null,
      published: item.published,
      source: item.source ?? feedTitle,
      url: item.url,
      author: item.author,
      line,
    });
  });
  if (articles.length === 0) {
    const first = warnings[0];
    throw new ContentError(
      `every item in the feed is broken (${items.length} of ${items.length})${first ? `; ${first.message}` : ""}`,
      first?.line ?? null,
    );
  }
  return { articles, warnings };
}

function validate(text: string): void {
  const result = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (result === true) return;
  const { msg, line, code } = result.err;
  const open = /^Invalid '\[(.*)\]' found\.$/s.exec(msg);
  if (code === "InvalidXml" && open) {
    const tags = (open[1] ?? "").replace(/[\s"]/g, "").split(",").filter(Boolean);
    throw new ContentError(
      `malformed XML: the file ends before ${tags.map((t) => `<${t}>`).join(", ")} ${tags.length === 1 ? "is" : "are"} closed (is it truncated?)`,
      countLines(text),
    );
  }
  throw new ContentError(`malformed XML on line ${line}: ${msg}`, line);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function rssParts(doc: Record<string, unknown>): { items: unknown[]; feedTitle: string | null; tag: string } {
  const rss = asRecord(doc.rss);
  const rdf = asRecord(doc["rdf:RDF"]);
  const channel = asRecord(asList(rss.channel ?? rdf.channel)[0]);
  // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
  const items = asList(channel.item ?? rdf.item);
  return { items, feedTitle: textOf(channel.title, "text"), tag: "item" };
}

function atomParts(doc: Record<string, unknown>): {
  items: unknown[];
  feedTitle: string | null;
  tag: string;
} {
  const feed = asRecord(doc.feed);
  return { items: asList(feed.entry), feedTitle: textOf(feed.title, "text"), tag: "entry" };
}
