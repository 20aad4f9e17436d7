/**
 * Scale-out benchmark (issue 7): digest delivery by 1 and by N bot processes over one Redis
 * store, against the local fake Bot API over HTTP. Each process is forked with its own Redis
 * connections and runs the app's digest pipeline with the cluster sharing the app uses
 * (src/cluster: Redis claims, set-if-absent ledger entries, atomic counters, one shared pace);
 * all start the same tick at once (the worst case: no tick election). Two settings:
 *
 * - "free": Telegram's ~30 messages a second per bot, enforced by the fake (429 above it).
 * - "paid broadcast": PAID_BROADCAST, 1,000 messages a second per bot; the fake does not limit,
 *   to see what the processes themselves push.
 *
 * `npx tsx bench/scale.ts [--redis redis://127.0.0.1:6379] [--subscribers 300] [--instances 1,3] [--json]`
 */
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { deleteKeysUnder } from "../test/helpers/redis.js";
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
  paidBroadcast: boolean;
}

/** One delivery setting. */
interface Setting {
  name: string;
  fakeLimit?: { perSecond: number; perChatPerSecond: number };
  paidBroadcast: boolean;
  /** Digests per run, as a multiple of --subscribers. */
  scale: number;
}

const SETTINGS: Setting[] = [
  {
    name: "free (30/s per bot)",
    fakeLimit: { perSecond: 30, perChatPerSecond: 1 },
    paidBroadcast: false,
    scale: 1,
  },
  { name: "paid broadcast (1,000/s per bot)", paidBroadcast: true, scale: 10 },
];

/** Worker side: the app's digest pipeline on the shared store (createCluster's sharing), one tick. */
async function worker(): Promise<void> {
  const job = await new Promise<WorkerJob>((resolve) =>
    process.once("message", (m) => resolve(m as WorkerJob)),
  );
  const { openRedisStore } = await import("../src/store/redis-store.js");
  const { createCluster } = await import("../src/cluster/cluster.js");
  const { createDigestPipeline } = await import("../src/digest/wiring.js");
  const { createFetchSendPort } = await import("../src/digest/fetch-send.js");
  const { silentLogger } = await import("../src/digest/types.js");
  const { digestButtonData } = await import("../src/bot/features/subscriptions/index.js");
  const { seedArticles } = await import("../test/unit/digest/fixtures.js");
  const seed = seedArticles("2026-11-26T06:00:00.000Z");
  const store = await openRedisStore(job.redisUrl, { keyPrefix: job.keyPrefix, onError: () => {} });
  const base = Date.parse(DUE) + 50;
  const t0 = performance.now();
  const clock = () => new Date(base + (performance.now() - t0));
  const pipeline = createDigestPipeline({
    store,
    articles: async (since) => seed.filter((a) => Date.parse(a.ingestedAt) > since.getTime()),
    clock,
    logger: silentLogger,
    defaults: { timezone: "UTC", time: "08:00" },
    buttons: { scheduled: digestButtonData(true), preview: digestButtonData(false) },
    send: createFetchSendPort({ apiRoot: job.apiRoot, token: job.token }),
    paidBroadcast: job.paidBroadcast,
    sharing: createCluster(store, silentLogger).digest,
  });
  process.send?.("ready");
  await new Promise((resolve) => process.once("message", resolve));
  const result = await pipeline.tick();
  process.send?.({ sent: result.sent, rateLimited: result.rateLimited, unfinished: result.unfinished });
  await store.close();
}

/** Parent side: one run of `instances` workers over `subscribers` due digests. */
async function run(redisUrl: string, setting: Setting, instances: number, subscribers: number) {
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
        paidBroadcast: setting.paidBroadcast,
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
    await deleteKeysUnder(store.client, keyPrefix);
    await store.close();
    await api.close();
  }
}

/** The scale table: each setting with each instance count. */
export async function runScaleBench(opts: {
  redisUrl: string;
  subscribers: number;
  instances: number[];
}): Promise<BenchTable[]> {
  const rows: (string | number)[][] = [];
  for (const setting of SETTINGS) {
    for (const n of opts.instances) {
      const subscribers = opts.subscribers * setting.scale;
      const r = await run(opts.redisUrl, setting, n, subscribers);
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
        "Each instance is a forked process running the app's digest pipeline with the cluster sharing (one pace for the bot across processes, Redis claims); one tick each, started together.",
        "free: the fake Bot API answers 429 above 30 msg/s per bot. paid broadcast: no limit at the fake, 10x the digests; the shared pace is 950/s (1,000 less 5%).",
        "Loopback, 2 cores shared by the fake, Redis, the bench and every instance.",
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
    },
  });
  const { printTables } = await import("./cli.js");
  const tables = await runScaleBench({
    redisUrl: values.redis ?? "redis://127.0.0.1:6379",
    subscribers: Number(values.subscribers ?? 300),
    instances: (values.instances ?? "1,3").split(",").map(Number),
  });
  printTables(tables, values.json ?? false);
}
