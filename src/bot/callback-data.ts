/**
 * Callback data codec: every inline button's `callback_data` is built and read here.
 *
 * Wire format: `1:<code>:<fields>` — a version, a short action code and `:`-separated
 * fields, with free text (a topic id or a query) always last so it may contain `:`.
 * Telegram allows 1–64 bytes; {@link encodeCallback} refuses anything longer and
 * {@link decodeCallback} returns null for anything it does not fully understand (old
 * versions, tampered or truncated data), which features answer as a stale button.
 */

/** Current wire version. Bump it when a code's fields change; old buttons then read as stale. */
export const CALLBACK_VERSION = "1";
/** Telegram's limit on callback_data, in UTF-8 bytes. */
export const CALLBACK_DATA_LIMIT = 64;
/** Largest page offset a button may carry. */
export const MAX_OFFSET = 99_999;

/** What a button asks the bot to do. */
export type CallbackAction =
  /** Newest articles from `offset`; `edit` pages the pressed message instead of sending a new one. */
  | { kind: "latest"; offset: number; edit: boolean }
  /** Trending topics as buttons. */
  | { kind: "topics" }
  /** A topic's brief and articles from `offset`. */
  | { kind: "topic"; topic: string; offset: number; edit: boolean }
  /** Search results for `query` from `offset` (always pages the pressed message). */
  | { kind: "search"; query: string; offset: number }
  /** Send an article's card. */
  | { kind: "article"; id: string }
  /** Show page `page` (0-based) of an article's full text in the pressed message. */
  | { kind: "fulltext"; id: string; page: number }
  /** Turn the pressed message back into the article's card. */
  | { kind: "card"; id: string }
  /** A label-only button (e.g. "2/5"); answered with nothing. */
  | { kind: "noop" }
  /**
   * Reserved for other features (e.g. `ns: "sub"` for subscriptions): `ns` is 2–8 lowercase
   * letters, `payload` any text that fits. Such features match it with {@link extensionPattern}.
   */
  | { kind: "ext"; ns: string; payload: string };

const CODES = {
  latestOpen: "l",
  latestPage: "L",
  topics: "T",
  topicOpen: "o",
  topicPage: "t",
  search: "s",
  article: "a",
  fulltext: "f",
  card: "c",
  noop: "n",
} as const;

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const NS = /^[a-z]{2,8}$/;
const INT = /^(0|[1-9]\d{0,4})$/;

/** UTF-8 length in bytes. */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Encode an action, or undefined when it is invalid or would exceed 64 bytes. */
export function tryEncodeCallback(action: CallbackAction): string | undefined {
  const body = encodeBody(action);
  if (body === undefined) return undefined;
  const data = `${CALLBACK_VERSION}:${body}`;
  return byteLength(data) <= CALLBACK_DATA_LIMIT && decodeCallback(data) !== null ? data : undefined;
}

/** Encode an action. Throws a RangeError when it cannot be represented within 64 bytes. */
export function encodeCallback(action: CallbackAction): string {
  const data = tryEncodeCallback(action);
  if (data === undefined) {
    throw new RangeError(`callback action cannot be encoded in ${CALLBACK_DATA_LIMIT} bytes: ${action.kind}`);
  }
  return data;
}

function encodeBody(a: CallbackAction): string | undefined {
  switch (a.kind) {
    case "latest":
      return validOffset(a.offset)
        ? `${a.edit ? CODES.latestPage : CODES.latestOpen}:${a.offset}`
        : undefined;
    case "topics":
      return CODES.topics;
    case "topic":
      return validOffset(a.offset) && a.topic !== ""
        ? `${a.edit ? CODES.topicPage : CODES.topicOpen}:${a.offset}:${a.topic}`
        : undefined;
    case "search":
      return validOffset(a.offset) && a.query !== "" ? `${CODES.search}:${a.offset}:${a.query}` : undefined;
    case "article":
    case "card":
      return ID.test(a.id) ? `${a.kind === "article" ? CODES.article : CODES.card}:${a.id}` : undefined;
    case "fulltext":
      return ID.test(a.id) && validOffset(a.page) ? `${CODES.fulltext}:${a.page}:${a.id}` : undefined;
    case "noop":
      return CODES.noop;
    case "ext":
      return NS.test(a.ns) ? `${a.ns}:${a.payload}` : undefined;
  }
}

/** Decode callback data; null for anything stale, tampered or unknown. Never throws. */
export function decodeCallback(data: unknown): CallbackAction | null {
  if (typeof data !== "string" || data.length === 0 || byteLength(data) > CALLBACK_DATA_LIMIT) return null;
  const [version, code, ...rest] = data.split(":");
  if (version !== CALLBACK_VERSION || code === undefined) return null;
  const tail = rest.join(":");
  switch (code) {
    case CODES.topics:
    case CODES.noop:
      return rest.length === 0 ? { kind: code === CODES.topics ? "topics" : "noop" } : null;
    case CODES.latestOpen:
    case CODES.latestPage:
      return rest.length === 1 && INT.test(tail)
        ? { kind: "latest", offset: Number(tail), edit: code === CODES.latestPage }
        : null;
    case CODES.topicOpen:
    case CODES.topicPage:
    case CODES.search:
      return decodeOffsetAndText(code, rest);
    case CODES.article:
    case CODES.card:
      return rest.length === 1 && ID.test(tail)
        ? { kind: code === CODES.article ? "article" : "card", id: tail }
        : null;
    case CODES.fulltext: {
      const [page, id] = rest;
      return rest.length === 2 && page !== undefined && id !== undefined && INT.test(page) && ID.test(id)
        ? { kind: "fulltext", id, page: Number(page) }
        : null;
    }
    default:
      return NS.test(code) && rest.length > 0 ? { kind: "ext", ns: code, payload: tail } : null;
  }
}

function decodeOffsetAndText(code: string, rest: string[]): CallbackAction | null {
  const [offset, ...words] = rest;
  const text = words.join(":");
  if (offset === undefined || !INT.test(offset) || text === "") return null;
  if (code === CODES.search) return { kind: "search", query: text, offset: Number(offset) };
  return { kind: "topic", topic: text, offset: Number(offset), edit: code === CODES.topicPage };
}

function validOffset(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_OFFSET;
}

/** A RegExp matching callback data of an extension namespace, for `composer.callbackQuery(...)`. */
export function extensionPattern(ns: string): RegExp {
  if (!NS.test(ns)) throw new RangeError(`extension namespace must be 2-8 lowercase letters: ${ns}`);
  return new RegExp(`^${CALLBACK_VERSION}:${ns}:`);
}
