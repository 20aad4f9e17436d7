/**
 * The shared pacer: start slots handed to several instances (own connections) are spaced
 * 1/perSecond apart on the Redis server's clock, and a 429 hold pushes every instance back.
 * Checks the reserved slot instants, not elapsed time. Needs REDIS_URL; own key per test.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createRedisPacer } from "../../../src/digest/redis-pacer.js";
import { connectRedis, type RedisClient } from "../../../src/store/redis-client.js";

const REDIS_URL = process.env.REDIS_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function clients(n: number, key: string): Promise<RedisClient[]> {
  const list: RedisClient[] = [];
  for (let i = 0; i < n; i++) list.push(await connectRedis(REDIS_URL ?? "", { onError: () => {} }));
  cleanups.push(async () => {
    await list[0]!.del(key);
    for (const c of list) await c.close();
  });
  return list;
}

describe.skipIf(!REDIS_URL)("redis pacer (needs REDIS_URL)", () => {
  it("spaces the slots of three instances 1/perSecond apart", async () => {
    const key = `test:pace:${process.pid}-${randomUUID().slice(0, 8)}`;
    const pacers = (await clients(3, key)).map((c) =>
      createRedisPacer(c, { perSecond: 50, key, onError: () => {} }),
    );
    const slots = await Promise.all(Array.from({ length: 60 }, (_, i) => pacers[i % 3]!.reserve()));
    const starts = slots.map((s) => s.at).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // 20 ms apart (integer replies may drop a fraction of a millisecond).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(19);
    expect(starts[59]! - starts[0]!).toBeGreaterThanOrEqual(59 * 19);
    // A burst waits its turn: the last of 60 slots is more than a second away.
    expect(Math.max(...slots.map((s) => s.waitMs))).toBeGreaterThan(1000);
  });

  it("a hold from one instance delays the next slot of another", async () => {
    const key = `test:pace:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [a, b] = await clients(2, key);
    const one = createRedisPacer(a!, { perSecond: 30, key, onError: () => {} });
    const two = createRedisPacer(b!, { perSecond: 30, key, onError: () => {} });
    await one.reserve();
    one.holdFor(5000);
    await a!.ping(); // the hold is written in the background; PING after it on the same connection
    const next = await two.reserve();
    expect(next.waitMs).toBeGreaterThan(4500);
  });
});
