/**
 * Display-text normalisation used by every parser: one canonical form for comparison,
 * dedupe and display, without touching meaningful characters (curly quotes, dashes, letters).
 */

// Characters that take no space and carry no meaning in news text: C0/C1 controls (other than
// whitespace), soft hyphen, Mongolian vowel separator, zero-width space, word joiner, BOM and
// noncharacters. ZWJ/ZWNJ are kept: they change how emoji and Persian/Indic text render.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B\u2060\uFEFF\uFFFE\uFFFF]/g;

// JavaScript's \s covers tabs, NBSP, the U+2000 spaces, narrow NBSP, ideographic space and line
// separators; NEL (U+0085) is a line break that \s misses.
const WHITESPACE_RUN = /[\s\u0085]+/g;

// Anything but printable ASCII, printable Latin-1 (no NBSP, no soft hyphen), the dashes, quotes
// and other punctuation of U+2010–U+2027 and U+2030–U+205E, and the euro sign: characters that
// NFC leaves alone, alone or side by side, and that are neither whitespace nor invisible.
const NOT_SIMPLE = /[^\x20-\x7e\xa1-\xac\xae-\xff\u2010-\u2027\u2030-\u205e\u20ac]/;
const SPACE = 0x20;

/**
 * NFC-normalise `s`, drop invisible characters, collapse every whitespace run (including NBSP,
 * tabs and line breaks) to one space and trim. Idempotent: `normalizeText(normalizeText(s)) ===
 * normalizeText(s)`. Keeps curly quotes, dashes and non-English letters (al-Sharaa, Türkiye).
 */
export function normalizeText(s: string): string {
  if (!NOT_SIMPLE.test(s)) {
    // Such text is already NFC and holds no invisibles; its only whitespace is the plain space.
    // Most news text is this, and most of it is already normalised (finalize normalises what
    // the parsers normalised), so it comes back as is.
    if (!s.includes("  ")) {
      const start = s.charCodeAt(0) === SPACE ? 1 : 0;
      const end = s.charCodeAt(s.length - 1) === SPACE ? s.length - 1 : s.length;
      return start === 0 && end === s.length ? s : start >= end ? "" : s.slice(start, end);
    }
  }
  // Invisibles go before NFC so that a base letter and its combining mark, once adjacent, compose.
  const collapsed = s.replace(INVISIBLE, "").normalize("NFC").replace(WHITESPACE_RUN, " ");
  const start = collapsed.startsWith(" ") ? 1 : 0;
  const end = collapsed.endsWith(" ") ? collapsed.length - 1 : collapsed.length;
  return start >= end ? "" : collapsed.slice(start, end);
}

// The first character that survives normalizeText: anything but whitespace and invisibles.
const VISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it skips.
  /[^\s\u0085\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B\u2060\uFEFF\uFFFE\uFFFF]/;

/**
 * True when `s` has no visible content (only whitespace and invisible characters), i.e. when
 * `normalizeText(s) === ""`, without normalising the whole string.
 */
export function isBlank(s: string): boolean {
  return !VISIBLE.test(s);
}
