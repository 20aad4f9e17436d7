/**
 * The terminal chat's stand-in for Telegram: an API transformer that answers every call
 * locally (no network) and prints what the bot sends, keeping the buttons of the last
 * message so the user can press them by number.
 */
import type { Transformer } from "grammy";
import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  InlineQueryResultArticle,
  UserFromGetMe,
} from "grammy/types";
import { htmlToTerminal } from "./html-to-text.js";

/** Something the user can choose by number. */
export type Choice =
  | {
      kind: "button";
      button: InlineKeyboardButton;
      target: { messageId: number } | { inlineMessageId: string };
    }
  | { kind: "result"; result: InlineQueryResultArticle }
  | { kind: "more"; query: string; offset: string };

/** A message shown in the chat. */
interface Shown {
  text: string;
  parseMode?: string;
  markup?: InlineKeyboardMarkup;
}

/** State and printing of the terminal chat. */
export class ChatTransport {
  /** Choices offered by the last printed keyboard or result list. */
  choices: Choice[] = [];
  readonly messages = new Map<number, Shown>();
  readonly inlineMessages = new Map<string, Shown>();
  private nextMessageId = 1;
  private lastInlineQuery = "";

  constructor(
    private readonly write: (text: string) => void,
    private readonly color: boolean,
    private readonly botInfo: () => UserFromGetMe,
  ) {}

  /** Message ids are shared by the user's and the bot's messages, as in Telegram. */
  allocateMessageId(): number {
    return this.nextMessageId++;
  }

  /** Remember the query of an inline request, so "More…" can continue it. */
  noteInlineQuery(query: string): void {
    this.lastInlineQuery = query;
  }

  /** The API transformer: never calls the network. */
  transformer(): Transformer {
    return async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      return { ok: true, result: this.handle(method, p) } as never;
    };
  }

  /** Print a message the user sent through inline mode (a chosen result) and make its buttons pressable. */
  postInlineResult(result: InlineQueryResultArticle): void {
    const content = result.input_message_content as { message_text: string; parse_mode?: string };
    const id = `inline-${this.allocateMessageId()}`;
    const shown: Shown = {
      text: content.message_text,
      ...(content.parse_mode ? { parseMode: content.parse_mode } : {}),
      ...(result.reply_markup ? { markup: result.reply_markup } : {}),
    };
    this.inlineMessages.set(id, shown);
    this.print(`You (via @${this.botInfo().username})`, shown, { inlineMessageId: id });
  }

  private handle(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo();
      case "sendMessage": {
        const messageId = this.allocateMessageId();
        const shown = this.shown(p);
        this.messages.set(messageId, shown);
        this.print(this.botInfo().first_name, shown, { messageId });
        return {
          message_id: messageId,
          date: 0,
          chat: { id: p.chat_id, type: "private", first_name: "You" },
          text: p.text,
        };
      }
      case "editMessageText": {
        const shown = this.shown(p);
        const who = `${this.botInfo().first_name} (edited)`;
        if (p.inline_message_id) {
          const inlineMessageId = String(p.inline_message_id);
          this.inlineMessages.set(inlineMessageId, shown);
          this.print(who, shown, { inlineMessageId });
          return true;
        }
        const messageId = Number(p.message_id);
        this.messages.set(messageId, shown);
        this.print(who, shown, { messageId });
        return { message_id: messageId, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text };
      }
      case "answerCallbackQuery":
        if (typeof p.text === "string" && p.text) this.write(`  ⓘ ${p.text}\n\n`);
        return true;
      case "answerInlineQuery":
        this.printResults(
          p.results as InlineQueryResultArticle[],
          typeof p.next_offset === "string" ? p.next_offset : "",
        );
        return true;
      default:
        return true;
    }
  }

  private shown(p: Record<string, unknown>): Shown {
    return {
      text: String(p.text ?? ""),
      ...(typeof p.parse_mode === "string" ? { parseMode: p.parse_mode } : {}),
      ...(p.reply_markup && "inline_keyboard" in (p.reply_markup as object)
        ? { markup: p.reply_markup as InlineKeyboardMarkup }
        : {}),
    };
  }

  private print(
    who: string,
    shown: Shown,
    target: { messageId: number } | { inlineMessageId: string },
  ): void {
    const body =
      shown.parseMode?.toLowerCase() === "html"
        ? htmlToTerminal(shown.text, { color: this.color })
        : shown.text;
    const name = this.color ? `\x1b[1;34m${who}\x1b[0m` : who;
    let out = `${name}:\n${body.replace(/^/gm, "  ")}\n`;
    const rows = shown.markup?.inline_keyboard ?? [];
    if (rows.length > 0) {
      this.choices = [];
      for (const row of rows) {
        const cells = row.map((button) => {
          this.choices.push({ kind: "button", button, target });
          return `[${this.choices.length}] ${button.text}`;
        });
        out += `  ${cells.join("   ")}\n`;
      }
    }
    this.write(`${out}\n`);
  }

  private printResults(results: InlineQueryResultArticle[], nextOffset: string): void {
    this.choices = results.map((result) => ({ kind: "result", result }));
    if (results.length === 0) {
      this.write("  (no inline results)\n\n");
      return;
    }
    const lines = results.map(
      (r, i) => `  [${i + 1}] ${r.title}${r.description ? ` — ${r.description}` : ""}`,
    );
    if (nextOffset) {
      this.choices.push({ kind: "more", query: this.lastInlineQuery, offset: nextOffset });
      lines.push(`  [${this.choices.length}] More…`);
    }
    this.write(`Inline results (type a number to send one):\n${lines.join("\n")}\n\n`);
  }
}
