/**
 * Plain-text dumps such as content/asharq-al-awsat-2025-11-09.txt: each article is a headline,
 * its photo caption (printed twice), a stray "TT", then the headline and captions again, then
 * paragraphs and short section headings. Articles are found by that repeated header first and by
 * "two blank lines, then a headline" second; a file with neither is one article
 * (headline, blank line, paragraphs). Linear in the size of the file.
 */
import type { Block, ParsedArticle } from "../../domain/article.js";
import { splitCredit } from "./captions.js";
import { findDateInText } from "./dates.js";
import { ContentError, type ParseIssue, type ParserOutput } from "./errors.js";
import { normalizeText } from "./normalize.js";
import {
  continuesParagraph,
  hasHeadingShape,
  isBoilerplate,
  isHeadlineLike,
  isSectionHeading,
} from "./text-rules.js";

/** A non-empty line: normalised text, its 1-based line number, and the blank lines before it. */
interface Unit {
  text: string;
  line: number;
  gap: number;
}

/** The header of a dump article: where its body starts and the caption lines it carried. */
interface Header {
  end: number;
  captions: string[];
}

/** How far past a headline its repeat may appear (caption ×2, "TT", spare lines). */
const HEADER_WINDOW = 8;
/** More distinct lines than this between a headline and its repeat means it was not a header. */
const MAX_CAPTION_LINES = 2;

/** Parse a plain-text dump. Throws {@link ContentError} when no article can be recognised. */
export function parsePlainText(text: string): ParserOutput {
  const units = toUnits(text);
  const warnings: ParseIssue[] = [];
  const articles: ParsedArticle[] = [];
  const starts = findArticleStarts(units);
  starts.forEach((start, i) => {
    const end = starts[i + 1]?.index ?? units.length;
    const built = buildArticle(units, start.index, end, start.header);
    if (typeof built === "string") warnings.push({ line: units[start.index]?.line ?? null, message: built });
    else articles.push(built);
  });
  if (articles.length === 0) {
    const first = warnings[0];
    throw new ContentError(
      `no recognisable article: expected a headline line followed by paragraphs${first ? ` (${first.message})` : ""}`,
      first?.line ?? null,
    );
  }
  return { articles, warnings };
}

function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let gap = 0;
  text.split("\n").forEach((raw, i) => {
    const line = normalizeText(raw);
    if (line === "") gap++;
    else {
      units.push({ text: line, line: i + 1, gap });
      gap = 0;
    }
  });
  return units;
}

function findArticleStarts(units: Unit[]): { index: number; header: Header | null }[] {
  const starts: { index: number; header: Header | null }[] = [];
  let k = 0;
  while (k < units.length) {
    const header = matchHeader(units, k);
    if (header) {
      starts.push({ index: k, header });
      k = header.end;
      continue;
    }
    if (k === 0 || startsBareArticle(units, k)) starts.push({ index: k, header: null });
    k++;
  }
  return starts;
}

/** Two blank lines, a headline, then a paragraph: an article without a caption header. */
function startsBareArticle(units: Unit[], k: number): boolean {
  const unit = units[k]!;
  const next = units[k + 1];
  return (
    unit.gap >= 2 &&
    next !== undefined &&
    next.gap >= 1 &&
    isHeadlineLike(unit.text) &&
    !hasHeadingShape(next.text)
  );
}

function matchHeader(units: Unit[], k: number): Header | null {
  const unit = units[k]!;
  const title = unit.text;
  if (!isHeadlineLike(title)) return null;
  const articleBoundary = k === 0 || unit.gap >= 2;
  const limit = Math.min(units.length, k + 1 + HEADER_WINDOW);
  let repeat = -1;
  for (let j = k + 1; j < limit && repeat === -1; j++) if (units[j]!.text === title) repeat = j;
  // Two blank lines before the repeat mean a new article that happens to share the headline.
  if (repeat !== -1 && units[repeat]!.gap < 2) {
    const between = units.slice(k + 1, repeat).map((u) => u.text);
    const captions = [...new Set(between.filter((t) => !isBoilerplate(t)))];
    if (captions.length > MAX_CAPTION_LINES) return null;
    // A repeated caption or a boilerplate token proves the pattern; otherwise only trust a boundary.
    if (between.length === captions.length && !articleBoundary) return null;
    return { end: skipRepeats(units, repeat + 1, new Set(captions)), captions };
  }
  // Headline, caption printed twice, optional boilerplate: the header without the repeat.
  const caption = units[k + 1];
  const twin = units[k + 2];
  if (!caption || !twin || caption.text === title || twin.text !== caption.text || twin.gap !== 0)
    return null;
  if (!articleBoundary && !isBoilerplate(units[k + 3]?.text ?? "")) return null;
  return { end: skipRepeats(units, k + 3, new Set([caption.text])), captions: [caption.text] };
}

function skipRepeats(units: Unit[], from: number, captions: Set<string>): number {
  let end = from;
  while (end < units.length && (captions.has(units[end]!.text) || isBoilerplate(units[end]!.text))) end++;
  return end;
}

function buildArticle(
  units: Unit[],
  start: number,
  end: number,
  header: Header | null,
): ParsedArticle | string {
  const head = units[start]!;
  const title = head.text;
  if (!isHeadlineLike(title)) {
    const last = units[end - 1]!.line;
    const where = last === head.line ? `line ${last}` : `lines ${head.line}–${last}`;
    return `${where} skipped: no headline there (a short line without a final full stop, followed by paragraphs)`;
  }
  const rawCaption = header?.captions[0] ?? null;
  const { caption, credit } = rawCaption ? splitCredit(rawCaption) : { caption: null, credit: null };
  const skip = new Set<string>([title, ...(header?.captions ?? [])]);
  if (caption) skip.add(caption);
  const blocks = toBlocks(units.slice(header ? header.end : start + 1, end), skip);
  if (!blocks.some((b) => b.kind === "paragraph"))
    return `the headline on line ${head.line} has no paragraphs under it; skipped`;
  return {
    title,
    blocks,
    caption,
    credit,
    published: caption ? findDateInText(caption) : null,
    source: null,
    url: null,
    author: null,
    line: head.line,
  };
}

function toBlocks(body: Unit[], skip: Set<string>): Block[] {
  const lines: string[] = [];
  // Only a line kept right before may absorb a wrapped continuation.
  let joinable = false;
  for (const unit of body) {
    if (isBoilerplate(unit.text) || skip.has(unit.text)) {
      joinable = false;
      continue;
    }
    const last = lines.length - 1;
    if (joinable && unit.gap === 0 && continuesParagraph(lines[last]!, unit.text)) {
      lines[last] = `${lines[last]} ${unit.text}`;
    } else lines.push(unit.text);
    joinable = true;
  }
  const seen = new Set<string>();
  const blocks: Block[] = [];
  lines.forEach((text, i) => {
    if (seen.has(text)) return;
    seen.add(text);
    blocks.push({ kind: isSectionHeading(text, lines[i + 1]) ? "heading" : "paragraph", text });
  });
  return blocks;
}
