/** Telegram HTML text helpers (pure). Lengths are UTF-16 code units, as Telegram counts them. */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Escape the three characters Telegram HTML gives meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/**
 * Escape `text` and cut it to at most `maxUnits` UTF-16 units, ending with "…" when cut. Never
 * splits an entity or a surrogate pair.
 */
export function escapeTruncated(text: string, maxUnits: number): string {
  const full = escapeHtml(text);
  if (full.length <= maxUnits) return full;
  let out = "";
  for (const ch of text) {
    const piece = ENTITIES[ch] ?? ch;
    if (out.length + piece.length > maxUnits - 1) break;
    out += piece;
  }
  return `${out.trimEnd()}…`;
}
