/**
 * A digest as one Telegram HTML message (pure). Every piece of article text is escaped; the
 * length is counted on the rendered text in UTF-16 units and never exceeds the limit: items are
 * added whole until the next one would not fit, and the rest become "N more" with a button.
 */
import { escapeHtml, escapeTruncated } from "./html.js";
import { formatLocal } from "./timezone.js";
import type { Digest, DigestItem, MessageButton } from "./types.js";

/** Telegram's limit for one message. */
export const MESSAGE_LIMIT = 4096;
const TITLE_UNITS = 600;
const SUMMARY_UNITS = 1200;
const SOURCE_UNITS = 100;
/** Room kept for the "…and N more" line. */
const FOOTER_RESERVE = 40;
const BUTTONS_PER_ROW = 5;

/** Callback data of the digest's buttons (each ≤ 64 bytes); the bot's codec supplies its own. */
export interface DigestButtonData {
  /** Opens an article card. */
  article(articleId: string): string;
  /** Shows the stories after the first `shown`. */
  more(shown: number): string;
}

/** How to render: the reader's zone, the limit, an offset for continuations, button data. */
export interface RenderOptions {
  /** The reader's zone (stored form), for the header and item times. */
  timezone: string;
  /** Default {@link MESSAGE_LIMIT}. */
  maxLength?: number;
  /** Skip this many items (to continue a digest after an "N more" button). */
  offset?: number;
  buttons?: DigestButtonData;
}

/** The message: text, keyboard rows, and how many stories it shows and leaves out. */
export interface RenderedDigest {
  text: string;
  buttons: MessageButton[][];
  shown: number;
  more: number;
}

const DEFAULT_BUTTONS: DigestButtonData = {
  article: (id) => `article:${id}`,
  more: (shown) => `digest:more:${shown}`,
};

// Digests composed from the same selection share their `groups` array, and items their objects:
// rendering is cached on them (weakly), so 100,000 digests render only their distinct texts.
const renderCache = new WeakMap<object, Map<string, RenderedDigest>>();
const itemCache = new WeakMap<DigestItem, Map<string, string>>();
const buttonIds = new WeakMap<DigestButtonData, number>();
let buttonSets = 0;

function getOrCreate<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  const found = map.get(key);
  if (found !== undefined) return found;
  const made = make();
  map.set(key, made);
  return made;
}

/**
 * Render a digest for Telegram (parse mode HTML). The result may be shared between digests with
 * the same stories: treat it as immutable.
 */
export function renderDigest(digest: Digest, options: RenderOptions): RenderedDigest {
  const data = options.buttons ?? DEFAULT_BUTTONS;
  if (!buttonIds.has(data)) buttonIds.set(data, ++buttonSets);
  const key = [
    options.timezone,
    digest.generatedAt,
    digest.since,
    digest.total,
    digest.empty,
    options.offset ?? 0,
    options.maxLength ?? MESSAGE_LIMIT,
    buttonIds.get(data),
  ].join("|");
  const cached = getOrCreate(renderCache, digest.groups, () => new Map<string, RenderedDigest>());
  const hit = cached.get(key);
  if (hit) return hit;
  const rendered = render(digest, options);
  cached.set(key, rendered);
  return rendered;
}

function render(digest: Digest, options: RenderOptions): RenderedDigest {
  const max = options.maxLength ?? MESSAGE_LIMIT;
  const data = options.buttons ?? DEFAULT_BUTTONS;
  const offset = options.offset ?? 0;
  const header = `<b>Your news digest</b> · ${formatLocal(new Date(digest.generatedAt), options.timezone, "day")}`;
  if (digest.empty) {
    const since = digest.since
      ? `Nothing new since ${formatLocal(new Date(digest.since), options.timezone, "dayTime")}.`
      : "Nothing new yet.";
    return { text: `${header}\n\n${since}`, buttons: [], shown: 0, more: 0 };
  }
  let text = header;
  const shownIds: string[] = [];
  let index = 0;
  let full = false;
  for (const group of digest.groups) {
    let headed = false;
    for (const item of group.items) {
      index += 1;
      if (full || index <= offset) continue;
      const heading = headed ? "" : `<u><b>${escapeHtml(group.topic?.name ?? "More news")}</b></u>\n`;
      const block = `\n\n${heading}${renderItem(item, index, options.timezone)}`;
      if (text.length + block.length + FOOTER_RESERVE > max) {
        full = true;
        continue;
      }
      text += block;
      headed = true;
      shownIds.push(item.articleId);
    }
  }
  const shown = shownIds.length;
  const more = Math.max(0, digest.total - offset - shown);
  const buttons = chunk(
    shownIds.map((id, i) => ({ text: String(offset + i + 1), data: data.article(id) })),
    BUTTONS_PER_ROW,
  );
  if (more > 0) {
    text += `\n\n…and ${more} more ${more === 1 ? "story" : "stories"}.`;
    buttons.push([{ text: `${more} more`, data: data.more(offset + shown) }]);
  }
  return { text, buttons, shown, more };
}

function renderItem(item: DigestItem, n: number, timezone: string): string {
  const byZone = getOrCreate(itemCache, item, () => new Map<string, string>());
  let body = byZone.get(timezone);
  if (body === undefined) {
    body = renderItemBody(item, timezone);
    byZone.set(timezone, body);
  }
  return `${n}. ${body}`;
}

function renderItemBody(item: DigestItem, timezone: string): string {
  const lines = [`<b>${escapeTruncated(oneLine(item.title), TITLE_UNITS)}</b>`];
  const summary = oneLine(item.summary.join(" "));
  if (summary) lines.push(escapeTruncated(summary, SUMMARY_UNITS));
  const meta: string[] = [];
  if (item.source) meta.push(escapeTruncated(oneLine(item.source), SOURCE_UNITS));
  if (item.published) meta.push(formatLocal(new Date(item.published), timezone, "dateTime"));
  if (item.sources > 1) meta.push(`${item.sources} sources`);
  if (meta.length) lines.push(`<i>${meta.join(" · ")}</i>`);
  return lines.join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function chunk<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}
