/**
 * Small text helpers shared by the language stage: folding for matching, ids, word counts.
 * All pure and allocation-light: they run on every sentence of every article.
 */

export { asciiFold } from "../domain/fold.js";

import { asciiFold } from "../domain/fold.js";

/**
 * The key two spellings of one name share: case and diacritics folded, possessive "'s" dropped,
 * Arabic "al-"/"el-" article prefixes removed, dots inside acronyms removed ("U.S." → "us") and
 * every other punctuation run turned into one space.
 *
 * @example foldKey("Türkiye") === "turkiye"; foldKey("al-Sharaa") === "sharaa"; foldKey("U.S.") === "us"
 */
export function foldKey(s: string): string {
  if (s.length > 64) return computeFoldKey(s);
  let key = foldCache.get(s);
  if (key === undefined) {
    key = computeFoldKey(s);
    if (foldCache.size > 50_000) foldCache.clear();
    foldCache.set(s, key);
  }
  return key;
}

/** Short strings (names, n-grams) repeat across articles: their keys are memoised. */
const foldCache = new Map<string, string>();

function computeFoldKey(s: string): string {
  return asciiFold(s)
    .replace(/[‘’`´]/g, "'")
    .replace(/(\p{L})'s\b/gu, "$1")
    .replace(/(^|[^\p{L}\p{N}])(?:al|el)-(?=\p{L})/gu, "$1")
    .replace(/(\p{L})\.(?=\p{L})/gu, "$1")
    .replace(/'/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A stable id for a display name: folded, words joined by "-" ("Ahmed al-Sharaa" → "ahmed-al-sharaa"). */
export function slugify(s: string): string {
  return asciiFold(s)
    .replace(/[‘’'`´]s\b/g, "")
    .replace(/(\p{L})\.(?=\p{L})/gu, "$1")
    .replace(/[‘’'`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Number of whitespace-separated words: the unit of word budgets. */
export function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x2028 || c === 0x2029;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      n++;
    }
  }
  return n;
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, " ").trim();
}
