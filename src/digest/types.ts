/**
 * Types of the digest pipeline: what a composed digest holds, the message it renders to, and the
 * port it is sent through. Nothing here knows grammY: the coordinator adapts {@link SendPort} to
 * `bot.api.sendMessage`.
 */

/** One story in a digest: several near-identical articles are told once, through their lead. */
export interface DigestItem {
  /** Stable id of the story (the id of its earliest article). */
  storyId: string;
  /** The article the item shows and its button opens. */
  articleId: string;
  title: string;
  /** One or two sentences. */
  summary: string[];
  source: string | null;
  /** Publication instant (ISO-8601) of the lead article, when known. */
  published: string | null;
  /** How many articles carry this story, and from how many distinct sources. */
  articles: number;
  sources: number;
  /** Importance used for ordering (higher first). */
  score: number;
}

/** Items under one topic heading. `topic` is null for stories without any topic. */
export interface DigestGroup {
  topic: { id: string; name: string } | null;
  items: DigestItem[];
}

/** A composed digest for one chat. */
export interface Digest {
  chatId: number;
  /** The instant it was composed (ISO); also the instant the next digest counts "new" from. */
  generatedAt: string;
  /** Articles that arrived after this instant were candidates (null: the first digest). */
  since: string | null;
  groups: DigestGroup[];
  /** Every new story found, including those beyond the size limit. */
  total: number;
  /** True for a "nothing new" note (only composed when the subscriber asked for one). */
  empty: boolean;
}

/** An inline keyboard button: label and callback data (≤ 64 bytes). */
export interface MessageButton {
  text: string;
  data: string;
}

/** A message ready for Telegram: HTML text (≤ 4,096 UTF-16 units) and optional inline keyboard rows. */
export interface OutgoingMessage {
  text: string;
  parseMode: "HTML";
  buttons?: MessageButton[][];
  /** Ask Telegram to bill Stars for exceeding the free broadcast limit (`allow_paid_broadcast`). */
  allowPaidBroadcast?: boolean;
}

/**
 * Sends one message. Resolves with Telegram's message id; rejects with an error shaped like
 * grammY's GrammyError ({@link TelegramErrorLike}) or any other error for network failures.
 */
export type SendPort = (chatId: number, message: OutgoingMessage) => Promise<{ messageId: number }>;

/** The fields of a Bot API error response that delivery decisions depend on. */
export interface TelegramErrorLike {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** The logging surface the digest code needs; a pino logger satisfies it. */
export interface DigestLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** A logger that drops everything, for callers that pass none. */
export const silentLogger: DigestLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
