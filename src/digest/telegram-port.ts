/**
 * The {@link SendPort} over grammY's `Api#sendMessage` (structurally typed: nothing here imports
 * grammY). grammY's GrammyError already carries `error_code`, `description` and `parameters`
 * (retry_after, migrate_to_chat_id), which is all the delivery service reads from a failure;
 * HttpError (network) is classified as transient.
 */
import type { OutgoingMessage, SendPort } from "./types.js";

/** The options of `sendMessage` this port uses (a subset of grammY's). */
export interface SendMessageOptions {
  parse_mode: "HTML";
  link_preview_options: { is_disabled: boolean };
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  allow_paid_broadcast?: boolean;
}

/** What the port needs of grammY's `Api` (an `Api` instance satisfies it). */
export interface TelegramSender {
  sendMessage(chatId: number, text: string, other: SendMessageOptions): Promise<{ message_id: number }>;
}

/** Bot API options for a message: HTML, no link previews, its keyboard, paid broadcast when asked. */
export function sendMessageOptions(message: OutgoingMessage): SendMessageOptions {
  return {
    parse_mode: message.parseMode,
    link_preview_options: { is_disabled: true },
    ...(message.buttons?.length
      ? {
          reply_markup: {
            inline_keyboard: message.buttons.map((row) =>
              row.map((b) => ({ text: b.text, callback_data: b.data })),
            ),
          },
        }
      : {}),
    ...(message.allowPaidBroadcast ? { allow_paid_broadcast: true } : {}),
  };
}

/**
 * Create the port. Give it an `Api` without auto-retry: the delivery service waits out 429s
 * itself, holding back every sender for `retry_after` (auto-retry would hold back only the one
 * request, and the others would run into the limit too).
 */
export function createTelegramSendPort(api: TelegramSender): SendPort {
  return async (chatId, message) => {
    const sent = await api.sendMessage(chatId, message.text, sendMessageOptions(message));
    return { messageId: sent.message_id };
  };
}
