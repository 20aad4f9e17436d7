/**
 * JSON (an article object, an array of them, or `{ "articles": [...] }`) and JSON Lines (one
 * article object per line). Invalid JSON fails the file with the line and column of the error;
 * in JSON Lines a bad line is a warning and the good lines still load.
 */
import type { ParsedArticle } from "../../domain/article.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { locateJsonError, recordOffsets } from "./json-locate.js";
import { recordToArticle } from "./json-record.js";
import { lineIndex } from "./lines.js";
import { normalizeText } from "./normalize.js";

/** Keys of a top-level object whose array value holds the articles. */
const WRAPPER_KEYS = ["articles", "items"] as const;

/** Parse a JSON document of articles. Throws {@link ContentError} for invalid JSON or no article. */
export function parseJson(text: string): ParserOutput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw syntaxError(text);
  }
  const { records, source } = recordsOf(data);
  const lineOf = lineIndex(text);
  const offsets = recordOffsets(text, WRAPPER_KEYS);
  const lines = offsets.length === records.length ? offsets.map(lineOf) : [];
  const articles: ParsedArticle[] = [];
  const warnings: ParseIssue[] = [];
  records.forEach((record, i) => {
    const where = records.length === 1 && !Array.isArray(data) ? "the article" : `record ${i + 1}`;
    const result = recordToArticle(record, lines[i] ?? null, where);
    // `{ "source": "…", "articles": [...] }`: the wrapper's source is every record's default.
    if (result.article) articles.push({ ...result.article, source: result.article.source ?? source });
    warnings.push(...result.issues);
  });
  return finish(articles, warnings, records.length === 0 ? "the JSON holds an empty list" : null);
}

/** Parse JSON Lines: each non-blank line one article object. */
export function parseJsonLines(text: string): ParserOutput {
  const articles: ParsedArticle[] = [];
  const warnings: ParseIssue[] = [];
  let validLines = 0;
  let firstBad: ParseIssue | null = null;
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      const error = locateJsonError(raw);
      const issue = {
        line,
        message: `invalid JSON${error ? ` at column ${error.offset + 1}: ${error.reason}` : ""}; line skipped`,
      };
      firstBad ??= issue;
      warnings.push(issue);
      return;
    }
    validLines++;
    const result = recordToArticle(value, line, `line ${line}`);
    if (result.article) articles.push(result.article);
    warnings.push(...result.issues);
  });
  if (validLines === 0) {
    const bad = firstBad as ParseIssue | null;
    throw new ContentError(
      `no line is valid JSON${bad ? ` (line ${bad.line}: ${bad.message})` : ""}`,
      bad?.line ?? null,
    );
  }
  return finish(articles, warnings, null);
}

function recordsOf(data: unknown): { records: unknown[]; source: string | null } {
  if (Array.isArray(data)) return { records: data, source: null };
  if (typeof data === "object" && data !== null) {
    const record = data as Record<string, unknown>;
    const wrapper = Object.keys(record).find(
      (k) => (WRAPPER_KEYS as readonly string[]).includes(k) && Array.isArray(record[k]),
    );
    if (wrapper === undefined) return { records: [data], source: null };
    const source = typeof record.source === "string" ? normalizeText(record.source) || null : null;
    return { records: record[wrapper] as unknown[], source };
  }
  throw new ContentError(
    `the JSON holds ${typeof data === "string" ? "a string" : `a ${typeof data}`}; expected an article object, a list of them, or { "articles": [...] }`,
    1,
  );
}

function finish(articles: ParsedArticle[], warnings: ParseIssue[], empty: string | null): ParserOutput {
  if (articles.length > 0) return { articles, warnings };
  const first = warnings[0];
  throw new ContentError(
    `no article in the file: ${empty ?? first?.message ?? "no record has a title and a body"}`,
    first?.line ?? null,
  );
}

function syntaxError(text: string): ContentError {
  const error = locateJsonError(text) ?? { offset: 0, reason: "not valid JSON" };
  // A truncated file is reported on its last line with content, not on the empty line after it.
  const offset = Math.min(error.offset, Math.max(0, text.trimEnd().length - 1));
  const line = lineIndex(text)(offset);
  const column = offset - text.lastIndexOf("\n", offset - 1);
  return new ContentError(`invalid JSON at line ${line}, column ${column}: ${error.reason}`, line);
}
