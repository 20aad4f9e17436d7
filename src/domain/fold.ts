/**
 * Folding shared by the language stage and the search index, so both agree on what two
 * spellings of a word have in common ("Türkiye" and "turkiye").
 */

/** Letters NFKD does not decompose into ASCII plus a combining mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ı: "i",
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  đ: "d",
  ð: "d",
  ł: "l",
  þ: "th",
};

const NON_ASCII = /[^\u0020-\u007e\s]/;

/** Lower-cases, strips diacritics and maps the few letters NFKD leaves alone ("Türkiye" → "turkiye"). */
export function asciiFold(s: string): string {
  // Most news text is ASCII: skip the Unicode normalisation then.
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ıøæœßđðłþ]/g, (c) => SPECIAL_LETTERS[c] ?? c);
}
