/** One JSON object → one article, accepting the field names news exports commonly use. */
import type { Block, ParsedArticle } from "../../domain/article.js";
import { bodyToBlocks, inlineText } from "./body-text.js";
import { canonicalCredit, splitCredit } from "./captions.js";
import { parseDateValue } from "./dates.js";
import type { ParseIssue } from "./errors.js";
import { normalizeText } from "./normalize.js";

const FIELDS = {
  title: ["title", "headline"],
  body: ["body", "text", "content", "article"],
  date: ["date", "published", "pubDate", "published_at", "datePublished"],
  source: ["source"],
  url: ["url", "link"],
  author: ["author", "byline"],
  caption: ["caption"],
  credit: ["credit"],
} as const;

type Fields = keyof typeof FIELDS;

/** What one record gave: the article (or null when it is unusable) and what was wrong with it. */
export interface RecordResult {
  article: ParsedArticle | null;
  issues: ParseIssue[];
}

/** Map one JSON value to an article. `where` names the record in messages ("record 3"). */
export function recordToArticle(value: unknown, line: number | null, where: string): RecordResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      article: null,
      issues: [{ line, message: `${where} is ${describe(value)}, not an article object; skipped` }],
    };
  }
  const record = value as Record<string, unknown>;
  const pick = (field: Fields): unknown => {
    const name = FIELDS[field].find(
      (n) => Object.hasOwn(record, n) && record[n] !== null && record[n] !== undefined,
    );
    return name === undefined ? undefined : record[name];
  };
  const rawTitle = pick("title");
  const title =
    typeof rawTitle === "string" || typeof rawTitle === "number" ? inlineText(String(rawTitle)) : "";
  const blocks = toBlocks(pick("body"));
  const missing = [
    title === "" ? 'title ("title" or "headline")' : "",
    blocks.length === 0 ? 'body ("body", "text", "content" or "article")' : "",
  ]
    .filter(Boolean)
    .join(" and no ");
  if (missing) return { article: null, issues: [{ line, message: `${where} has no ${missing}; skipped` }] };

  const issues: ParseIssue[] = [];
  const rawDate = pick("date");
  const published = rawDate === undefined ? null : parseDateValue(rawDate);
  if (rawDate !== undefined && published === null) {
    issues.push({
      line,
      message: `${where}: the date ${JSON.stringify(rawDate)} is not a date I understand; left empty`,
    });
  }
  const captionText = text(pick("caption"));
  const split = captionText ? splitCredit(captionText) : { caption: null, credit: null };
  const credit = text(pick("credit"));
  return {
    article: {
      title,
      blocks,
      caption: split.caption,
      credit: credit ? canonicalCredit(credit) : split.credit,
      published,
      source: name(pick("source")),
      url: text(pick("url")),
      author: names(pick("author")),
      line,
    },
    issues,
  };
}

function toBlocks(body: unknown): Block[] {
  if (typeof body === "string") return bodyToBlocks(body);
  if (!Array.isArray(body)) return [];
  return body.flatMap((item): Block[] => {
    if (typeof item === "string") return bodyToBlocks(item);
    // Our own export shape: { kind: "heading" | "paragraph", text }.
    if (typeof item === "object" && item !== null) {
      const { kind, type, text: value } = item as Record<string, unknown>;
      const blockText = typeof value === "string" ? normalizeText(value) : "";
      if (blockText === "") return [];
      return [{ kind: kind === "heading" || type === "heading" ? "heading" : "paragraph", text: blockText }];
    }
    return [];
  });
}

function text(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const clean = inlineText(String(value));
  return clean === "" ? null : clean;
}

/** A name given as a string or as `{ name }` / `{ title }`. */
function name(value: unknown): string | null {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const { name: n, title } = value as Record<string, unknown>;
    return text(n) ?? text(title);
  }
  return text(value);
}

/** One or more names, joined with commas. */
function names(value: unknown): string | null {
  const list = (Array.isArray(value) ? value : [value]).map(name).filter((n): n is string => n !== null);
  return list.length === 0 ? null : list.join(", ");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? "a string" : `a ${typeof value}`;
}
