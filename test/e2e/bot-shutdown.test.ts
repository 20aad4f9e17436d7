/** Stopping long polling: intake stops at once, replies in flight still go out. */
import { pino } from "pino";
import { afterEach, expect, it } from "vitest";
import { createBot, runPolling } from "../../src/bot/create-bot.js";
import type { NewsReader } from "../../src/services/types.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
});

it("stop() waits for the update being handled, then polls no more", async () => {
  api = await startFakeBotApi();
  const fixtures = createFixtureReader();
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let entered!: () => void;
  const started = new Promise<void>((r) => {
    entered = r;
  });
  const reader: NewsReader = {
    ...fixtures,
    latest: async (req) => {
      entered();
      await gate;
      return fixtures.latest(req);
    },
  };
  const logger = pino({ level: "silent" });
  const bot = createBot({ token: api.token, apiRoot: api.apiRoot, reader, logger, adminIds: [] });
  const polling = runPolling(bot, logger, { timeoutSeconds: 1 });
  await polling.ready;
  api.sendText(9, "/latest");
  await started;
  const stopping = polling.stop();
  setTimeout(release, 100);
  await stopping;
  expect(api.messages(9).map((m) => m.plain.split("\n")[0])).toEqual(["🆕 Latest · 10 articles"]);
  const polls = api.calls.filter((c) => c.method === "getUpdates").length;
  api.sendText(9, "/latest");
  await new Promise((r) => setTimeout(r, 200));
  expect(api.calls.filter((c) => c.method === "getUpdates").length).toBe(polls);
  expect(api.messages(9)).toHaveLength(1);
  await expect(polling.stop()).resolves.toBeUndefined();
});
