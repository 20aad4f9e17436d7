/** Checks the fake Bot API applies to payloads, with Telegram's error descriptions. */
import { type ParsedEntity, parseTelegramHtml } from "./fake-bot-api-html.js";

/** A Telegram error answer. */
export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }
}

const bad = (description: string) => new ApiError(400, `Bad Request: ${description}`);

/** Telegram's limit on message text after entity parsing (UTF-16 units). */
export const TEXT_LIMIT = 4096;

/** Parse and check a message text the way sendMessage/editMessageText do. */
export function checkText(text: unknown, parseMode: unknown): { plain: string; entities: ParsedEntity[] } {
  if (typeof text !== "string" || text.trim() === "") throw bad("message text is empty");
  let plain = text;
  let entities: ParsedEntity[] = [];
  if (typeof parseMode === "string" && parseMode.toLowerCase() === "html") {
    const parsed = parseTelegramHtml(text);
    if (!parsed.ok) throw new ApiError(400, parsed.description);
    plain = parsed.text;
    entities = parsed.entities;
  } else if (parseMode !== undefined && parseMode !== "MarkdownV2" && parseMode !== "Markdown") {
    throw bad(`unsupported parse_mode "${String(parseMode)}"`);
  }
  if (plain.trim() === "") throw bad("message text is empty");
  if (plain.length > TEXT_LIMIT) throw bad("message is too long");
  return { plain, entities };
}

/** Check an inline keyboard: button text present, exactly one action, callback_data 1–64 bytes, valid URLs. */
export function checkMarkup(markup: unknown): void {
  if (markup === undefined) return;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return; // reply keyboards and removals are not checked here
  if (!Array.isArray(rows))
    throw bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array');
  for (const row of rows) {
    if (!Array.isArray(row)) throw bad("inline keyboard rows must be Arrays");
    for (const b of row as Record<string, unknown>[]) {
      if (typeof b.text !== "string" || b.text === "")
        throw bad("text buttons are unallowed in the inline keyboard");
      const actions = [
        "callback_data",
        "url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "login_url",
        "web_app",
        "pay",
        "copy_text",
      ];
      if (actions.filter((k) => b[k] !== undefined).length !== 1)
        throw bad('can\'t find field "text" or an action in InlineKeyboardButton');
      if (b.callback_data !== undefined) {
        const n = typeof b.callback_data === "string" ? Buffer.byteLength(b.callback_data) : 0;
        if (n < 1 || n > 64) throw bad("BUTTON_DATA_INVALID");
      }
      if (b.url !== undefined && (typeof b.url !== "string" || !/^(https?|tg):\/\/\S+$/.test(b.url))) {
        throw bad(`inline keyboard button URL '${String(b.url)}' is invalid: Wrong HTTP URL`);
      }
    }
  }
}

/** Check setMyCommands' list. */
export function checkCommands(commands: unknown): { command: string; description: string }[] {
  if (!Array.isArray(commands) || commands.length > 100) throw bad("BOT_COMMANDS_TOO_MUCH");
  for (const c of commands as Record<string, unknown>[]) {
    if (typeof c.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(c.command))
      throw bad("BOT_COMMAND_INVALID");
    if (typeof c.description !== "string" || c.description.length < 1 || c.description.length > 256) {
      throw bad("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  return commands as { command: string; description: string }[];
}

/** Check answerInlineQuery's results and next_offset. */
export function checkInlineResults(results: unknown, nextOffset: unknown): void {
  if (!Array.isArray(results)) throw bad('field "results" must be an Array');
  if (results.length > 50) throw bad("RESULTS_TOO_MUCH");
  const ids = new Set<string>();
  for (const r of results as Record<string, unknown>[]) {
    const id = r.id;
    if (typeof id !== "string" || Buffer.byteLength(id) < 1 || Buffer.byteLength(id) > 64)
      throw bad("RESULT_ID_INVALID");
    if (ids.has(id)) throw bad("RESULT_ID_DUPLICATE");
    ids.add(id);
    if (r.type === "article" && (typeof r.title !== "string" || r.title === ""))
      throw bad("RESULT_TITLE_EMPTY");
    const content = r.input_message_content as Record<string, unknown> | undefined;
    if (r.type === "article" && !content) throw bad("input_message_content is required");
    if (content && "message_text" in content) {
      try {
        checkText(content.message_text, content.parse_mode);
      } catch (error) {
        if (error instanceof ApiError && error.description.endsWith("message is too long"))
          throw bad("MESSAGE_TOO_LONG");
        throw error;
      }
    }
    checkMarkup(r.reply_markup);
  }
  if (nextOffset !== undefined && (typeof nextOffset !== "string" || Buffer.byteLength(nextOffset) > 64)) {
    throw bad("NEXT_OFFSET_INVALID");
  }
}
