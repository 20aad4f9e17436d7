/**
 * grammY's test recipe: `new Bot(token, { botInfo })`, an API transformer that records
 * every outgoing call and returns canned results (no network), and fake updates fed to
 * `bot.handleUpdate`. Also builders for the updates themselves.
 */
import type { Bot, Context } from "grammy";
import type { InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from "grammy/types";

/** The identity tests give the bot. */
export const BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "Briefly",
  username: "briefly_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** A recorded outgoing API call. */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/** What {@link recordApi} returns. */
export interface ApiRecorder {
  calls: RecordedCall[];
  /** Payloads of the calls to `method`, in order. */
  payloads(method: string): Record<string, unknown>[];
  /** Texts of sendMessage and editMessageText calls, in order. */
  texts(): string[];
  /** The last sendMessage/editMessageText payload. */
  last(): Record<string, unknown> | undefined;
  /** Make the next `times` calls to `method` (whose payload passes `when`, if given) fail with a Telegram error. */
  failNext(
    method: string,
    error: { error_code: number; description: string },
    times?: number,
    when?: (payload: Record<string, unknown>) => boolean,
  ): void;
  clear(): void;
}

/** Install the recording transformer on `bot` (outermost, so nothing reaches the network). */
export function recordApi<C extends Context>(bot: Bot<C>): ApiRecorder {
  const calls: RecordedCall[] = [];
  const failures: {
    method: string;
    error: { error_code: number; description: string };
    when?: (payload: Record<string, unknown>) => boolean;
  }[] = [];
  let messageId = 100;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const failAt = failures.findIndex((f) => f.method === method && (f.when?.(p) ?? true));
    if (failAt >= 0) {
      const [f] = failures.splice(failAt, 1);
      return { ok: false, ...f!.error } as never;
    }
    return { ok: true, result: cannedResult(method, p, () => ++messageId) } as never;
  });
  const textMethods = new Set(["sendMessage", "editMessageText"]);
  return {
    calls,
    payloads: (method) => calls.filter((c) => c.method === method).map((c) => c.payload),
    texts: () => calls.filter((c) => textMethods.has(c.method)).map((c) => String(c.payload.text)),
    last: () => calls.filter((c) => textMethods.has(c.method)).at(-1)?.payload,
    failNext(method, error, times = 1, when) {
      for (let i = 0; i < times; i++) failures.push({ method, error, ...(when ? { when } : {}) });
    },
    clear: () => {
      calls.length = 0;
    },
  };
}

function cannedResult(method: string, p: Record<string, unknown>, nextId: () => number): unknown {
  switch (method) {
    case "getMe":
      return BOT_INFO;
    case "sendMessage":
    case "editMessageText":
      if (method === "editMessageText" && p.inline_message_id) return true;
      return {
        message_id: method === "sendMessage" ? nextId() : p.message_id,
        date: 1_762_000_000,
        chat: { id: p.chat_id, type: Number(p.chat_id) > 0 ? "private" : "supergroup", first_name: "Test" },
        text: p.text,
        ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}),
      };
    default:
      return true;
  }
}

/** The user tests write as. */
export const USER: User = { id: 1001, is_bot: false, first_name: "Alice", language_code: "en" };

let nextUpdateId = 1;

/** A message update; `/commands` get their bot_command entity like Telegram adds. */
export function textUpdate(
  text: string,
  opts: { chatId?: number; chatType?: "private" | "group" | "supergroup"; from?: User; viaBot?: User } = {},
): Update {
  const from = opts.from ?? USER;
  const chatId = opts.chatId ?? from.id;
  const chatType = opts.chatType ?? (chatId > 0 ? "private" : "supergroup");
  const chat =
    chatType === "private"
      ? { id: chatId, type: "private" as const, first_name: from.first_name }
      : { id: chatId, type: chatType, title: "News group" };
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  const message = {
    message_id: nextUpdateId,
    date: 1_762_000_000,
    chat,
    from,
    text,
    ...(command
      ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] }
      : {}),
    ...(opts.viaBot ? { via_bot: opts.viaBot } : {}),
  } as Message.TextMessage;
  return { update_id: nextUpdateId++, message } as Update;
}

/** A callback query update for a button on a bot message (or an inline message when `inlineMessageId` is set). */
export function callbackUpdate(
  data: string,
  opts: {
    chatId?: number;
    messageId?: number;
    text?: string;
    markup?: InlineKeyboardMarkup;
    inlineMessageId?: string;
    from?: User;
  } = {},
): Update {
  const from = opts.from ?? USER;
  const chatId = opts.chatId ?? from.id;
  const base = { id: `cb${nextUpdateId}`, from, chat_instance: "ci", data };
  const callback_query = opts.inlineMessageId
    ? { ...base, inline_message_id: opts.inlineMessageId }
    : {
        ...base,
        message: {
          message_id: opts.messageId ?? 101,
          date: 1_762_000_000,
          chat: {
            id: chatId,
            type: chatId > 0 ? ("private" as const) : ("supergroup" as const),
            first_name: "Alice",
            title: "g",
          },
          from: BOT_INFO,
          text: opts.text ?? "",
          ...(opts.markup ? { reply_markup: opts.markup } : {}),
        },
      };
  return { update_id: nextUpdateId++, callback_query } as Update;
}

/** An inline query update. */
export function inlineUpdate(query: string, offset = "", from: User = USER): Update {
  return { update_id: nextUpdateId++, inline_query: { id: `iq${nextUpdateId}`, from, query, offset } };
}

/** All callback_data values of a keyboard, row by row. */
export function callbackData(markup: unknown): string[] {
  const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
  return rows.flat().flatMap((b) => ("callback_data" in b && b.callback_data ? [b.callback_data] : []));
}

/** All button labels of a keyboard. */
export function buttonLabels(markup: unknown): string[] {
  return ((markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).flat().map((b) => b.text);
}
