/**
 * Markdown with optional YAML front matter, one article a file. The title comes from front
 * matter or the first `# ` heading; `##`+ headings become heading blocks; lists, quotes and
 * paragraphs become paragraphs; code blocks, tables rules and reference definitions are dropped.
 */
import YAML from "yaml";
import type { Block } from "../../domain/article.js";
import { canonicalCredit, splitCredit } from "./captions.js";
import { parseDateValue } from "./dates.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { markdownInline } from "./markdown-inline.js";
import { isHeadlineLike } from "./text-rules.js";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_2 = /^ {0,3}-+[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE = /^ {0,3}\[[^\]]{1,200}\]:\s*\S/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const TABLE_RULE = /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?)?[ \t]*$/;

/** Parse a Markdown article. Throws {@link ContentError} for invalid front matter or no title/body. */
export function parseMarkdown(text: string): ParserOutput {
  const lines = text.split("\n");
  const warnings: ParseIssue[] = [];
  const { meta, bodyStart } = readFrontMatter(lines);
  const body = readBody(lines, bodyStart);
  const metaTitle = str(meta.title);
  let title = metaTitle ? markdownInline(metaTitle) : (body.h1?.text ?? "");
  let blocks = body.blocks;
  // A "# " heading that differs from the front-matter title is a section heading, not the title.
  if (metaTitle && body.h1 && body.h1.text.toLowerCase() !== title.toLowerCase()) {
    const at = body.h1.index;
    blocks = [...blocks.slice(0, at), { kind: "heading", text: body.h1.text }, ...blocks.slice(at)];
  }
  if (
    title === "" &&
    blocks[0]?.kind === "paragraph" &&
    isHeadlineLike(blocks[0].text) &&
    body.firstIsSingleLine
  ) {
    title = blocks[0].text;
    blocks = blocks.slice(1);
  }
  if (title === "") {
    throw new ContentError(
      'no title: give "title:" in the front matter or start the article with a "# " heading',
      bodyStart + 1,
    );
  }
  if (!blocks.some((b) => b.kind === "paragraph"))
    throw new ContentError("no body text under the title", bodyStart + 1);

  const rawDate = meta.published ?? meta.date;
  const published = rawDate === undefined || rawDate === null ? null : parseDateValue(rawDate);
  if (rawDate !== undefined && rawDate !== null && published === null) {
    warnings.push({
      line: 1,
      message: `front matter: the date ${JSON.stringify(rawDate)} is not a date I understand; left empty`,
    });
  }
  const rawCaption = str(meta.caption);
  const split = rawCaption ? splitCredit(markdownInline(rawCaption)) : { caption: null, credit: null };
  const credit = str(meta.credit);
  const author = Array.isArray(meta.author)
    ? meta.author.map(str).filter(Boolean).join(", ")
    : str(meta.author);
  return {
    articles: [
      {
        title,
        blocks,
        caption: split.caption,
        credit: credit ? canonicalCredit(credit) : split.credit,
        published,
        source: str(meta.source),
        url: str(meta.url),
        author: author || null,
        line: lines.findIndex((l) => l.trim() !== "") + 1,
      },
    ],
    warnings,
  };
}

function str(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

function readFrontMatter(lines: string[]): { meta: Record<string, unknown>; bodyStart: number } {
  const open = lines.findIndex((l) => l.trim() !== "");
  if (open === -1 || !/^---[ \t]*$/.test(lines[open]!)) return { meta: {}, bodyStart: 0 };
  let close = -1;
  for (let j = open + 1; j < lines.length && close === -1; j++)
    if (/^(?:---|\.\.\.)[ \t]*$/.test(lines[j]!)) close = j;
  if (close === -1) {
    throw new ContentError(
      `the front matter opened on line ${open + 1} is never closed by a "---" line`,
      open + 1,
    );
  }
  const firstLine = open + 2;
  const doc = YAML.parseDocument(lines.slice(open + 1, close).join("\n"));
  const error = doc.errors[0];
  if (error) {
    const line = firstLine - 1 + (error.linePos?.[0].line ?? 1);
    const what = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new ContentError(`invalid front matter on line ${line}: ${what}`, line);
  }
  let meta: unknown;
  try {
    meta = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new ContentError(`invalid front matter: ${(e as Error).message}`, firstLine);
  }
  if (meta === null || meta === undefined) return { meta: {}, bodyStart: close + 1 };
  if (typeof meta !== "object" || Array.isArray(meta)) {
    throw new ContentError(
      "the front matter must be a list of fields such as 'title: …' and 'date: …'",
      firstLine,
    );
  }
  return { meta: meta as Record<string, unknown>, bodyStart: close + 1 };
}

interface Body {
  blocks: Block[];
  /** The first "# " heading, kept out of `blocks`; `index` is where it stood among them. */
  h1: { text: string; index: number } | null;
  firstIsSingleLine: boolean;
}

function readBody(lines: string[], start: number): Body {
  const body: Body = { blocks: [], h1: null, firstIsSingleLine: false };
  let buffer: string[] = [];
  let fence: string | null = null;
  let comment = false;
  const push = (kind: Block["kind"], source: string) => {
    const text = markdownInline(source);
    if (text === "") return;
    if (body.blocks.length === 0) body.firstIsSingleLine = !source.includes("\n");
    body.blocks.push({ kind, text });
  };
  const flush = () => {
    if (buffer.length > 0) push("paragraph", buffer.join("\n"));
    buffer = [];
  };
  const heading = (level: number, source: string) => {
    const text = markdownInline(source);
    if (level === 1 && body.h1 === null && text !== "") body.h1 = { text, index: body.blocks.length };
    else push("heading", source);
  };
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
      continue;
    }
    // An HTML comment block (editor's notes) may span blank lines; none of it is article text.
    if (comment || (buffer.length === 0 && /^ {0,3}<!--/.test(line))) {
      comment = !line.includes("-->");
      continue;
    }
    const fenceOpen = FENCE.exec(line);
    const atx = ATX.exec(line);
    const item = LIST_ITEM.exec(line);
    const quote = QUOTE.exec(line);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1]!;
    } else if (line.trim() === "") flush();
    else if (atx) {
      flush();
      heading(atx[1]!.length, atx[2] ?? "");
    } else if (buffer.length > 0 && (SETEXT_1.test(line) || SETEXT_2.test(line))) {
      const source = buffer.join(" ");
      buffer = [];
      heading(SETEXT_1.test(line) ? 1 : 2, source);
    } else if (RULE.test(line) || REFERENCE.test(line) || TABLE_RULE.test(line)) flush();
    else if (item) {
      flush();
      buffer.push(item[1]!);
    } else if (quote) buffer.push(quote[1]!);
    else buffer.push(line);
  }
  flush();
  return body;
}
