/** Webhook mode over HTTP: secret verification, health endpoint, delivery by the fake Bot API. */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { startWebhookServer, type WebhookServer } from "../../src/server/webhook.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";

const SECRET = "s3cret_token-1";
let api: FakeBotApi;
let server: WebhookServer;
let base: string;

beforeEach(async () => {
  api = await startFakeBotApi();
  const logger = pino({ level: "silent" });
  const bot = createBot({
    token: api.token,
    apiRoot: api.apiRoot,
    reader: createFixtureReader(),
    logger,
    adminIds: [],
  });
  server = await startWebhookServer({ bot, secret: SECRET, port: 0, host: "127.0.0.1", logger });
  base = `http://127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await server.close();
  await api.close();
});

const startUpdate = (updateId: number) => ({
  update_id: updateId,
  message: {
    message_id: 1,
    date: 1_762_000_000,
    chat: { id: 77, type: "private", first_name: "W" },
    from: { id: 77, is_bot: false, first_name: "W" },
    text: "/start",
    entities: [{ type: "bot_command", offset: 0, length: 6 }],
  },
});

const post = (body: unknown, secret?: string) =>
  fetch(`${base}/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(body),
  });

describe("webhook server", () => {
  it("answers the health check and 404s elsewhere", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/webhook`)).status).toBe(405);
  });

  it("rejects a wrong or missing secret and handles the right one", async () => {
    expect((await post(startUpdate(1), "wrong")).status).toBe(401);
    expect((await post(startUpdate(2))).status).toBe(401);
    expect(api.messages(77)).toHaveLength(0);
    const ok = await post(startUpdate(3), SECRET);
    expect(ok.status).toBe(200);
    expect(api.messages(77)).toHaveLength(1);
    expect(api.messages(77)[0]!.plain).toContain("welcome to Briefly");
  });

  it("answers 400 to a body that is not JSON, without crashing", async () => {
    const res = await fetch(`${base}/webhook`, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": SECRET },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await post(startUpdate(4), SECRET)).status).toBe(200);
  });

  it("receives updates the Bot API delivers after setWebhook; getUpdates is then refused", async () => {
    const setRes = await fetch(`${api.apiRoot}/bot${api.token}/setWebhook`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `${base}/webhook`, secret_token: SECRET }),
    });
    expect(await setRes.json()).toEqual({ ok: true, result: true });
    api.sendText(88, "/topic gaza");
    await api.waitFor(() => api.messages(88).length === 1);
    expect(api.messages(88)[0]!.plain).toMatch(/^📰 Gaza · 7 articles/);
    const poll = await fetch(`${api.apiRoot}/bot${api.token}/getUpdates`);
    expect(poll.status).toBe(409);
    expect(((await poll.json()) as { description: string }).description).toMatch(/webhook is active/);
  });

  it("stops accepting on close", async () => {
    await server.close();
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});
