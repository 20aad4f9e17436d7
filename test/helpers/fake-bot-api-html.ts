/**
 * Telegram's HTML parse mode, as the fake Bot API applies it: the supported tags and the
 * four named entities, everything else rejected with "can't parse entities" the way
 * Telegram does. Independent of the bot's own renderers on purpose.
 */

/** A message entity as Telegram returns it (offsets and lengths in UTF-16 units). */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

/** The text Telegram stores after parsing, or the 400 description it answers with. */
export type ParseResult =
  | { ok: true; text: string; entities: ParsedEntity[] }
  | { ok: false; description: string };

const TAGS: Record<string, string> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  a: "text_link",
  code: "code",
  pre: "pre",
  blockquote: "blockquote",
  "tg-emoji": "custom_emoji",
};
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/** Parse `html` like Telegram's HTML parse mode. */
export function parseTelegramHtml(html: string): ParseResult {
  const fail = (what: string, at: number): ParseResult => ({
    ok: false,
    description: `Bad Request: can't parse entities: ${what} at byte offset ${Buffer.byteLength(html.slice(0, at))}`,
  });
  let text = "";
  const entities: ParsedEntity[] = [];
  const open: { name: string; start: number; url?: string }[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "&") {
      const m = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      if (!m) return fail("Character '&' must be escaped as &amp;", i);
      const body = m[1]!;
      const code =
        body.startsWith("#x") || body.startsWith("#X")
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      const decoded = body.startsWith("#")
        ? code <= 0x10ffff
          ? String.fromCodePoint(code)
          : undefined
        : NAMED[body];
      if (decoded === undefined) return fail(`Unsupported HTML entity "&${body};"`, i);
      text += decoded;
      i += m[0].length;
      continue;
    }
    if (ch === ">") return fail("Character '>' must be escaped as &gt;", i);
    if (ch !== "<") {
      text += ch;
      i++;
      continue;
    }
    const end = html.indexOf(">", i);
    if (end < 0) return fail("Unclosed start tag", i);
    const raw = html.slice(i + 1, end);
    if (raw.startsWith("/")) {
      const name = raw.slice(1).trim().toLowerCase();
      const top = open.pop();
      if (!top || (name !== "" && name !== top.name)) return fail(`Unmatched end tag "${name}"`, i);
      const length = text.length - top.start;
      if (length > 0)
        entities.push({
          type: TAGS[top.name]!,
          offset: top.start,
          length,
          ...(top.url ? { url: top.url } : {}),
        });
      i = end + 1;
      continue;
    }
    const nameMatch = /^([a-zA-Z][a-zA-Z0-9-]*)(\s[\s\S]*)?$/.exec(raw);
    const name = nameMatch?.[1]?.toLowerCase();
    if (!name || !(name in TAGS)) return fail(`Unsupported start tag "${name ?? raw}"`, i);
    const attrs = nameMatch?.[2] ?? "";
    let url: string | undefined;
    if (name === "a") {
      const href = /href\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(attrs);
      if (!href) return fail('Tag "a" must have attribute "href"', i);
      url = decodeAttr(href[1] ?? href[2] ?? "");
      if (!/^(https?|tg):\/\//.test(url)) return fail(`Wrong URL "${url}"`, i);
    }
    if (name === "span" && !/class\s*=\s*"tg-spoiler"/.test(attrs))
      return fail('Tag "span" must have class "tg-spoiler"', i);
    if (open.some((t) => t.name === "blockquote") && name === "blockquote")
      return fail("Nested blockquotes", i);
    open.push({ name, start: text.length, ...(url ? { url } : {}) });
    i = end + 1;
  }
  if (open.length > 0)
    return fail(`Can't find end tag corresponding to start tag "${open.at(-1)!.name}"`, html.length);
  return { ok: true, text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function decodeAttr(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED[n]!);
}
