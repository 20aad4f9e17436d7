/** An in-process SendPort that records what was sent, at what (virtual) time, and fails on request. */
import type { OutgoingMessage, SendPort, TelegramErrorLike } from "../../../src/digest/types.js";

export interface SentMessage {
  chatId: number;
  message: OutgoingMessage;
  at: number;
}

export function createFakeSend(clock: () => Date) {
  const sent: SentMessage[] = [];
  const attempts: { chatId: number; at: number }[] = [];
  const scripted = new Map<number, unknown[]>();
  const blocked = new Set<number>();
  const migrated = new Map<number, number>();
  let nextId = 1;
  const send: SendPort = async (chatId, message) => {
    const at = clock().getTime();
    attempts.push({ chatId, at });
    const queue = scripted.get(chatId);
    if (queue?.length) throw queue.shift();
    if (blocked.has(chatId)) throw telegramError(403, "Forbidden: bot was blocked by the user");
    const to = migrated.get(chatId);
    if (to !== undefined) {
      throw telegramError(400, "Bad Request: group chat was upgraded to a supergroup chat", {
        migrate_to_chat_id: to,
      });
    }
    sent.push({ chatId, message, at });
    return { messageId: nextId++ };
  };
  return {
    send,
    sent,
    attempts,
    /** Throw these errors (in order) on the next sends to `chatId`. */
    failNext(chatId: number, ...errors: unknown[]) {
      scripted.set(chatId, [...(scripted.get(chatId) ?? []), ...errors]);
    },
    block(chatId: number) {
      blocked.add(chatId);
    },
    migrate(from: number, to: number) {
      migrated.set(from, to);
    },
  };
}

export function telegramError(
  code: number,
  description: string,
  parameters?: TelegramErrorLike["parameters"],
): TelegramErrorLike {
  return { error_code: code, description, ...(parameters ? { parameters } : {}) };
}
