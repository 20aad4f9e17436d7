/**
 * The fake Bot API's chats, messages and queries, and the methods that act on them.
 * Each method either returns its `result` or throws an {@link ApiError} like Telegram.
 */
import type { ParsedEntity } from "./fake-bot-api-html.js";
import {
  ApiError,
  checkCommands,
  checkInlineResults,
  checkMarkup,
  checkText,
} from "./fake-bot-api-validate.js";

/** A message the bot sent, as currently shown (edits applied). */
export interface StoredMessage {
  chatId: number;
  messageId: number;
  /** The text as the bot sent it (HTML source when parseMode is HTML). */
  text: string;
  parseMode?: string;
  replyMarkup?: unknown;
  /** Milliseconds (epoch, sub-ms precision) when it was sent. */
  at: number;
  /** Visible text after entity parsing. */
  plain: string;
  entities: ParsedEntity[];
  editedAt?: number;
}

/** Rate limit of the fake: messages per second overall and per chat. */
export interface RateLimit {
  perSecond: number;
  perChatPerSecond?: number;
}

const SENDING = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "sendChatAction"]);

/** The fake's state and method handlers. */
export class FakeState {
  readonly messages = new Map<number, Map<number, StoredMessage>>();
  readonly nextMessageId = new Map<number, number>();
  readonly callbackQueries = new Map<string, boolean>();
  readonly inlineQueries = new Map<string, boolean>();
  readonly blocked = new Set<number>();
  readonly migrated = new Map<number, number>();
  readonly commands = new Map<string, unknown[]>();
  private sent: { chatId: number; at: number }[] = [];

  constructor(
    readonly botUser: { id: number; is_bot: true; first_name: string; username: string },
    private readonly now: () => number,
    private readonly rateLimit?: RateLimit,
  ) {}

  /** Allocate the next message id in a chat (shared by user and bot messages, as in Telegram). */
  allocateMessageId(chatId: number): number {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    return id;
  }

  /** Run one method. Unknown methods are 404 like Telegram's. */
  handle(method: string, p: Record<string, unknown>): unknown {
    if (SENDING.has(method)) this.checkChat(p.chat_id);
    switch (method) {
      case "getMe":
        return {
          ...this.botUser,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: true,
        };
      case "sendMessage":
        return this.sendMessage(p);
      case "editMessageText":
        return this.editMessage(p, true);
      case "editMessageReplyMarkup":
        return this.editMessage(p, false);
      case "deleteMessage": {
        const chat = this.messages.get(Number(p.chat_id));
        if (!chat?.delete(Number(p.message_id)))
          throw new ApiError(400, "Bad Request: message to delete not found");
        return true;
      }
      case "answerCallbackQuery":
        this.answer(this.callbackQueries, p.callback_query_id);
        if (typeof p.text === "string" && p.text.length > 200)
          throw new ApiError(400, "Bad Request: MESSAGE_TOO_LONG");
        return true;
      case "answerInlineQuery":
        checkInlineResults(p.results, p.next_offset);
        this.answer(this.inlineQueries, p.inline_query_id);
        return true;
      case "setMyCommands":
        this.commands.set(scopeKey(p.scope), checkCommands(p.commands));
        return true;
      case "getMyCommands":
        return this.commands.get(scopeKey(p.scope)) ?? [];
      case "deleteMyCommands":
        this.commands.delete(scopeKey(p.scope));
        return true;
      case "sendChatAction":
      case "close":
      case "logOut":
        return true;
      default:
        throw new ApiError(404, "Not Found: method not found");
    }
  }

  /** All bot messages, optionally of one chat, in sending order. */
  list(chatId?: number): StoredMessage[] {
    const chats =
      chatId === undefined ? [...this.messages.values()] : [this.messages.get(chatId) ?? new Map()];
    return chats.flatMap((c) => [...c.values()]).sort((a, b) => a.at - b.at || a.messageId - b.messageId);
  }

