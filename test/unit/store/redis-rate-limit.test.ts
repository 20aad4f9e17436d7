/**
 * @grammyjs/ratelimiter with its windows in Redis, shared by two instances: a user's updates
 * count against one limit whichever instance receives them. Also pins down why an adapter is
 * needed: the plugin calls `pexpire`, which @redis/client v5 does not have.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { limit } from "@grammyjs/ratelimiter";
import { Bot } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { connectRedis, type RedisClient } from "../../../src/store/redis-client.js";
import { createRedisRateLimitStore } from "../../../src/store/redis-rate-limit.js";
import { BOT_INFO, recordApi, textUpdate } from "../../helpers/api-recorder.js";

const REDIS_URL = process.env.REDIS_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function connect(prefix: string, n: number): Promise<RedisClient[]> {
  const list: RedisClient[] = [];
  for (let i = 0; i < n; i++) list.push(await connectRedis(REDIS_URL ?? "", { onError: () => {} }));
  cleanups.push(async () => {
    for await (const keys of list[0]!.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length > 0) await list[0]!.del(keys);
    }
    for (const c of list) await c.close();
  });
  return list;
}

describe.skipIf(!REDIS_URL)("rate limit windows on Redis (needs REDIS_URL)", () => {
  it("two instances share one limit per user, and the window gets its expiry at once", async () => {
    const prefix = `test:rate:${process.pid}-${randomUUID().slice(0, 8)}`;
    const clients = await connect(prefix, 2);
    const bots = clients.map((client) => {
      const bot = new Bot("123:TEST", { botInfo: BOT_INFO });
      const api = recordApi(bot);
      const store = createRedisRateLimitStore(client, prefix, 60_000);
      bot.use(limit({ timeFrame: 60_000, limit: 3, storageClient: store, keyPrefix: "rate:" }));
      bot.on("message:text", (ctx) => ctx.reply("ok"));
      return { bot, api, store };
    });
    for (let i = 0; i < 6; i++) await bots[i % 2]!.bot.handleUpdate(textUpdate(`hi ${i}`));
    const replies = bots.reduce((n, b) => n + b.api.texts().length, 0);
    expect(replies).toBe(3);
    expect(bots[1]!.store.hits("rate:1001")).toBe(6);
    const ttl = await clients[0]!.pTTL(`${prefix}:rate:1001`);
    expect(ttl).toBeGreaterThan(50_000);
  });

  it("a window ends when its time frame has passed", async () => {
    const prefix = `test:rate:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [client] = await connect(prefix, 1);
    const store = createRedisRateLimitStore(client!, prefix, 200);
    expect(await store.incr("k")).toBe(1);
    expect(await store.incr("k")).toBe(2);
    await sleep(350);
    expect(await store.incr("k")).toBe(1);
  });

  it("a bare @redis/client v5 cannot be the plugin's storageClient: it has no pexpire", async () => {
    const prefix = `test:rate:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [client] = await connect(prefix, 1);
    expect((client as unknown as Record<string, unknown>).pexpire).toBeUndefined();
    expect(typeof client!.pExpire).toBe("function");
  });
});
