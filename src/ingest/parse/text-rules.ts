/**
 * Line-shape rules for plain-text dumps: what a headline, a section heading, a stray
 * boilerplate token and a hard-wrapped line look like. Pure predicates on normalised lines.
 */

/** Longest line still taken for a headline. */
const MAX_HEADLINE_CHARS = 250;
/** Longest line still taken for a section heading, in characters and words. */
const MAX_HEADING_CHARS = 100;
const MAX_HEADING_WORDS = 12;
/** A line at least this long that stops mid-sentence was wrapped by the exporter. */
const MIN_WRAPPED_CHARS = 60;

/** Ends like a sentence (or a quotation closing one), so it is not a headline or heading. */
const SENTENCE_END = /[.!?…:;,"”’'»)\]]$/u;

/** Boilerplate tokens exporters leave on a line of their own ("TT" in the seed dumps). */
export function isBoilerplate(line: string): boolean {
  return /^[A-Z]{1,3}$/.test(line);
}

/**
 * Could this line be an article headline? Short, has letters, and does not end like a
 * sentence (a headline may end with "?" or "!" but not with a full stop, comma or colon).
 */
export function isHeadlineLike(line: string): boolean {
  if (line.length === 0 || line.length > MAX_HEADLINE_CHARS || !/\p{L}/u.test(line)) return false;
  if (/[,;:]$/.test(line)) return false;
  // "..." and initialisms ("… in the U.S.") end with a dot without ending a sentence.
  return !line.endsWith(".") || line.endsWith("...") || /(?:^|[\s(])(?:\p{Lu}\.){2,}$/u.test(line);
}

/**
 * Has the shape of a section heading: short, starts with a capital (or a letter of a script
 * without case, or a digit), no sentence punctuation at the end, a single sentence.
 */
export function hasHeadingShape(line: string): boolean {
  if (line.length === 0 || line.length > MAX_HEADING_CHARS) return false;
  if (line.split(" ").length > MAX_HEADING_WORDS) return false;
  if (!/^[\p{Lu}\p{Lt}\p{Lo}\p{N}]/u.test(line)) return false;
  if (SENTENCE_END.test(line)) return false;
  return !/[.!?] \p{Lu}/u.test(line);
}

/** A section heading is heading-shaped and introduces a paragraph (the next line is not heading-shaped). */
export function isSectionHeading(line: string, next: string | undefined): boolean {
  return next !== undefined && hasHeadingShape(line) && !hasHeadingShape(next);
}

/** Should `next`, which follows `prev` with no blank line between, continue the same paragraph? */
export function continuesParagraph(prev: string, next: string): boolean {
  if (SENTENCE_END.test(prev)) return false;
  return /^\p{Ll}/u.test(next) || prev.length >= MIN_WRAPPED_CHARS;
}
