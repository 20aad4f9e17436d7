/** Shared set-up for feature tests: a bot over the fixture reader with the API recorder installed. */
import { Writable } from "node:stream";
import type { Composer } from "grammy";
import { pino } from "pino";
import type { BotContext } from "../../src/bot/context.js";
import { type BotDeps, createBot } from "../../src/bot/create-bot.js";
import type { NewsReader } from "../../src/services/types.js";
import { BOT_INFO, recordApi } from "../helpers/api-recorder.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";

/** Fixed instant for every test clock. */
export const NOW = new Date("2025-11-10T12:00:00Z");

/** A bot wired for tests, its recorder and captured log lines. */
export function setup(
  options: {
    reader?: NewsReader;
    extraFeatures?: Composer<BotContext>[];
    clock?: () => Date;
  } & Partial<BotDeps> = {},
) {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const logger = pino({ level: "debug" }, sink);
  const bot = createBot({
    token: "123:TEST",
    botInfo: BOT_INFO,
    reader: options.reader ?? createFixtureReader(),
    logger,
    adminIds: [7],
    clock: options.clock ?? (() => NOW),
    ...options,
  });
  const api = recordApi(bot);
  return { bot, api, logs, logger };
}