  private checkChat(raw: unknown): void {
    if (raw === undefined) return; // inline message edits carry no chat
    const chatId = Number(raw);
    if (!Number.isFinite(chatId)) throw new ApiError(400, "Bad Request: chat not found");
    if (this.blocked.has(chatId)) throw new ApiError(403, "Forbidden: bot was blocked by the user");
    const to = this.migrated.get(chatId);
    if (to !== undefined) {
      throw new ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: to,
      });
    }
    if (this.rateLimit) this.checkRate(chatId);
  }

  private checkRate(chatId: number): void {
    const now = this.now();
    this.sent = this.sent.filter((s) => s.at > now - 1000);
    const { perSecond, perChatPerSecond } = this.rateLimit!;
    const inChat = this.sent.filter((s) => s.chatId === chatId).length;
    if (this.sent.length >= perSecond || (perChatPerSecond !== undefined && inChat >= perChatPerSecond)) {
      throw new ApiError(429, "Too Many Requests: retry after 1", { retry_after: 1 });
    }
    this.sent.push({ chatId, at: now });
  }

  private sendMessage(p: Record<string, unknown>): unknown {
    const chatId = Number(p.chat_id);
    if (p.chat_id === undefined) throw new ApiError(400, "Bad Request: chat_id is empty");
    const { plain, entities } = checkText(p.text, p.parse_mode);
    checkMarkup(p.reply_markup);
    const message: StoredMessage = {
      chatId,
      messageId: this.allocateMessageId(chatId),
      text: String(p.text),
      ...(typeof p.parse_mode === "string" ? { parseMode: p.parse_mode } : {}),
      ...(p.reply_markup !== undefined ? { replyMarkup: p.reply_markup } : {}),
      at: this.now(),
      plain,
      entities,
    };
    const chat = this.messages.get(chatId) ?? new Map<number, StoredMessage>();
    chat.set(message.messageId, message);
    this.messages.set(chatId, chat);
    return this.toMessage(message);
  }

  private editMessage(p: Record<string, unknown>, withText: boolean): unknown {
    if (p.inline_message_id !== undefined) {
      if (withText) checkText(p.text, p.parse_mode);
      checkMarkup(p.reply_markup);
      return true;
    }
    const stored = this.messages.get(Number(p.chat_id))?.get(Number(p.message_id));
    if (!stored) throw new ApiError(400, "Bad Request: message to edit not found");
    const next = withText
      ? checkText(p.text, p.parse_mode)
      : { plain: stored.plain, entities: stored.entities };
    checkMarkup(p.reply_markup);
    const same =
      next.plain === stored.plain &&
      JSON.stringify(next.entities) === JSON.stringify(stored.entities) &&
      JSON.stringify(p.reply_markup ?? null) === JSON.stringify(stored.replyMarkup ?? null);
    if (same) {
      throw new ApiError(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    if (withText) {
      stored.text = String(p.text);
      if (typeof p.parse_mode === "string") stored.parseMode = p.parse_mode;
      else delete stored.parseMode;
    }
    stored.plain = next.plain;
    stored.entities = next.entities;
    if (p.reply_markup !== undefined) stored.replyMarkup = p.reply_markup;
    else delete stored.replyMarkup;
    stored.editedAt = this.now();
    return this.toMessage(stored);
  }

  private answer(queries: Map<string, boolean>, id: unknown): void {
    if (typeof id !== "string" || queries.get(id) !== false) {
      throw new ApiError(
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
      );
    }
    queries.set(id, true);
  }

  /** The Message object Telegram returns for a stored message. */
  toMessage(m: StoredMessage): Record<string, unknown> {
    return {
      message_id: m.messageId,
      date: Math.floor(m.at / 1000),
      ...(m.editedAt ? { edit_date: Math.floor(m.editedAt / 1000) } : {}),
      chat:
        m.chatId > 0
          ? { id: m.chatId, type: "private", first_name: "Tester" }
          : { id: m.chatId, type: "supergroup", title: "Group" },
      from: {
        id: this.botUser.id,
        is_bot: true,
        first_name: this.botUser.first_name,
        username: this.botUser.username,
      },
      text: m.plain,
      ...(m.entities.length > 0 ? { entities: m.entities } : {}),
      ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
    };
  }
}

function scopeKey(scope: unknown): string {
  return scope === undefined ? "default" : JSON.stringify(scope);
}
