/**
 * node-cron's distributed mode on the Redis run coordinator: two schedulers (two connections, as
 * two instances would have) on a per-second expression fire each slot once between them. Runs
 * real node-cron timers for a few seconds. Needs REDIS_URL; every test uses its own key prefix.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createTask } from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import {
  createRedisRunCoordinator,
  distributedTaskFactory,
} from "../../../src/digest/redis-run-coordinator.js";
import { startDigestScheduler } from "../../../src/digest/scheduler.js";
import { silentLogger } from "../../../src/digest/types.js";
import { connectRedis, type RedisClient } from "../../../src/store/redis-client.js";

const REDIS_URL = process.env.REDIS_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function clients(n: number, prefix: string): Promise<RedisClient[]> {
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

const quietCron = { info() {}, warn() {}, error() {}, debug() {} };

describe.skipIf(!REDIS_URL)("redis run coordinator (needs REDIS_URL)", () => {
  it("elects one caller per key and keeps the key for the lease", async () => {
    const prefix = `test:cron:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [a, b] = await clients(2, prefix);
    const one = createRedisRunCoordinator(a!, prefix, { owner: "one" });
    const two = createRedisRunCoordinator(b!, prefix, { owner: "two" });
    const key = "digest-tick:2026-11-26T06:30:00.000Z";
    const answers = await Promise.all([one.shouldRun(key, 30_000), two.shouldRun(key, 30_000)]);
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(await two.shouldRun(key, 30_000)).toBe(false);
    expect(await one.shouldRun("digest-tick:2026-11-26T06:31:00.000Z", 30_000)).toBe(true);
    expect(await a!.get(`${prefix}:${key}`)).toBe(answers[0] ? "one" : "two");
    expect(await a!.pTTL(`${prefix}:${key}`)).toBeGreaterThan(20_000);
  });

  it("two node-cron tasks with the same name fire each per-second slot once between them", async () => {
    const prefix = `test:cron:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [a, b] = await clients(2, prefix);
    const runs: { instance: string; slot: string }[] = [];
    const skipped: string[] = [];
    const name = `tick-${randomUUID().slice(0, 8)}`;
    const tasks = [a!, b!].map((client, i) => {
      const task = createTask(
        "* * * * * *",
        (ctx) => {
          runs.push({ instance: `i${i}`, slot: ctx.date.toISOString() });
        },
        {
          name,
          distributed: true,
          runCoordinator: createRedisRunCoordinator(client, prefix),
          distributedLease: 10_000,
          logger: quietCron,
        },
      );
      task.on("execution:skipped", (ctx) => {
        skipped.push(ctx.date.toISOString());
      });
      return task;
    });
    cleanups.push(async () => {
      for (const t of tasks) await t.destroy();
    });
    for (const t of tasks) await t.start();
    await sleep(3500);
    for (const t of tasks) await t.stop();

    const slots = runs.map((r) => r.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    // Every fire the other instance saw was one this side ran, and it was told why it skipped.
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    for (const slot of skipped) expect(slots).toContain(slot);
  });

  it("startDigestScheduler with the distributed task factory: two schedulers, one tick per fire", async () => {
    const prefix = `test:cron:${process.pid}-${randomUUID().slice(0, 8)}`;
    const [a, b] = await clients(2, prefix);
    const ticks: string[] = [];
    const name = `digest-tick-${randomUUID().slice(0, 8)}`;
    const schedulers = [a!, b!].map((client, i) =>
      startDigestScheduler({
        cron: "* * * * * *",
        logger: silentLogger,
        tick: async () => {
          ticks.push(`i${i}`);
        },
        createTask: distributedTaskFactory({
          coordinator: createRedisRunCoordinator(client, prefix),
          name,
          leaseMs: 10_000,
          logger: quietCron,
        }),
      }),
    );
    await sleep(3500);
    for (const s of schedulers) await s.stop();
    let fired = 0;
    for await (const keys of a!.scanIterator({ MATCH: `${prefix}:${name}:*`, COUNT: 500 }))
      fired += keys.length;
    expect(fired).toBeGreaterThanOrEqual(2);
    expect(ticks).toHaveLength(fired);
  });
});
