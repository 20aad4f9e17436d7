/**
 * Search benchmark: `npx tsx bench/search.ts --sizes 1000,10000,100000 [--dataset PATH] [--json]`.
 *
 * For each size it builds our index (SQLite FTS5 + typo layer) in a child process, then opens the
 * persisted file in a fresh child (cold start = spawn → first answered query) that times word,
 * typo and topic queries, and the same queries through plain FTS5 (exact BM25 over all matches,
 * no typo/prefix layer) on the same file. MiniSearch (prefix + fuzzy 0.2) runs on the same docs
 * and queries up to `--minisearch-max` (default 10,000: at 100k it needs ~1.5 GB and ~50 s).
 * Each measurement runs in its own process so peak RSS is per engine.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import sqlite3 from "sqlite3";
import type { TopicRef } from "../src/domain/article.js";
import { openSearchIndex } from "../src/search/index.js";
import type { IndexDoc } from "../src/search/types.js";
import { printTables, standaloneOptions } from "./cli.js";
import { buildCorpus, readDataset, rng } from "./corpus.js";
import type { BenchOptions, BenchTable } from "./types.js";

const THIS_FILE = fileURLToPath(import.meta.url);
const MINISEARCH_MAX = 10_000;
const BENCH_NOW = new Date("2025-12-01T00:00:00Z");
const REPEATS = 10;

/** 1–3 word queries on BBC 2004–05 news. */
const WORD_QUERIES = (
  "economy|prime minister|mobile phone|film|world cup|oil prices|chelsea|interest rates|tony blair|election|" +
  "music award|broadband|stock market|video games|champions league|iraq|tax cuts|china trade|apple ipod|court|" +
  "rugby|gordon brown budget|software|box office|house prices"
).split("|");
/** Misspelt queries and what they mean (for typo recall). */
const TYPO_QUERIES = (
  "goverment>government|footbal>football|chelsae>chelsea|elction>election|econmy>economy|minsiter>minister|" +
  "brodband>broadband|intrest rates>interest rates|champions leage>champions league|musci award>music award"
)
  .split("|")
  .map((pair) => pair.split(">") as [string, string]);

type Task =
  | { task: "build"; size: number; dataset: string; db: string }
  | { task: "query"; size: number; db: string }
  | { task: "minisearch"; size: number; dataset: string };

interface Latency {
  p50: number;
  p99: number;
  recall?: number;
}

/**
 * Bench docs: the shared corpus (originals, then shuffled mixes with new ids and dates over 30
 * days), plus a time of day per doc, a few swapped neighbouring words in each copy, and
 * capitalised runs as pseudo-topics.
 */
function* benchDocs(dataset: string, size: number): Generator<IndexDoc> {
  const random = rng(7);
  const base = readDataset(dataset);
  let i = 0;
  for (const a of buildCorpus(base, size)) {
    const published = new Date(Date.parse(a.date) + Math.floor(random() * 86_400) * 1000).toISOString();
    yield {
      id: a.id,
      title: a.title,
      body: i++ < base.length ? a.text : swapWords(a.text, random),
      published,
      topics: pseudoTopics(`${a.title}\n${a.text}`),
    };
  }
}

/** Swaps five random pairs of neighbouring words. */
function swapWords(text: string, random: () => number): string {
  const words = text.split(" ");
  for (let k = 0; k < 5 && words.length > 2; k++) {
    const i = Math.floor(random() * (words.length - 1));
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
  }
  return words.join(" ");
}

const SENTENCE_STARTERS = new Set("The But He She It In A This They We And Mr".split(" "));

