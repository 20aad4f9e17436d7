/**
 * Splitting rendered Telegram HTML into messages under Telegram's limit. Lengths are
 * visible UTF-16 units (what Telegram counts); pieces are cut on item boundaries first,
 * and an item too big for one message is cut at a word with its open tags closed and
 * reopened, so every piece is valid HTML on its own.
 */
import { decodeEntity, MESSAGE_LIMIT, visibleLength, visibleText } from "./html.js";
import { safeCut } from "./text.js";

/** Options for {@link packBlocks}. */
export interface PackOptions {
  /** Maximum visible UTF-16 units per message (default 4096). */
  limit?: number;
  /** Inserted between blocks that share a message (default a blank line). */
  separator?: string;
}

/**
 * Pack rendered blocks (list items, paragraphs) greedily into as few messages as possible,
 * each at most `limit` visible units; blocks never straddle two messages unless a single
 * block is larger than the limit, in which case it is cut with {@link splitHtml}.
 */
export function packBlocks(blocks: readonly string[], options: PackOptions = {}): string[] {
  const limit = options.limit ?? MESSAGE_LIMIT;
  const separator = options.separator ?? "\n\n";
  const sepLength = visibleLength(separator);
  const out: string[] = [];
  let current: string | null = null;
  let length = 0;
  for (const block of blocks) {
    const blockLength = visibleLength(block);
    if (blockLength > limit) {
      if (current !== null) out.push(current);
      current = null;
      out.push(...splitHtml(block, limit));
      continue;
    }
    if (current !== null && length + sepLength + blockLength <= limit) {
      current += separator + block;
      length += sepLength + blockLength;
    } else {
      if (current !== null) out.push(current);
      current = block;
      length = blockLength;
    }
  }
  if (current !== null) out.push(current);
  return out.filter((m) => visibleText(m).trim() !== "");
}

const TOKEN = /<\/?([a-z][a-z0-9-]*)[^>]*>|&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});|[^<&]+|[<&]/gi;
/** How far back from the limit a cut may move to land on whitespace. */
const WORD_WINDOW = 200;

/** Cut one HTML string into pieces of at most `limit` visible units, each with balanced tags. */
export function splitHtml(html: string, limit: number = MESSAGE_LIMIT): string[] {
  if (limit < 2) throw new RangeError("splitHtml: limit must be at least 2");
  const pieces: string[] = [];
  const stack: { name: string; open: string }[] = [];
  let current = "";
  let length = 0;
  const flush = () => {
    pieces.push(
      current +
        [...stack]
          .reverse()
          .map((t) => `</${t.name}>`)
          .join(""),
    );
    current = stack.map((t) => t.open).join("");
    length = 0;
  };
  for (const m of html.matchAll(TOKEN)) {
    const token = m[0];
    const tagName = m[1]?.toLowerCase();
    if (tagName !== undefined) {
      if (token.startsWith("</")) {
        const at = stack.map((t) => t.name).lastIndexOf(tagName);
        if (at >= 0) stack.splice(at, 1);
      } else stack.push({ name: tagName, open: token });
      current += token;
      continue;
    }
    if (token.length > 1 && token.startsWith("&")) {
      const units = decodeEntity(token).length;
      if (length + units > limit) flush();
      current += token;
      length += units;
      continue;
    }
    let text = token;
    while (text.length > 0) {
      const room = limit - length;
      if (text.length <= room) {
        current += text;
        length += text.length;
        break;
      }
      let cut = safeCut(text, room);
      const space = lastWhitespace(text, cut);
      if (space >= 0 && space + 1 > cut - WORD_WINDOW) cut = space + 1;
      if (cut === 0) {
        flush();
        continue;
      }
      current += text.slice(0, cut);
      length += cut;
      text = text.slice(cut);
      flush();
    }
  }
  if (visibleText(current).trim() !== "") pieces.push(current);
  return pieces.filter((p) => visibleText(p).trim() !== "");
}

function lastWhitespace(text: string, before: number): number {
  for (let i = before - 1; i > 0; i--) if (/\s/.test(text[i] ?? "")) return i;
  return -1;
}
