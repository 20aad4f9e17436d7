/**
 * Scale-out benchmark (issue 7), on the Redis building blocks: digest delivery by 1 and by N
 * instance processes (forked, each its own Redis connections, Redis claims, its own pacer) over
 * one Redis store, against the local fake Bot API over HTTP. Two settings:
 *
 * - "telegram": the fake enforces Telegram's ~30 messages a second per bot, each instance paces
 *   itself at 30/s. Shows where scale-out stops: the limit is per bot, not per instance.
 * - "unthrottled": no limit at the fake, each instance paced at 2,000/s (paid-broadcast-like),
 *   to see what the instances themselves can push.
 *
 * Not here yet (needs the app wiring): webhook updates per second with 1 and N instances behind
 * a load balancer, and whole bot processes (scheduler + run coordinator) instead of one tick each.
 *
 * `npx tsx bench/scale.ts [--redis redis://127.0.0.1:6379] [--subscribers 300] [--instances 1,3]
 *   [--atomic-record-due] [--json]`
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type DeliveryLedger, freshLedgerEntry } from "../src/store/delivery-ledger.js";
import type { RedisStore } from "../src/store/redis-store.js";
import type { BenchTable } from "./types.js";

const DUE = "2026-11-26T06:30:00.000Z";
const SELF = fileURLToPath(import.meta.url);

/** What the parent tells a worker. */
interface WorkerJob {
  redisUrl: string;
  keyPrefix: string;
  apiRoot: string;
  token: string;
  owner: string;
  perSecond: number;
  atomicRecordDue: boolean;
}

/** One delivery setting; `perSecond` is each instance's own pace given the instance count. */
interface Setting {
  name: string;
  fakeLimit?: { perSecond: number; perChatPerSecond: number };
  perSecond: (instances: number) => number;
  /** Digests per run, as a multiple of --subscribers. */
  scale: number;
}

const TELEGRAM = { perSecond: 30, perChatPerSecond: 1 };
const SETTINGS: Setting[] = [
  { name: "telegram, 30/s each", fakeLimit: TELEGRAM, perSecond: () => 30, scale: 1 },
  { name: "telegram, 30/s split", fakeLimit: TELEGRAM, perSecond: (n) => 30 / n, scale: 1 },
  { name: "unthrottled", perSecond: () => 2000, scale: 10 },
];

/**
 * TEMPORARY stand-in for the ledger change proposed for issue 7 (recordDue as set-if-absent):
 * the same entry `createDeliveryLedger` writes, through `RedisStore.insertMissing`. It repeats
 * the ledger's key format ("job:<id>"), so it lives here only until delivery-ledger.ts takes an
 * `insertMissing` dependency.
 */
function withAtomicRecordDue(ledger: DeliveryLedger, store: RedisStore): DeliveryLedger {
  return {
    ...ledger,
    async recordDue(jobs, now) {
      await store.insertMissing(
        "ledger",
        jobs.map((j) => ({
          key: `job:${j.id}`,
          value: freshLedgerEntry(j, now),
        })),
      );
    },
  };
}

/** Worker side: open the shared store, wait for "go", run one digest tick, report, exit. */
async function worker(): Promise<void> {
  const job = await new Promise<WorkerJob>((resolve) =>
    process.once("message", (m) => resolve(m as WorkerJob)),
  );
  const { openRedisStore } = await import("../src/store/redis-store.js");
  const { createRedisClaimStore } = await import("../src/store/redis-claims.js");
  const { createDeliveryLedger } = await import("../src/store/delivery-ledger.js");
  const { createSubscriptionRepo } = await import("../src/store/subscription-repo.js");
  const { createDeliveryService } = await import("../src/digest/deliver.js");
  const { createDigestTicker } = await import("../src/digest/run.js");
  const { createFetchSendPort } = await import("../src/digest/fetch-send.js");
  const { silentLogger } = await import("../src/digest/types.js");
  const { seedArticles } = await import("../test/unit/digest/fixtures.js");
  const seed = seedArticles("2026-11-26T06:00:00.000Z");
  const store = await openRedisStore(job.redisUrl, { keyPrefix: job.keyPrefix, onError: () => {} });
  const subs = createSubscriptionRepo(store.kv("subscriptions"));
  const plain = createDeliveryLedger({
    kv: store.kv("ledger"),
    claims: createRedisClaimStore(store.client, `${job.keyPrefix}:claim`),
  });
  const ledger = job.atomicRecordDue ? withAtomicRecordDue(plain, store) : plain;
  const base = Date.parse(DUE) + 50;
  const t0 = performance.now();
  const clock = () => new Date(base + (performance.now() - t0));
  const delivery = createDeliveryService({
    ledger,
    send: createFetchSendPort({ apiRoot: job.apiRoot, token: job.token }),
    subs,
    clock,
    logger: silentLogger,
    pace: { perSecond: job.perSecond, perChatPerSecond: 1 },
    concurrency: 16,
    owner: job.owner,
    leaseMs: 120_000,
  });
  const articles = async (since: Date) => seed.filter((a) => Date.parse(a.ingestedAt) > since.getTime());
  const ticker = createDigestTicker({ clock, subs, articles, ledger, delivery, graceMinutes: 60 });
  process.send?.("ready");
  await new Promise((resolve) => process.once("message", resolve));
  const result = await ticker.tick();
  process.send?.({ sent: result.sent, rateLimited: result.rateLimited, unfinished: result.unfinished });
  await store.close();
}