/** Capitalised word runs ("Tony Blair", "Chelsea"), the 6 most frequent, as pseudo-topics. */
function pseudoTopics(text: string): TopicRef[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?: [A-Z][a-z]+)*/g)) {
    const name = m[0]
      .split(" ")
      .filter((w, i) => i > 0 || !SENTENCE_STARTERS.has(w))
      .join(" ");
    if (name.length > 2) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, n]) => ({ id: name.toLowerCase().replace(/ /g, "-"), name, kind: "phrase", weight: n }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/** Runs each query REPEATS times after one warm-up pass; p50/p99 in ms over all runs. */
async function time<T>(queries: readonly string[], run: (q: string) => Promise<T>): Promise<Latency> {
  for (const q of queries) await run(q);
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      await run(q);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** Mean share of the correct query's top 10 that the misspelt query also returns. */
async function typoRecall(search: (q: string) => Promise<string[]>): Promise<number> {
  let sum = 0;
  for (const [typo, correct] of TYPO_QUERIES) {
    const want = await search(correct);
    const got = new Set(await search(typo));
    sum += want.length === 0 ? 0 : want.filter((id) => got.has(id)).length / want.length;
  }
  return sum / TYPO_QUERIES.length;
}

/** Word and typo latencies plus typo recall of one engine. */
async function measure(search: (q: string) => Promise<string[]>): Promise<Record<string, Latency>> {
  const words = await time(WORD_QUERIES, search);
  const typos = await time(
    TYPO_QUERIES.map((q) => q[0]),
    search,
  );
  return { words, typos: { ...typos, recall: await typoRecall(search) } };
}

function emit(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function buildTask(t: Extract<Task, { task: "build" }>): Promise<void> {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(t.db + suffix, { force: true });
  const t0 = performance.now();
  const index = await openSearchIndex({ path: t.db });
  let batch: IndexDoc[] = [];
  for (const doc of benchDocs(t.dataset, t.size)) {
    batch.push(doc);
    if (batch.length === 2000) {
      await index.upsert(batch);
      batch = [];
    }
  }
  await index.upsert(batch);
  const t1 = performance.now();
  await index.optimize();
  await index.close();
  const bytes = ["", "-wal"].reduce(
    (s, x) => s + (fs.statSync(t.db + x, { throwIfNoEntry: false })?.size ?? 0),
    0,
  );
  emit({ buildMs: performance.now() - t0, optimizeMs: performance.now() - t1, bytes, rss: rssMb() });
}

/** Plain FTS5 on the same file: every word required, exact BM25 over all matches, no repair. */
function plainFts(file: string): { search: (q: string) => Promise<string[]>; close: () => void } {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const search = (q: string) =>
    new Promise<string[]>((resolve, reject) => {
      const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const sql = `SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?
                   ORDER BY bm25(fts, 4, 1, 2) LIMIT 10`;
      db.all<{ id: string }>(sql, [words.map((w) => `"${w}"`).join(" ")], (err, rows) =>
        err ? reject(err) : resolve(rows.map((r) => r.id)),
      );
    });
  return { search, close: () => db.close() };
}

async function queryTask(t: Extract<Task, { task: "query" }>): Promise<void> {
  const t0 = performance.now();
  // The app passes its clock; the corpus spans November 2025.
  const index = await openSearchIndex({ path: t.db, clock: () => BENCH_NOW });
  await index.search("economy");
  emit({ ready: true, openMs: performance.now() - t0 });
  const search = async (q: string) => (await index.search(q)).hits.map((h) => h.id);
  const topics = (await index.topicNames()).sort((a, b) => b.weight - a.weight);
  const topicIds = Array.from(
    { length: 20 },
    (_, i) => topics[Math.floor((i * topics.length) / 40)]?.id ?? "",
  );
  const ours = {
    ...(await measure(search)),
    topics: await time(topicIds, (id) => index.topicArticles(id, { limit: 10 })),
    trending: await time(["7 days"], () => index.trendingTopics({ now: BENCH_NOW })),
  };
  const rss = rssMb();
  const exactIndex = await openSearchIndex({
    path: t.db,
    clock: () => BENCH_NOW,
    countCap: Number.POSITIVE_INFINITY,
  });
  const exact = await measure(async (q) => (await exactIndex.search(q)).hits.map((h) => h.id));
  await exactIndex.close();
  const plain = plainFts(t.db);
  const plainLatency = await measure(plain.search);
  plain.close();
  await index.close();
  emit({ ours, exact, plain: plainLatency, rss });
}

async function miniSearchTask(t: Extract<Task, { task: "minisearch" }>): Promise<void> {
  const t0 = performance.now();
  const mini = new MiniSearch<IndexDoc & { topicText: string }>({
    fields: ["title", "body", "topicText"],
    searchOptions: { boost: { title: 4, topicText: 2 }, prefix: true, fuzzy: 0.2 },
  });
  for (const doc of benchDocs(t.dataset, t.size))
    mini.add({ ...doc, topicText: doc.topics.map((x) => x.name).join(" ; ") });
  const buildMs = performance.now() - t0;
  const search = async (q: string) =>
    mini
      .search(q)
      .map((r) => String(r.id))
      .slice(0, 10);
  emit({ buildMs, ...(await measure(search)), rss: rssMb() });
}

/** Runs this file as a child task; resolves with its JSON lines and when the first one arrived. */
function child(task: Task): Promise<{ lines: Record<string, unknown>[]; firstMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, THIS_FILE, "--child", JSON.stringify(task)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: Record<string, unknown>[] = [];
    let firstMs = Number.NaN;
    let buffer = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        if (lines.length === 0) firstMs = performance.now() - t0;
        lines.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
        buffer = buffer.slice(nl + 1);
      }
    });
    proc.on("error", reject);
    proc.on("close", (code) =>
      code === 0
        ? resolve({ lines, firstMs })
        : reject(new Error(`bench child ${task.task} exited with ${code}`)),
    );
  });
}

const ms = (n: unknown) => (typeof n === "number" ? Number(n.toFixed(n < 10 ? 2 : 0)) : "—");
const pct = (n: unknown) => (typeof n === "number" ? `${Math.round(n * 100)}%` : "—");

