/**
 * Digest benchmark. (1) Composing: due-time selection, story building, and composing (plus
 * rendering) digests for 100,000 subscribers over a realistic article set (the BBC articles
 * spread over three days, topics from category and recurring names). (2) Sending, when the local
 * fake Bot API is available: N subscribers delivered over HTTP to the fake enforcing 30 messages a
 * second, with the sustained rate, 429s, duplicates and losses.
 *
 * `npx tsx bench/digest.ts [--subscribers 100000] [--send 300] [--dataset PATH]`
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeDigest } from "../src/digest/compose.js";
import { selectDueSubscriptions } from "../src/digest/due.js";
import { renderDigest } from "../src/digest/render.js";
import { buildStoryIndex } from "../src/digest/stories.js";
import type { SendPort } from "../src/digest/types.js";
import type { Article, TopicRef } from "../src/domain/article.js";
import type { Subscription } from "../src/domain/subscription.js";
import { simhash } from "../src/ingest/fingerprint.js";
import { readDataset, rng } from "./corpus.js";
import type { BenchOptions, BenchTable } from "./types.js";

const NOW = new Date("2026-11-26T06:30:00.000Z");
const HOUR = 3_600_000;

/** BBC articles as stored articles arriving over the 72 hours before NOW. */
export function benchArticles(base: { title: string; article: string; category?: string }[]): Article[] {
  const random = rng(7);
  return base.map((a, i) => {
    const arrived = new Date(NOW.getTime() - random() * 72 * HOUR).toISOString();
    const paragraphs = a.article.split(/\n+/).filter((p) => p.trim());
    const sentences = a.article.split(/(?<=[.!?])\s+/).slice(0, 3);
    return {
      id: `bbc-${i}`,
      title: a.title,
      blocks: paragraphs.map((text) => ({ kind: "paragraph" as const, text })),
      caption: null,
      credit: null,
      published: arrived,
      source: ["BBC", "Reuters", "AP", "AFP"][i % 4]!,
      url: null,
      author: null,
      line: null,
      topics: topicsOf(a.article, a.category ?? "news"),
      summary: sentences,
      sentences: sentences.map((text, k) => ({ text, score: 1 / (k + 1) })),
      contentHash: `h${i}`,
      simhash: simhash(a.article),
      origin: { file: "bench.jsonl", format: "jsonl" as const },
      ingestedAt: arrived,
    };
  });
}

/** Category plus the three most frequent capitalised words (a stand-in for named entities). */
function topicsOf(text: string, category: string): TopicRef[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?<=[a-z,;] )([A-Z][a-z]{3,})/g))
    counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const names = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return [
    {
      id: category,
      name: category[0]!.toUpperCase() + category.slice(1),
      kind: "curated" as const,
      weight: 1,
    },
    ...names.map(([name, n]) => ({ id: name.toLowerCase(), name, kind: "phrase" as const, weight: n / 10 })),
  ];
}

