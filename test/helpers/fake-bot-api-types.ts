/** The fake Bot API's public shapes (see fake-bot-api.ts). */
import type { Update, User } from "grammy/types";
import type { RateLimit } from "./fake-bot-api-state.js";

/** Options: the token it accepts, and an optional rate limit that answers 429 with retry_after. */
export interface FakeBotApiOptions {
  token?: string;
  rateLimit?: RateLimit;
}
/** A message the bot sent, as the chat shows it now (edits applied). */
export interface SentMessage {
  chatId: number;
  messageId: number;
  text: string;
  parseMode?: string;
  replyMarkup?: unknown;
  at: number;
  /** Extra: the visible text after entity parsing. */
  plain: string;
}
/** A running fake: its address, a log of calls, ways to send user updates and inject failures. */
export interface FakeBotApi {
  /** e.g. "http://127.0.0.1:PORT": pass as the Bot's client.apiRoot / TELEGRAM_API_ROOT. */
  apiRoot: string;
  /** The only token it accepts (others get 401). */
  token: string;
  /** Every request; `description` (an extra) is Telegram's error text when status is not 200. */
  calls: {
    method: string;
    payload: Record<string, unknown>;
    at: number;
    status: number;
    description?: string;
  }[];
  /** The bot's messages (of one chat, or all), in sending order, edits applied. */
  messages(chatId?: number): SentMessage[];
  /** Queue any update for getUpdates (or the webhook); returns its update_id. */
  pushUpdate(update: Omit<Update, "update_id">): number;
  /** A text message from a user (private chat for positive ids, supergroup for negative), commands marked. */
  sendText(chatId: number, text: string, from?: Partial<User>): number;
  /** A callback query on a bot message (the stored message is attached); the data is sent as given. */
  pressButton(chatId: number, messageId: number, data: string): number;
  /** `from` (an extra) lets benchmarks use many users; the default is user 1000 (FAKE_USER_ID). */
  inlineQuery(query: string, offset?: string, from?: Partial<User>): number;
  /** Resolve once `predicate` holds (re-checked after every request); reject after `timeoutMs` (default 5000). */
  waitFor(predicate: (api: FakeBotApi) => boolean, timeoutMs?: number): Promise<void>;
  /** The next `times` (default 1) calls to `method` fail with this error (and its parameters). */
  failNext(
    method: string,
    error: { error_code: number; description: string; retry_after?: number; migrate_to_chat_id?: number },
    times?: number,
  ): void;
  /** From now on, sends to this chat answer 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: number): void;
  /** From now on, sends to `fromId` answer 400 with parameters.migrate_to_chat_id = `toId`. */
  migrateChat(fromId: number, toId: number): void;
  /** Release pending long polls and stop the server. */
  close(): Promise<void>;
}
