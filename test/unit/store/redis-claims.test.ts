/**
 * Digest claims and ledger counters on Redis, as several processes see them: each "process" here
 * has its own connection. Real Redis expiry (leases of a few hundred ms) stands in for a process
 * that died holding claims. Needs REDIS_URL; every test uses its own key prefix.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createDeliveryLedger } from "../../../src/store/delivery-ledger.js";
import { createRedisClaimStore } from "../../../src/store/redis-claims.js";
import { connectRedis, type RedisClient } from "../../../src/store/redis-client.js";
import { createRedisDayCounters } from "../../../src/store/redis-counters.js";
import { openRedisStore, type RedisStore } from "../../../src/store/redis-store.js";

const REDIS_URL = process.env.REDIS_URL;
const NOW = new Date("2026-11-26T06:30:00.000Z");
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A fresh prefix, and a connection per simulated process; keys under the prefix are deleted afterwards. */
async function setup(processes: number): Promise<{ prefix: string; clients: RedisClient[] }> {
  const prefix = `test:claims:${process.pid}-${randomUUID().slice(0, 8)}`;
  const clients: RedisClient[] = [];
  for (let i = 0; i < processes; i++)
    clients.push(await connectRedis(REDIS_URL ?? "", { onError: () => {} }));
  cleanups.push(async () => {
    const first = clients[0]!;
    for await (const keys of first.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await first.del(keys);
    }
    for (const c of clients) await c.close();
  });
  return { prefix, clients };
}

describe.skipIf(!REDIS_URL)("redis claim store (needs REDIS_URL)", () => {
  it("gives a key to one owner, renews it for that owner, and releases only for that owner", async () => {
    const { prefix, clients } = await setup(2);
    const a = createRedisClaimStore(clients[0]!, prefix);
    const b = createRedisClaimStore(clients[1]!, prefix);
    expect(await a.acquire("job:1", "A", 60_000, NOW)).toBe(true);
    expect(await b.acquire("job:1", "B", 60_000, NOW)).toBe(false);
    expect(await a.acquire("job:1", "A", 60_000, NOW)).toBe(true);
    await b.release("job:1", "B");
    expect(await clients[0]!.get(`${prefix}:job:1`)).toBe("A");
    await a.release("job:1", "A");
    expect(await b.acquire("job:1", "B", 60_000, NOW)).toBe(true);
    expect(await a.acquire("job:2", "A", 60_000, NOW)).toBe(true);
  });

  it("lets exactly one of many racing owners win", async () => {
    const { prefix, clients } = await setup(3);
    const stores = clients.map((c) => createRedisClaimStore(c, prefix));
    const wins = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.acquire("job:race", `owner-${i}`, 60_000, NOW)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("expires a dead owner's claim so another owner takes over, and the late owner cannot delete it", async () => {
    const { prefix, clients } = await setup(2);
    const dead = createRedisClaimStore(clients[0]!, prefix);
    const alive = createRedisClaimStore(clients[1]!, prefix);
    expect(await dead.acquire("job:1", "dead", 150, NOW)).toBe(true);
    expect(await alive.acquire("job:1", "alive", 60_000, NOW)).toBe(false);
    await sleep(300);
    expect(await alive.acquire("job:1", "alive", 60_000, NOW)).toBe(true);
    await dead.release("job:1", "dead");
    expect(await dead.acquire("job:1", "dead", 60_000, NOW)).toBe(false);
  });
});

describe.skipIf(!REDIS_URL)(
  "the delivery ledger on a Redis store with Redis claims (needs REDIS_URL)",
  () => {
    it("two processes claiming the same digests get each one exactly once", async () => {
      const stores: RedisStore[] = [];
      const keyPrefix = `test:ledger:${process.pid}-${randomUUID().slice(0, 8)}`;
      for (let i = 0; i < 2; i++)
        stores.push(await openRedisStore(REDIS_URL ?? "", { keyPrefix, onError: () => {} }));
      cleanups.push(async () => {
        const client = stores[0]!.client;
        for await (const keys of client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 500 })) {
          if (keys.length > 0) await client.del(keys);
        }
        for (const s of stores) await s.close();
      });
      const ledgers = stores.map((s) =>
        createDeliveryLedger({
          kv: s.kv("ledger"),
          claims: createRedisClaimStore(s.client, `${keyPrefix}:claim`),
        }),
      );
      const jobs = Array.from({ length: 50 }, (_, i) => ({
        id: ledgers[0]!.jobId(100 + i, NOW),
        chatId: 100 + i,
        dueAt: NOW,
        late: false,
      }));
      await ledgers[0]!.recordDue(jobs, NOW);
      const results = await Promise.all(
        jobs.flatMap((job) => [
          ledgers[0]!.claim(job, "p1", NOW, 60_000),
          ledgers[1]!.claim(job, "p2", NOW, 60_000),
        ]),
      );
      expect(results.filter((r) => r.kind === "claimed")).toHaveLength(50);
      expect(results.filter((r) => r.kind === "held")).toHaveLength(50);
      const stored = await ledgers[1]!.getMany(jobs.map((j) => j.id));
      expect(stored.every((e) => e?.state === "claimed" && e.attempts === 1)).toBe(true);
    });
  },
);

describe.skipIf(!REDIS_URL)("redis day counters (needs REDIS_URL)", () => {
  it("loses no increment when several processes count at once", async () => {
    const { prefix, clients } = await setup(3);
    const counters = clients.map((c) => createRedisDayCounters(c, prefix));
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        counters[i % 3]!.add(NOW, i % 10 === 0 ? "failed" : "sent", i % 4 === 0),
      ),
    );
    const counts = await counters[0]!.get(NOW);
    // 300 outcomes, every tenth failed, every fourth also late.
    expect(counts).toEqual({ sent: 270, failed: 30, late: 75, skipped: 0 });
  });

  it("keeps days apart and prunes days before a date", async () => {
    const { prefix, clients } = await setup(1);
    const counters = createRedisDayCounters(clients[0]!, prefix);
    const day = (iso: string) => new Date(`${iso}T12:00:00.000Z`);
    await counters.add(day("2026-11-24"), "sent", false);
    await counters.add(day("2026-11-25"), "skipped", false);
    await counters.add(day("2026-11-26"), "sent", true);
    expect(await counters.get(day("2026-11-25"))).toEqual({ sent: 0, late: 0, failed: 0, skipped: 1 });
    expect(await counters.prune(day("2026-11-26"))).toBe(2);
    expect(await counters.get(day("2026-11-24"))).toEqual({ sent: 0, late: 0, failed: 0, skipped: 0 });
    expect(await counters.get(day("2026-11-26"))).toEqual({ sent: 1, late: 1, failed: 0, skipped: 0 });
    expect(await clients[0]!.pTTL(`${prefix}:2026-11-26`)).toBeGreaterThan(300 * 86_400_000);
  });
});