/** Parent side: one run of `instances` workers over `subscribers` due digests. */
async function run(
  redisUrl: string,
  setting: Setting,
  instances: number,
  subscribers: number,
  atomicRecordDue: boolean,
) {
  const { startFakeBotApi } = await import("../test/helpers/fake-bot-api.js");
  const { openRedisStore } = await import("../src/store/redis-store.js");
  const { createSubscriptionRepo } = await import("../src/store/subscription-repo.js");
  const { createDeliveryLedger } = await import("../src/store/delivery-ledger.js");
  const { createRedisClaimStore } = await import("../src/store/redis-claims.js");
  const { makeSub } = await import("../test/unit/digest/fixtures.js");
  const api = await startFakeBotApi(setting.fakeLimit ? { rateLimit: setting.fakeLimit } : {});
  const keyPrefix = `bench:scale:${process.pid}-${randomUUID().slice(0, 8)}`;
  const store = await openRedisStore(redisUrl, { keyPrefix, onError: () => {} });
  try {
    const chats = Array.from({ length: subscribers }, (_, i) => 100_000 + i);
    const subs = createSubscriptionRepo(store.kv("subscriptions"));
    for (let i = 0; i < chats.length; i += 500) {
      await Promise.all(
        chats.slice(i, i + 500).map((chatId) => subs.put(makeSub({ chatId, time: "06:30" }))),
      );
    }
    const ledger = createDeliveryLedger({
      kv: store.kv("ledger"),
      claims: createRedisClaimStore(store.client, "x"),
    });
    await ledger.setCursor(new Date(Date.parse(DUE) - 60_000));

    const children = Array.from({ length: instances }, (_, i) => {
      const child = fork(SELF, ["--worker"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
      const job: WorkerJob = {
        redisUrl,
        keyPrefix,
        apiRoot: api.apiRoot,
        token: api.token,
        owner: `i${i}`,
        perSecond: setting.perSecond(instances),
        atomicRecordDue,
      };
      child.send(job);
      return child;
    });
    await Promise.all(children.map((c) => new Promise((resolve) => c.once("message", resolve))));
    const done = children.map(
      (c) =>
        new Promise<{ sent: number; rateLimited: number }>((resolve) =>
          c.once("message", (m) => resolve(m as never)),
        ),
    );
    const t0 = performance.now();
    for (const c of children) c.send("go");
    const results = await Promise.all(done);
    const seconds = (performance.now() - t0) / 1000;
    const perChat = chats.map((c) => api.messages(c).length);
    const sent = results.reduce((n, r) => n + r.sent, 0);
    return {
      seconds,
      sent,
      perSecond: sent / seconds,
      tooMany: api.calls.filter((c) => c.method === "sendMessage" && c.status === 429).length,
      duplicates: perChat.filter((n) => n > 1).length,
      missing: perChat.filter((n) => n === 0).length,
    };
  } finally {
    for await (const keys of store.client.scanIterator({ MATCH: `${keyPrefix}:*`, COUNT: 500 })) {
      if (keys.length > 0) await store.client.del(keys);
    }
    await store.close();
    await api.close();
  }
}

/** The scale table: each setting with each instance count. */
export async function runScaleBench(opts: {
  redisUrl: string;
  subscribers: number;
  instances: number[];
  atomicRecordDue: boolean;
}): Promise<BenchTable[]> {
  const rows: (string | number)[][] = [];
  for (const setting of SETTINGS) {
    for (const n of opts.instances) {
      const subscribers = opts.subscribers * setting.scale;
      const r = await run(opts.redisUrl, setting, n, subscribers, opts.atomicRecordDue);
      rows.push([
        setting.name,
        n,
        subscribers,
        r.seconds.toFixed(1),
        r.perSecond.toFixed(0),
        r.tooMany,
        r.duplicates,
        r.missing,
      ]);
    }
  }
  return [
    {
      name: "scale: digest delivery by N instances on one Redis",
      columns: ["setting", "instances", "digests", "seconds", "msgs/s", "429s", "duplicates", "missing"],
      rows,
      notes: [
        "Each instance is a forked process with its own Redis connections and its own pacer; one tick each, started together.",
        "telegram: the fake Bot API answers 429 above 30 msg/s per bot; each instance paced at 30/s, or at 30/N.",
        "unthrottled: no limit at the fake, each instance paced at 2,000/s, 10x the digests.",
        opts.atomicRecordDue
          ? "recordDue: set-if-absent (--atomic-record-due, the proposed ledger change)."
          : "recordDue: the ledger as is (read, then write; several instances can overwrite a sent entry).",
      ],
    },
  ];
}

if (process.argv.includes("--worker")) {
  await worker();
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      redis: { type: "string" },
      subscribers: { type: "string" },
      instances: { type: "string" },
      json: { type: "boolean" },
      "atomic-record-due": { type: "boolean" },
    },
  });
  const { printTables } = await import("./cli.js");
  const tables = await runScaleBench({
    redisUrl: values.redis ?? "redis://127.0.0.1:6379",
    subscribers: Number(values.subscribers ?? 300),
    instances: (values.instances ?? "1,3").split(",").map(Number),
    atomicRecordDue: values["atomic-record-due"] ?? false,
  });
  printTables(tables, values.json ?? false);
}
