/**
 * A {@link SendPort} over plain `fetch` to a Bot API server (`sendMessage`), without grammY.
 * The bot uses grammY's API through the coordinator's adapter; this one serves the delivery
 * benchmark and end-to-end tests against the local fake Bot API, and any tool that only sends.
 */
import { sendMessageOptions } from "./telegram-port.js";
import type { OutgoingMessage, SendPort, TelegramErrorLike } from "./types.js";

/** Bot API error answers are thrown as this, shaped like grammY's GrammyError. */
export class BotApiError extends Error implements TelegramErrorLike {
  override name = "BotApiError";
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: TelegramErrorLike["parameters"],
  ) {
    super(`Call to 'sendMessage' failed! (${error_code}: ${description})`);
  }
}

/** The JSON body of `sendMessage` for a message. */
export function sendMessageBody(chatId: number, message: OutgoingMessage): Record<string, unknown> {
  return { chat_id: chatId, text: message.text, ...sendMessageOptions(message) };
}

/** Create a SendPort posting to `${apiRoot}/bot${token}/sendMessage`. */
export function createFetchSendPort(options: { apiRoot: string; token: string }): SendPort {
  const url = `${options.apiRoot.replace(/\/+$/, "")}/bot${options.token}/sendMessage`;
  return async (chatId, message) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(sendMessageBody(chatId, message)),
    });
    const body = (await response.json()) as {
      ok: boolean;
      result?: { message_id: number };
      error_code?: number;
      description?: string;
      parameters?: TelegramErrorLike["parameters"];
    };
    if (body.ok && body.result) return { messageId: body.result.message_id };
    throw new BotApiError(
      body.error_code ?? response.status,
      body.description ?? response.statusText,
      body.parameters,
    );
  };
}
