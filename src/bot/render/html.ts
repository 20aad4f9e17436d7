/**
 * Telegram HTML primitives. Every piece of article or user text passes through
 * {@link escapeHtml} before it is placed in a message; lengths are measured the way
 * Telegram measures them: on the text left after entity parsing, in UTF-16 code units.
 */

/** Telegram's limit on a message's text after entity parsing, in UTF-16 code units. */
export const MESSAGE_LIMIT = 4096;

/** Escape text for Telegram HTML (also safe inside a double-quoted attribute). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/** `<b>text</b>` with the text escaped. */
export function bold(text: string): string {
  return `<b>${escapeHtml(text)}</b>`;
}

/** `<i>text</i>` with the text escaped. */
export function italic(text: string): string {
  return `<i>${escapeHtml(text)}</i>`;
}

/** A link when `href` is an http(s) URL; otherwise just the escaped text (never a broken tag). */
export function link(href: string | null | undefined, text: string): string {
  if (!href || !isWebUrl(href)) return escapeHtml(text);
  return `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}

/** True for absolute http:// or https:// URLs without whitespace. */
export function isWebUrl(href: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(href) && href.length <= 2048;
}

/** Tokens of Telegram HTML: tags, character references and text runs. */
const TOKEN = /<[^>]*>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});|[^<&]+|[<&]/gi;

/** Visible text of a Telegram HTML string: tags removed, character references decoded. */
export function visibleText(html: string): string {
  let out = "";
  for (const m of html.matchAll(TOKEN)) {
    const tok = m[0];
    if (tok.startsWith("<") && tok.length > 1) continue;
    out += tok.startsWith("&") && tok.length > 1 ? decodeEntity(tok) : tok;
  }
  return out;
}

/** Length Telegram counts for a Telegram HTML string: UTF-16 units of its visible text. */
export function visibleLength(html: string): number {
  return visibleText(html).length;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Decode one character reference (`&amp;`, `&#39;`, `&#x1F600;`); unknown ones stay as they are. */
export function decodeEntity(entity: string): string {
  const body = entity.slice(1, -1);
  if (body.startsWith("#")) {
    const code =
      body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
}

/**
 * Clean text a user typed: drop control and bidi-override characters (keeping newlines and
 * tabs), normalise to NFC and collapse runs of spaces. Arabic, emoji and RTL text are kept.
 */
export function cleanUserText(text: string): string {
  return (
    text
      .normalize("NFC")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
      .replace(/[^\S\n]+/g, " ")
      .trim()
  );
}
