/** What a failed send means for delivery (pure): wait, follow, pause, retry, or give up. */
import type { TelegramErrorLike } from "./types.js";

/** The decision for one failed send. */
export type SendFailure =
  | { kind: "rate-limited"; retryAfterMs: number; reason: string }
  | { kind: "migrated"; toChatId: number; reason: string }
  | { kind: "gone"; reason: string }
  | { kind: "transient"; reason: string }
  | { kind: "permanent"; reason: string };

/** Telegram says the chat cannot receive messages from us any more. */
const GONE =
  /chat not found|user is deactivated|bot was kicked|bot was blocked|PEER_ID_INVALID|group chat was deleted/i;

function isTelegramError(error: unknown): error is TelegramErrorLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as TelegramErrorLike).error_code === "number" &&
    typeof (error as TelegramErrorLike).description === "string"
  );
}

/**
 * Classify a send error: 429 → wait `retry_after` (1 s when absent); 400 with
 * `migrate_to_chat_id` → follow the group to its supergroup; 403, or 400 "chat not found" →
 * the chat is gone (pause the subscription); 5xx and network errors → transient; the rest
 * (malformed message, …) → permanent.
 */
export function classifySendError(error: unknown): SendFailure {
  if (!isTelegramError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "transient", reason: `network: ${message}` };
  }
  const reason = `${error.error_code}: ${error.description}`;
  const params = error.parameters ?? {};
  if (error.error_code === 429) {
    return { kind: "rate-limited", retryAfterMs: Math.max(1, params.retry_after ?? 1) * 1000, reason };
  }
  if (params.migrate_to_chat_id !== undefined) {
    return { kind: "migrated", toChatId: params.migrate_to_chat_id, reason };
  }
  if (error.error_code === 403 || (error.error_code === 400 && GONE.test(error.description))) {
    return { kind: "gone", reason };
  }
  if (error.error_code >= 500) return { kind: "transient", reason };
  return { kind: "permanent", reason };
}
