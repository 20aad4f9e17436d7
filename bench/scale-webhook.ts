/**
 * Scale-out benchmark, webhook side (issue 7): updates handled per second by 1 and by N whole bot
 * processes (`tsx src/main.ts` in webhook mode) on one Redis store, the bench acting as the load
 * balancer (round robin over the processes' webhook ports). Every update is a different user
 * (no rate limiting), the mix is /topic gaza, /search debt relief, /latest and a plain-text search;
 * each POST returns when the bot has handled the update, its reply already sent to the local fake
 * Bot API, so POST latency is the reply latency. A closed loop keeps `concurrency` updates in
 * flight. One more row runs one process on the embedded SQLite store for reference.
 *
 * `npx tsx bench/scale-webhook.ts [--redis redis://127.0.0.1:6379] [--updates 3000] [--instances 1,3] [--concurrency 64] [--json]`
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort } from "../test/helpers/bot-process.js";
import { deleteKeysUnder } from "../test/helpers/redis.js";
import type { BenchTable } from "./types.js";

const TSX = path.resolve("node_modules/.bin/tsx");
const SECRET = "bench_secret";
const WARMUP = 300;

/** Options of {@link runWebhookScaleBench}. */
export interface WebhookScaleOptions {
  redisUrl: string;
  updates: number;
  instances: number[];
  concurrency: number;
}

interface Row {
  store: string;
  instances: number;
  updates: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** sendMessage calls the fake answered with 200 during the timed run. */
  replies: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

/** The n-th update of the mix, from user `user`. */
function update(n: number, user: number): unknown {
  const from = { id: user, is_bot: false, first_name: "B" };
  // Inline queries are left to the bot bench: the fake answers only query ids it issued itself.
  const text = ["/topic gaza", "/search debt relief", "/latest", "rafah"][n % 4]!;
  const command = text.startsWith("/");
  return {
    update_id: n,
    message: {
      message_id: n,
      date: 1_764_000_000,
      chat: { id: user, type: "private", first_name: "B" },
      from,
      text,
      ...(command
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] }
        : {}),
    },
  };
}

/** POST one update to a webhook; resolves with its latency in ms, or -1 on failure. */
async function post(agent: http.Agent, port: number, body: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/webhook",
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": SECRET,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200 ? performance.now() - started : -1));
      },
    );
    req.on("error", () => resolve(-1));
    req.end(body);
  });
}

async function waitHealthy(port: number, child: ChildProcess, log: string[]): Promise<void> {
  const deadline = performance.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot process exited:\n${log.join("").slice(-2000)}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (performance.now() > deadline)
      throw new Error(`bot process never healthy:\n${log.join("").slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One run: start `instances` processes, warm up, drive `updates` through them, stop them. */
async function run(opts: WebhookScaleOptions, instances: number, redis: boolean): Promise<Row> {
  const { startFakeBotApi } = await import("../test/helpers/fake-bot-api.js");
  const api = await startFakeBotApi();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "briefly-scale-webhook-"));
  const keyPrefix = `bench:webhook:${process.pid}-${randomUUID().slice(0, 8)}`;
  const children: ChildProcess[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await freePort();
      const log: string[] = [];
      const child = spawn(TSX, ["src/main.ts"], {
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.apiRoot,
          ...(redis ? { STORE_URL: opts.redisUrl, REDIS_KEY_PREFIX: keyPrefix } : {}),
          DATA_DIR: path.join(work, `data-${i}`),
          CONTENT_DIR: path.resolve("content"),
          WEBHOOK_URL: "https://briefly.example/webhook",
          WEBHOOK_SECRET: SECRET,
          PORT: String(port),
          DIGEST_TICK: "0 0 1 1 *",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout!.on("data", (d) => log.push(String(d)));
      child.stderr!.on("data", (d) => log.push(String(d)));
      children.push(child);
      // One at a time: the first loads the content folder, the others find it stored.
      await waitHealthy(port, child, log);
      ports.push(port);
    }
    const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
    let next = 0;
    const drive = async (count: number, base: number, latencies: number[]) => {
      const end = next + count;
      const worker = async () => {
        while (next < end) {
          const n = next++;
          const lat = await post(
            agent,
            ports[n % ports.length]!,
            JSON.stringify(update(base + n, 1_000_000 + n)),
          );
          latencies.push(lat);
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
    };
    await drive(WARMUP, 1, []);
    const latencies: number[] = [];
    const callsBefore = api.calls.length;
    const started = performance.now();
    await drive(opts.updates, 1, latencies);
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    const ok = latencies.filter((l) => l >= 0).sort((a, b) => a - b);
    return {
      store: redis ? "redis" : "sqlite",
      instances,
      updates: opts.updates,
      seconds,
      perSecond: ok.length / seconds,
      p50: percentile(ok, 50),
      p99: percentile(ok, 99),
      failed: latencies.length - ok.length,
      replies: api.calls
        .slice(callsBefore)
        .filter((c) => c.status === 200 && (c.method === "sendMessage" || c.method === "answerInlineQuery"))
        .length,
    };
  } finally {
    for (const child of children) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await api.close();
    fs.rmSync(work, { recursive: true, force: true });
    if (redis) await deleteKeysUnder(opts.redisUrl, keyPrefix);
  }
}

/** The webhook table: SQLite with one process, then Redis with each instance count. */
export async function runWebhookScaleBench(opts: WebhookScaleOptions): Promise<BenchTable[]> {
  const rows: Row[] = [await run(opts, 1, false)];
  for (const n of opts.instances) rows.push(await run(opts, n, true));
  return [
    {
      name: "scale: webhook updates per second by N bot processes",
      columns: [
        "store",
        "instances",
        "updates",
        "seconds",
        "updates/s",
        "p50 ms",
        "p99 ms",
        "failed",
        "replies",
      ],
      rows: rows.map((r) => [
        r.store,
        r.instances,
        r.updates,
        r.seconds.toFixed(1),
        r.perSecond.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.failed,
        r.replies,
      ]),
      notes: [
        `Whole bot processes (tsx src/main.ts, webhook mode) on the seed content; the bench round-robins POSTs over them with ${opts.concurrency} in flight, after ${WARMUP} warm-up updates.`,
        "Mix: /topic gaza, /search debt relief, /latest, plain-text 'rafah' (a search); every update a new user. Latency: POST to response, the reply already at the fake Bot API; replies: answers the fake accepted (one per update).",
        "On Redis every update also claims its update_id and counts a rate-limit window (two Redis round trips).",
        "Loopback, 2 cores shared by the fake, Redis, the load generator and every process.",
      ],
    },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      redis: { type: "string" },
      updates: { type: "string" },
      instances: { type: "string" },
      concurrency: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const { printTables } = await import("./cli.js");
  const tables = await runWebhookScaleBench({
    redisUrl: values.redis ?? "redis://127.0.0.1:6379",
    updates: Number(values.updates ?? 3000),
    instances: (values.instances ?? "1,3").split(",").map(Number),
    concurrency: Number(values.concurrency ?? 64),
  });
  printTables(tables, values.json ?? false);
}
