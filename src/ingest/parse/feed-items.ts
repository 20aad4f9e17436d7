/** One RSS item or Atom entry (as fast-xml-parser returns it) → the fields of an article. */
import type { Block } from "../../domain/article.js";
import { bodyToBlocks, inlineText, textToBlocks } from "./body-text.js";
import { parseDateValue } from "./dates.js";
import { htmlFragmentToBlocks, htmlFragmentToText } from "./dom-text.js";
import { normalizeText } from "./normalize.js";
import { xmlInnerText } from "./xml-text.js";

/** What an item gave; `title` is "" and `blocks` empty when the item lacks them. */
export interface FeedItem {
  title: string;
  blocks: Block[];
  source: string | null;
  url: string | null;
  author: string | null;
  /** The date as written, to warn about when it cannot be read. */
  rawDate: string | null;
  published: string | null;
}

/**
 * How an element's content is encoded: Atom's `type` attribute ("text", "html", "xhtml" or a
 * MIME type), or "auto" for RSS, where HTML is conventional but not declared.
 */
type Encoding = "text" | "html" | "xhtml" | "auto" | "other";

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function rawOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  const text = record(value)["#text"];
  return typeof text === "string" || typeof text === "number" ? String(text) : null;
}

function encodingOf(value: unknown, fallback: "text" | "auto"): Encoding {
  const type = record(value)["@_type"];
  if (typeof type !== "string") return fallback;
  if (type === "text" || type === "text/plain") return "text";
  if (type === "html" || type === "text/html") return "html";
  if (type === "xhtml" || type === "application/xhtml+xml") return "xhtml";
  return "other";
}

/** One-line text of a title-like element. */
export function textOf(value: unknown, fallback: "text" | "auto"): string | null {
  const raw = rawOf(value);
  if (raw === null) return null;
  const encoding = encodingOf(value, fallback);
  let text: string;
  if (encoding === "xhtml") text = htmlFragmentToText(raw);
  else if (encoding === "html") text = htmlFragmentToText(xmlInnerText(raw));
  else if (encoding === "auto") text = inlineText(xmlInnerText(raw));
  else text = normalizeText(xmlInnerText(raw));
  return text === "" ? null : text;
}

function blocksOf(value: unknown, fallback: "text" | "auto"): Block[] {
  const raw = rawOf(value);
  if (raw === null || typeof record(value)["@_src"] === "string") return [];
  switch (encodingOf(value, fallback)) {
    case "xhtml":
      return htmlFragmentToBlocks(raw);
    case "html":
      return htmlFragmentToBlocks(xmlInnerText(raw));
    case "auto":
      return bodyToBlocks(xmlInnerText(raw));
    case "text":
      return textToBlocks(xmlInnerText(raw));
    default:
      return [];
  }
}

function firstBlocks(...candidates: (() => Block[])[]): Block[] {
  for (const candidate of candidates) {
    const blocks = candidate();
    if (blocks.length > 0) return blocks;
  }
  return [];
}

function names(values: unknown[]): string | null {
  const found = values
    .map((v) =>
      textOf(typeof v === "object" && v !== null && "name" in (v as object) ? record(v).name : v, "text"),
    )
    .filter((n): n is string => n !== null);
  return found.length === 0 ? null : [...new Set(found)].join(", ");
}

function dated(raw: unknown): Pick<FeedItem, "rawDate" | "published"> {
  const rawDate = textOf(raw, "text");
  return { rawDate, published: rawDate === null ? null : parseDateValue(rawDate) };
}

/** Fields of an RSS 2.0 / 1.0 `<item>`. */
export function rssItem(value: unknown): FeedItem {
  const item = record(value);
  const guid = record(item.guid);
  const guidUrl = rawOf(item.guid);
  const permalink =
    guidUrl && guid["@_isPermaLink"] !== "false" && /^https?:\/\//.test(guidUrl.trim())
      ? guidUrl.trim()
      : null;
  const link = list(item.link)
    .map(rawOf)
    .find((l): l is string => l !== null && l.trim() !== "");
  return {
    title: textOf(item.title, "auto") ?? "",
    blocks: firstBlocks(
      () => blocksOf(item["content:encoded"], "auto"),
      () => blocksOf(item.description, "auto"),
    ),
    source: textOf(item.source, "text"),
    url: link?.trim() ?? permalink,
    author: names([...list(item.author), ...list(item["dc:creator"])]),
    ...dated(item.pubDate ?? item["dc:date"]),
  };
}

/** Fields of an Atom `<entry>`. */
export function atomEntry(value: unknown): FeedItem {
  const entry = record(value);
  const links = list(entry.link).map(record);
  const alternate = links.find((l) => l["@_rel"] === undefined || l["@_rel"] === "alternate") ?? links[0];
  const href = alternate?.["@_href"];
  return {
    title: textOf(entry.title, "text") ?? "",
    blocks: firstBlocks(
      () => blocksOf(entry.content, "text"),
      () => blocksOf(entry.summary, "text"),
    ),
    source: textOf(record(entry.source).title, "text"),
    url: typeof href === "string" && href.trim() !== "" ? href.trim() : null,
    author: names(list(entry.author)),
    ...dated(entry.published ?? entry.updated),
  };
}
