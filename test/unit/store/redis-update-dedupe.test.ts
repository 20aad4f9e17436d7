/**
 * A redelivered webhook update (same update_id) is handled once: through bot.handleUpdate with
 * grammY's test recipe, in memory for one instance and on Redis for two instances sharing it.
 */
import { randomUUID } from "node:crypto";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryUpdateClaims,
  dedupeUpdates,
  type UpdateClaims,
} from "../../../src/bot/middleware/dedupe-updates.js";
import { connectRedis } from "../../../src/store/redis-client.js";
import { createRedisUpdateClaims } from "../../../src/store/redis-update-claims.js";
import { BOT_INFO, recordApi, textUpdate } from "../../helpers/api-recorder.js";

const REDIS_URL = process.env.REDIS_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A bot that answers /start, behind the dedupe middleware; `failing` makes the handler throw once. */
function makeBot(claims: UpdateClaims, failing = { times: 0 }) {
  const bot = new Bot("123:TEST", { botInfo: BOT_INFO });
  const api = recordApi(bot);
  bot.use(dedupeUpdates(claims));
  bot.command("start", async (ctx) => {
    if (failing.times > 0) {
      failing.times--;
      throw new Error("handler failed");
    }
    await ctx.reply(`hello ${ctx.update.update_id}`);
  });
  return { bot, api };
}

/** The same update object delivered again, as Telegram does after a timeout. */
const redeliver = (update: Update): Update => structuredClone(update);

describe("update dedupe in memory", () => {
  it("handles a redelivered update once and a new one again", async () => {
    const { bot, api } = makeBot(createMemoryUpdateClaims());
    const first = textUpdate("/start");
    await bot.handleUpdate(first);
    await bot.handleUpdate(redeliver(first));
    await bot.handleUpdate(textUpdate("/start"));
    expect(api.texts()).toEqual([`hello ${first.update_id}`, `hello ${first.update_id + 1}`]);
  });

  it("forgets the oldest ids beyond its capacity", async () => {
    const claims = createMemoryUpdateClaims(3);
    for (const id of [1, 2, 3, 4]) expect(await claims.claim(id)).toBe(true);
    expect(await claims.claim(4)).toBe(false);
    expect(await claims.claim(2)).toBe(false);
    expect(await claims.claim(1)).toBe(true);
  });

  it("gives the claim back when the handler throws, so the redelivery is handled", async () => {
    const { bot, api } = makeBot(createMemoryUpdateClaims(), { times: 1 });
    const update = textUpdate("/start");
    await expect(bot.handleUpdate(update)).rejects.toThrow("handler failed");
    await bot.handleUpdate(redeliver(update));
    expect(api.texts()).toEqual([`hello ${update.update_id}`]);
  });
});

describe.skipIf(!REDIS_URL)("update dedupe on Redis across instances (needs REDIS_URL)", () => {
  it("two instances receiving the same update: exactly one replies; the key expires after 24 h", async () => {
    const prefix = `test:dedupe:${process.pid}-${randomUUID().slice(0, 8)}`;
    const a = await connectRedis(REDIS_URL ?? "", { onError: () => {} });
    const b = await connectRedis(REDIS_URL ?? "", { onError: () => {} });
    cleanups.push(async () => {
      for await (const keys of a.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
        if (keys.length > 0) await a.del(keys);
      }
      await a.close();
      await b.close();
    });
    const one = makeBot(createRedisUpdateClaims(a, prefix));
    const two = makeBot(createRedisUpdateClaims(b, prefix));
    const updates = Array.from({ length: 20 }, () => textUpdate("/start"));
    // Every update reaches both instances at once (a redelivery racing the slow first delivery).
    await Promise.all(updates.flatMap((u) => [one.bot.handleUpdate(u), two.bot.handleUpdate(redeliver(u))]));
    const replies = [...one.api.texts(), ...two.api.texts()].sort();
    expect(replies).toEqual(updates.map((u) => `hello ${u.update_id}`).sort());
    const ttl = await a.ttl(`${prefix}:update:${updates[0]!.update_id}`);
    expect(ttl).toBeGreaterThan(86_000);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });
});
