/** Plain-text helpers for renderers: clipping in UTF-16 units and UTC dates. */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * Clip plain text to at most `max` UTF-16 units, ending in "…" when cut. Cuts at a word
 * boundary when one is near, and never between the two halves of a surrogate pair.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? "…" : "";
  let cut = safeCut(text, max - 1);
  const space = text.lastIndexOf(" ", cut);
  if (space > cut * 0.6) cut = space;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** The largest index ≤ `at` that does not split a surrogate pair. */
export function safeCut(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** "9 Nov 2025" in UTC, or null when the instant is missing or invalid. */
export function formatDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Superscript digits for attribution markers: 12 → "¹²". */
export function superscript(n: number): string {
  const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  return String(n)
    .split("")
    .map((d) => digits[Number(d)] ?? d)
    .join("");
}

/** Whitespace that squash would change: a run of two, any other kind than a space, or at an end. */
const UNSQUASHED = /\s\s|[^\S ]|^\s|\s$/;

/** Collapse whitespace runs to single spaces and trim. */
export function squash(text: string): string {
  // Stored text is already normalised, so most calls change nothing: test before building a copy.
  return UNSQUASHED.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}
