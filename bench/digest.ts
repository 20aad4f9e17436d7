/**
 * Digest benchmark. (1) Composing: due-time selection, story building, and composing (plus
 * rendering) digests for 100,000 subscribers over a realistic article set (the BBC articles
 * spread over three days, topics from category and recurring names). (2) Sending, when the local
 * fake Bot API is available: one scheduler tick of the real pipeline delivering N subscribers'
 * digests over HTTP to the fake enforcing 30 messages a second (bench/digest-send.ts).
 *
 * `npm run bench -- --only digest` (N from BENCH_SUBSCRIBERS, default 10,000), or
 * `npx tsx bench/digest.ts [--subscribers N] [--compose 100000] [--dataset PATH]`
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { composeDigest } from "../src/digest/compose.js";
import { selectDueSubscriptions } from "../src/digest/due.js";
import { renderDigest } from "../src/digest/render.js";
import { buildStoryIndex } from "../src/digest/stories.js";
import type { Article, TopicRef } from "../src/domain/article.js";
import type { Subscription } from "../src/domain/subscription.js";
import { simhash } from "../src/ingest/fingerprint.js";
import { readDataset, rng } from "./corpus.js";
import { sendTable } from "./digest-send.js";
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

/** Subscribers of the send benchmark when neither `--subscribers` nor BENCH_SUBSCRIBERS says (the figure). */
export const DEFAULT_SEND_SUBSCRIBERS = 10_000;

/**
 * The digest benchmark tables: compose for `composeSubscribers` (default 100,000), then one tick
 * delivering to `sendSubscribers` (default BENCH_SUBSCRIBERS, else 10,000: about 6 minutes at 30/s).
 */
export async function runDigestBench(
  opts: BenchOptions & { composeSubscribers?: number; sendSubscribers?: number },
): Promise<BenchTable[]> {
  const tables = [composeTable(opts.dataset, opts.composeSubscribers ?? 100_000)];
  const n = opts.sendSubscribers ?? envCount("BENCH_SUBSCRIBERS") ?? DEFAULT_SEND_SUBSCRIBERS;
  const articles = benchArticles(
    readDataset(opts.dataset) as { title: string; article: string; category?: string }[],
  );
  const send = await sendTable(benchSubscribers(n, articles), articles, NOW, opts.workDir);
  if (send) tables.push(send);
  return tables;
}

/** A positive whole number from the environment (benchmarks only; the app reads its config in src/config.ts). */
function envCount(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
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
  const sendSubscribers = take("--subscribers");
  const composeSubscribers = take("--compose");
  const { standaloneOptions, printTables } = await import("./cli.js");
  const opts = standaloneOptions(args, [100_000]);
  printTables(await runDigestBench({ ...opts, composeSubscribers, sendSubscribers }), opts.json);
}