/** Subscribers: 40% all news, the rest 1–3 popular topics; previous digests a day ago in 96 slots. */
export function benchSubscribers(n: number, articles: Article[]): Subscription[] {
  const random = rng(11);
  const freq = new Map<string, number>();
  for (const a of articles) for (const t of a.topics) freq.set(t.id, (freq.get(t.id) ?? 0) + 1);
  const popular = [...freq]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60)
    .map(([id]) => id);
  return Array.from({ length: n }, (_, i) => {
    const topics =
      random() < 0.4
        ? []
        : [
            ...new Set(
              Array.from(
                { length: 1 + Math.floor(random() * 3) },
                () => popular[Math.floor(random() ** 2 * popular.length)]!,
              ),
            ),
          ];
    const last = new Date(NOW.getTime() - 24 * HOUR + Math.floor(random() * 96) * 15 * 60_000).toISOString();
    return {
      chatId: 10_000 + i,
      topics,
      time: "07:30",
      timezone: "Europe/Berlin",
      frequency: "daily",
      weekday: 1,
      size: 10,
      notifyEmpty: false,
      active: true,
      pausedReason: null,
      lastDigestAt: last,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
  });
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

/** Compose (and render) for `subscribers` readers. */
export function composeTable(dataset: string, subscribers: number): BenchTable {
  const articles = benchArticles(
    readDataset(dataset) as { title: string; article: string; category?: string }[],
  );
  const subs = benchSubscribers(subscribers, articles);
  const window = { from: new Date(NOW.getTime() - 60_000), to: NOW };
  const due = time(() => selectDueSubscriptions(subs, window));
  const stories = time(() => buildStoryIndex(articles, NOW));
  const compose = time(() =>
    subs.map((sub) => composeDigest({ sub, articles, now: new Date(NOW.getTime() + 1) })),
  );
  const both = time(() =>
    subs.map((sub) => {
      const d = composeDigest({ sub, articles, now: new Date(NOW.getTime() + 2) });
      return d ? renderDigest(d, { timezone: sub.timezone }).text.length : 0;
    }),
  );
  const per = (ms: number) => ((ms * 1000) / subscribers).toFixed(1);
  const sent = both.value.filter((n) => n > 0).length;
  return {
    name: "digest: compose",
    columns: ["stage", "subscribers", "articles", "ms", "µs/subscriber"],
    rows: [
      ["select due (one tick)", subscribers, articles.length, Math.round(due.ms), per(due.ms)],
      ["build stories (once a tick)", subscribers, articles.length, Math.round(stories.ms), "-"],
      ["compose (incl. stories)", subscribers, articles.length, Math.round(compose.ms), per(compose.ms)],
      ["compose + render", subscribers, articles.length, Math.round(both.ms), per(both.ms)],
    ],
    notes: [
      `${due.value.length} due; ${stories.value.stories.length} stories from ${articles.length} articles over 72 h; ${sent} non-empty digests, mean ${Math.round(both.value.reduce((a, b) => a + b, 0) / Math.max(1, sent))} UTF-16 units.`,
      "40% all-news readers, 60% with 1–3 of the 60 most common topics; previous digests 24 h ago in 96 quarter-hour slots.",
    ],
  };
}

/** Wrap a port to record each call's round-trip (ms) into `durations`. */
function timed(port: SendPort, durations: number[]): SendPort {
  return async (c, m) => {
    const t = performance.now();
    try {
      return await port(c, m);
    } finally {
      durations.push(performance.now() - t);
    }
  };
}

/** Deliver `n` digests over HTTP to the fake Bot API at 30 messages a second. */
export async function sendTable(n: number, workDir: string): Promise<BenchTable | null> {
  const helper = fileURLToPath(new URL("../test/helpers/fake-bot-api.ts", import.meta.url));
  if (!fs.existsSync(helper)) return null;
  const { startFakeBotApi } = (await import(helper)) as typeof import("../test/helpers/fake-bot-api.js");
  const { createFetchSendPort } = await import("../src/digest/fetch-send.js");
  const { createDeliveryService } = await import("../src/digest/deliver.js");
  const { openStore } = await import("../src/store/keyv-store.js");
  const { createDeliveryLedger } = await import("../src/store/delivery-ledger.js");
  const { createLocalClaimStore } = await import("../src/store/digest-claims.js");
  const { createSubscriptionRepo } = await import("../src/store/subscription-repo.js");
  const { silentLogger } = await import("../src/digest/types.js");

  const api = await startFakeBotApi({ rateLimit: { perSecond: 30, perChatPerSecond: 1 } });
  const dataDir = path.join(workDir, `digest-send-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const store = await openStore({ dataDir });
  try {
    const subs = createSubscriptionRepo(store.kv("subscriptions"));
    const ledger = createDeliveryLedger({
      kv: store.kv("ledger"),
      claims: createLocalClaimStore(store.kv("claims")),
    });
    const durations: number[] = [];
    const base = NOW.getTime();
    const t0 = performance.now();
    const clock = () => new Date(base + (performance.now() - t0));
    const delivery = createDeliveryService({
      ledger,
      send: timed(createFetchSendPort(api), durations),
      subs,
      clock,
      logger: silentLogger,
      pace: { perSecond: 30, perChatPerSecond: 1 },
      concurrency: 8,
    });
    const text = `<b>Your news digest</b>\n\n${"1. <b>A headline</b>\nA summary sentence of moderate length.\n\n".repeat(8)}`;
    const jobs = Array.from({ length: n }, (_, i) => ({
      id: ledger.jobId(20_000 + i, NOW),
      chatId: 20_000 + i,
      dueAt: NOW,
      late: false,
      message: { text, parseMode: "HTML" as const },
      coversUntil: NOW,
    }));
    await ledger.recordDue(jobs, NOW);
    const report = await delivery.deliver(jobs);
    const ok = api.calls.filter((c) => c.method === "sendMessage" && c.status === 200).map((c) => c.at);
    const limited = api.calls.filter((c) => c.method === "sendMessage" && c.status === 429).length;
    const seconds = (Math.max(...ok) - Math.min(...ok)) / 1000;
    const rate = (ok.length - 1) / seconds;
    const perChat = jobs.map((j) => api.messages(j.chatId).length);
    return {
      name: "digest: send rate (fake Bot API over HTTP, limit 30/s)",
      columns: [
        "subscribers",
        "sent",
        "seconds",
        "messages/s",
        "% of limit",
        "429 received",
        "duplicates",
        "lost",
      ],
      rows: [
        [
          n,
          report.sent,
          seconds.toFixed(1),
          rate.toFixed(2),
          `${((rate / 30) * 100).toFixed(1)}%`,
          limited,
          perChat.filter((c) => c > 1).length,
          perChat.filter((c) => c === 0).length,
        ],
      ],
      notes: [
        `sendMessage round-trip p50 ${pct(durations, 0.5)} ms, p90 ${pct(durations, 0.9)} ms, max ${pct(durations, 1)} ms (fake server in the same process).`,
        "Delivery service with the SQLite ledger (WAL), concurrency 8, pace 30/s overall and 1/s per chat; a send starts only once the send 30 before it has completed + 1 s, so the rate gives up one round-trip per second; every 429 would be waited out (retry_after) and retried.",
      ],
    };
  } finally {
    await store.close();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function pct(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1);
}

/** The digest benchmark tables. */
export async function runDigestBench(
  opts: BenchOptions & { subscribers?: number; sendSubscribers?: number },
): Promise<BenchTable[]> {
  const tables = [composeTable(opts.dataset, opts.subscribers ?? 100_000)];
  const send = await sendTable(opts.sendSubscribers ?? 300, opts.workDir);
  if (send) tables.push(send);
  return tables;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const args = process.argv.slice(2);
  const take = (flag: string): number | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const value = Number(args[i + 1]);
    args.splice(i, 2);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${flag} takes a positive whole number`);
    return value;
  };
  const subscribers = take("--subscribers");
  const sendSubscribers = take("--send");
  const { standaloneOptions, printTables } = await import("./cli.js");
  const opts = standaloneOptions(args, [100_000]);
  printTables(await runDigestBench({ ...opts, subscribers, sendSubscribers }), opts.json);
}