const OURS = "FTS5 + typo layer (ours)";
const NONE = "—";

function latencyRow(
  engine: string,
  size: number,
  l: Record<string, Latency | undefined>,
): (string | number)[] {
  return [
    engine,
    size,
    ms(l.words?.p50),
    ms(l.words?.p99),
    ms(l.typos?.p50),
    ms(l.typos?.p99),
    pct(l.typos?.recall),
  ].concat(l.topics ? [ms(l.topics.p50), ms(l.topics.p99), ms(l.trending?.p50)] : [NONE, NONE, NONE]);
}

/** Builds and measures every size; returns the build/cold-start table and the latency table. */
export async function runSearchBench(opts: BenchOptions & { miniSearchMax?: number }): Promise<BenchTable[]> {
  fs.mkdirSync(opts.workDir, { recursive: true });
  const miniSearchMax = opts.miniSearchMax ?? MINISEARCH_MAX;
  const build: BenchTable = {
    name: "search: build, size, cold start",
    columns: [
      "engine",
      "docs",
      "build s",
      "index MB",
      "build peak RSS MB",
      "cold start ms",
      "query peak RSS MB",
    ],
    rows: [],
    notes: [
      "build s includes FTS5 'optimize'; index MB = file + WAL after a TRUNCATE checkpoint.",
      "cold start = spawning a fresh node+tsx process that opens the persisted index → its first answered query.",
      "query peak RSS = that process after our queries (node + tsx + SQLite cache + touched mmap pages).",
    ],
  };
  const latency: BenchTable = {
    name: "search: query latency (ms)",
    columns: ["engine", "docs", "words p50", "words p99", "typos p50", "typos p99", "typo recall@10"].concat(
      "topics p50",
      "topics p99",
      "trending p50",
    ),
    rows: [],
    notes: [
      `${WORD_QUERIES.length} word queries, ${TYPO_QUERIES.length} typo queries, ×${REPEATS} after one warm-up pass; ` +
        "topics = topicArticles of 20 topics (limit 10); trending = trendingTopics over 7 days.",
      "typo recall@10 = share of the correctly spelt query's top 10 (same engine) that the misspelt query returns.",
      "ours ranks the 250 newest matches (rankWindow) and counts totals up to 1,000 (countCap), then reports 1,000+.",
      `FTS5 plain runs on the same file in the same process; MiniSearch only up to ${miniSearchMax} docs.`,
    ],
  };
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  for (const size of opts.sizes) {
    const db = path.join(opts.workDir, `search-${size}.sqlite`);
    const built = (await child({ task: "build", size, dataset: opts.dataset, db })).lines[0] ?? {};
    const queried = await child({ task: "query", size, db });
    const q = queried.lines[1] ?? {};
    const buildS = ms(Number(built.buildMs) / 1000);
    build.rows.push([
      OURS,
      size,
      buildS,
      ms(Number(built.bytes) / 2 ** 20),
      Number(built.rss),
      ms(queried.firstMs),
      Number(q.rss),
    ]);
    latency.rows.push(latencyRow(OURS, size, q.ours as Record<string, Latency>));
    latency.rows.push(
      latencyRow("  same, exact totals (countCap ∞)", size, q.exact as Record<string, Latency>),
    );
    latency.rows.push(
      latencyRow("FTS5 plain (exact bm25, no repair)", size, q.plain as Record<string, Latency>),
    );
    if (size <= miniSearchMax) {
      const m = (await child({ task: "minisearch", size, dataset: opts.dataset })).lines[0] ?? {};
      build.rows.push([
        "MiniSearch 7 (in memory)",
        size,
        ms(Number(m.buildMs) / 1000),
        NONE,
        Number(m.rss),
        NONE,
        NONE,
      ]);
      latency.rows.push(latencyRow("MiniSearch 7 (prefix, fuzzy 0.2)", size, m as Record<string, Latency>));
    }
    process.stderr.write(`bench search: ${size} docs done\n`);
  }
  // p99 on a shared 2-core machine is mostly scheduling noise: say how loaded it was.
  latency.notes?.push(
    `1-minute load average: ${loadBefore} at start, ${os.loadavg()[0]!.toFixed(1)} at end.`,
  );
  return [build, latency];
}

async function runChildTask(task: Task): Promise<void> {
  if (task.task === "build") await buildTask(task);
  else if (task.task === "query") await queryTask(task);
  else await miniSearchTask(task);
}

if (process.argv[2] === "--child") {
  await runChildTask(JSON.parse(process.argv[3] ?? "{}") as Task);
} else if (process.argv[1] && path.resolve(process.argv[1]) === THIS_FILE) {
  const opts = standaloneOptions(process.argv.slice(2), [1000, 10_000, 100_000]);
  printTables(await runSearchBench(opts), opts.json);
}
