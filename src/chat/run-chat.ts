/**
 * `npm run chat`: talk to the bot in a terminal. Each typed line becomes an update for
 * `bot.handleUpdate` (a private-chat message); a number presses that button of the last
 * message; `@ words` runs an inline query. Outgoing API calls never leave the process.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Bot } from "grammy";
import type { Update, User, UserFromGetMe } from "grammy/types";
import type { BotContext } from "../bot/context.js";
import { ChatTransport } from "./transport.js";

/** Options for {@link runChat}. */
export interface ChatOptions {
  bot: Bot<BotContext>;
  input: Readable;
  output: Writable;
  /** The private chat's id (default 1). */
  chatId?: number;
  /** Who is typing (default "You", id = chatId). */
  user?: Partial<User>;
  /** ANSI styles (default: when output is a TTY). */
  color?: boolean;
}

const FALLBACK_BOT: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Briefly",
  username: "briefly_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
} as UserFromGetMe;

/** Run the chat until the input ends or the user types /quit. */
export async function runChat(options: ChatOptions): Promise<void> {
  const { bot, output } = options;
  const chatId = options.chatId ?? 1;
  const user: User = { id: chatId, is_bot: false, first_name: "You", ...options.user };
  const color = options.color ?? Boolean((output as { isTTY?: boolean }).isTTY);
  const write = (text: string) => void output.write(text);
  const transport = new ChatTransport(write, color, () => (bot.isInited() ? bot.botInfo : FALLBACK_BOT));
  bot.api.config.use(transport.transformer());
  await bot.init();
  write(
    `Chatting with ${bot.botInfo.first_name} (@${bot.botInfo.username}) — no Telegram needed.\n` +
      "Type /start or /help, a few words to search, a number to press a button, '@ words' for inline mode, /quit to leave.\n\n",
  );
  let updateId = 1;
  const handle = async (update: Omit<Update, "update_id">) => {
    try {
      await bot.handleUpdate({ update_id: updateId++, ...update } as Update);
    } catch (err) {
      write(`  (the bot failed: ${(err as Error).message})\n\n`);
    }
  };
  const inline = (query: string, offset = "") => {
    transport.noteInlineQuery(query);
    return handle({ inline_query: { id: `iq${updateId}`, from: user, query, offset, chat_type: "sender" } });
  };

  const lines = createInterface({
    input: options.input,
    crlfDelay: Number.POSITIVE_INFINITY,
    terminal: false,
  });
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (line === "/quit" || line === "/exit") break;
    const number = /^\/?(\d{1,3})$/.exec(line);
    const choice = number ? transport.choices[Number(number[1]) - 1] : undefined;
    if (number && choice) {
      if (choice.kind === "more") await inline(choice.query, choice.offset);
      else if (choice.kind === "result") transport.postInlineResult(choice.result);
      else if ("url" in choice.button && choice.button.url) write(`  (opens ${choice.button.url})\n\n`);
      else if ("callback_data" in choice.button) {
        const target = choice.target;
        const base = {
          id: `cq${updateId}`,
          from: user,
          chat_instance: "terminal",
          data: choice.button.callback_data,
        };
        if ("inlineMessageId" in target)
          await handle({ callback_query: { ...base, inline_message_id: target.inlineMessageId } });
        else {
          const shown = transport.messages.get(target.messageId);
          const message = {
            message_id: target.messageId,
            date: 0,
            chat: { id: chatId, type: "private" as const, first_name: user.first_name },
            text: shown?.text ?? "",
            ...(shown?.markup ? { reply_markup: shown.markup } : {}),
          };
          await handle({ callback_query: { ...base, message } });
        }
      }
      continue;
    }
    if (line.startsWith("@")) {
      await inline(line.slice(1).trim());
      continue;
    }
    await handle({ message: textMessage(line, transport.allocateMessageId(), chatId, user) } as Omit<
      Update,
      "update_id"
    >);
  }
}

function textMessage(text: string, messageId: number, chatId: number, from: User) {
  const command = /^\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    message_id: messageId,
    date: 0,
    chat: { id: chatId, type: "private", first_name: from.first_name },
    from,
    text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
  };
}
