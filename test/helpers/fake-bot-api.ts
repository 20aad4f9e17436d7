/**
 * A local fake of the Telegram Bot API over real HTTP (node:http on 127.0.0.1, port 0),
 * for end-to-end tests and benchmarks: `/bot<token>/<method>` with JSON, form or query
 * parameters, Telegram's JSON shapes and error codes, long-polling getUpdates with offsets,
 * webhook delivery, HTML entity parsing and limits, injectable failures and rate limits.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, User } from "grammy/types";
import { commandEntities, readPayload } from "./fake-bot-api-http.js";
import { FakeState, type StoredMessage } from "./fake-bot-api-state.js";
import type { FakeBotApi, FakeBotApiOptions, SentMessage } from "./fake-bot-api-types.js";
import { UpdateQueue } from "./fake-bot-api-updates.js";
import { ApiError } from "./fake-bot-api-validate.js";

export type { FakeBotApi, FakeBotApiOptions, SentMessage } from "./fake-bot-api-types.js";

/** The user updates come from unless a test says otherwise. */
export const FAKE_USER_ID = 1000;
const now = () => performance.timeOrigin + performance.now();

/** Start the fake on a free loopback port. */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? "123456:TEST-TOKEN";
  const state = new FakeState(
    {
      id: Number(token.split(":")[0]) || 123456,
      is_bot: true,
      first_name: "Briefly",
      username: "briefly_test_bot",
    },
    now,
    options.rateLimit,
  );
  const updates = new UpdateQueue();
  const listeners = new Set<() => void>();
  const failures: { method: string; error: ApiError }[] = [];
  let nextUpdateId = 1;
  const changed = () => {
    for (const l of [...listeners]) l();
  };

  const execute = async (method: string, payload: Record<string, unknown>): Promise<unknown> => {
    const failAt = failures.findIndex((f) => f.method === method);
    if (failAt >= 0) throw failures.splice(failAt, 1)[0]!.error;
    if (method === "getUpdates") return updates.getUpdates(payload);
    if (method === "setWebhook") return updates.setWebhook(payload);
    if (method === "deleteWebhook") return updates.deleteWebhook(payload);
    if (method === "getWebhookInfo") return updates.info();
    return state.handle(method, payload);
  };

  const server = http.createServer((req, res) => {
    void handleRequest(req, res);
  });
  // Keep idle client sockets open like Telegram does; Node's 5 s default races with keep-alive reuse (ECONNRESET).
  server.keepAliveTimeout = 120_000;
  const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const reply = (status: number, body: unknown) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    };
    if (!match) return reply(404, { ok: false, error_code: 404, description: "Not Found" });
    const [, reqToken, method] = match as unknown as [string, string, string];
    if (reqToken !== token) return reply(401, { ok: false, error_code: 401, description: "Unauthorized" });
    let payload: Record<string, unknown>;
    try {
      payload = await readPayload(req, url);
    } catch {
      return reply(400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    const entry: FakeBotApi["calls"][number] = { method, payload, at: now(), status: 200 };
    api.calls.push(entry);
    try {
      const result = await execute(method, payload);
      reply(200, { ok: true, result });
    } catch (error) {
      const e =
        error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
      entry.status = e.errorCode;
      entry.description = e.description;
      reply(e.errorCode, {
        ok: false,
        error_code: e.errorCode,
        description: e.description,
        ...(e.parameters ? { parameters: e.parameters } : {}),
      });
    }
    changed();
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const push = (update: Omit<Update, "update_id">): number => {
    const full = { update_id: nextUpdateId++, ...update } as Update;
    // Queries pushed by hand can be answered once, like the ones the helpers create.
    if (full.callback_query && !state.callbackQueries.has(full.callback_query.id))
      state.callbackQueries.set(full.callback_query.id, false);
    if (full.inline_query && !state.inlineQueries.has(full.inline_query.id))
      state.inlineQueries.set(full.inline_query.id, false);
    updates.push(full);
    changed();
    return full.update_id;
  };
  const userFor = (chatId: number, from?: Partial<User>): User => ({
    id: chatId > 0 ? chatId : FAKE_USER_ID,
    is_bot: false,
    first_name: "Tester",
    language_code: "en",
    ...from,
  });
  const toSent = (m: StoredMessage): SentMessage => ({
    chatId: m.chatId,
    messageId: m.messageId,
    text: m.text,
    ...(m.parseMode ? { parseMode: m.parseMode } : {}),
    ...(m.replyMarkup !== undefined ? { replyMarkup: m.replyMarkup } : {}),
    at: m.at,
    plain: m.plain,
  });

  const api: FakeBotApi = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls: [],
    messages: (chatId) => state.list(chatId).map(toSent),
    pushUpdate: push,
    sendText(chatId, text, from) {
      const user = userFor(chatId, from);
      const chat =
        chatId > 0
          ? { id: chatId, type: "private", first_name: user.first_name }
          : { id: chatId, type: "supergroup", title: "Group" };
      const entities = commandEntities(text);
      return push({
        message: {
          message_id: state.allocateMessageId(chatId),
          date: Math.floor(now() / 1000),
          chat,
          from: user,
          text,
          ...(entities.length > 0 ? { entities } : {}),
        },
      } as Omit<Update, "update_id">);
    },
    /** A callback query on a bot message (the stored message is attached); the data is sent as given. */
    pressButton(chatId, messageId, data) {
      const stored = state.messages.get(chatId)?.get(messageId);
      const message = stored
        ? state.toMessage(stored)
        : {
            message_id: messageId,
            date: Math.floor(now() / 1000),
            chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" },
          };
      const id = `cq${nextUpdateId}`;
      return push({
        callback_query: { id, from: userFor(chatId), message, chat_instance: `ci${chatId}`, data },
      } as unknown as Omit<Update, "update_id">);
    },
    inlineQuery(query, offset = "", from) {
      const id = `iq${nextUpdateId}`;
      return push({
        inline_query: { id, from: userFor(FAKE_USER_ID, from), query, offset, chat_type: "sender" },
      });
    },
    /** Resolve once `predicate` holds (re-checked after every request); reject after `timeoutMs` (default 5000). */
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!predicate(api)) return;
          cleanup();
          resolve();
        };
        const cleanup = () => {
          listeners.delete(check);
          clearInterval(poll);
          clearTimeout(timer);
        };
        const poll = setInterval(check, 25);
        const timer = setTimeout(() => {
          cleanup();
          const recent = api.calls
            .slice(-8)
            .map((c) => `${c.method} ${c.status}${c.description ? ` (${c.description})` : ""}`);
          reject(
            new Error(
              `fake Bot API: condition not met within ${timeoutMs} ms; last calls: ${recent.join(", ")}`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    failNext(method, error, times = 1) {
      const parameters = {
        ...(error.retry_after !== undefined ? { retry_after: error.retry_after } : {}),
        ...(error.migrate_to_chat_id !== undefined ? { migrate_to_chat_id: error.migrate_to_chat_id } : {}),
      };
      for (let i = 0; i < times; i++) {
        failures.push({
          method,
          error: new ApiError(
            error.error_code,
            error.description,
            Object.keys(parameters).length ? parameters : undefined,
          ),
        });
      }
    },
    blockChat: (chatId) => void state.blocked.add(chatId),
    migrateChat: (fromId, toId) => void state.migrated.set(fromId, toId),
    async close() {
      updates.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}
