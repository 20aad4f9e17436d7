/** The search bench's parent side: runs the children for each size and assembles the tables. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchOptions, BenchTable } from "../types.js";
import { child } from "./child.js";
import { MINISEARCH_MAX, REPEATS, TYPO_QUERIES, WORD_QUERIES } from "./queries.js";
import type { Latency, Sample } from "./timing.js";

/** Options of {@link runSearchBench} beyond the shared ones. */
export interface SearchBenchOptions extends BenchOptions {
  /** Largest corpus MiniSearch runs on (default 10,000). */
  miniSearchMax?: number;
  /** Reuse an index an earlier run left in workDir for the same size and dataset instead of rebuilding. */
  reuse?: boolean;
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
    ms(l.typos?.firstMax),
    pct(l.typos?.recall),
  ].concat(l.topics ? [ms(l.topics.p50), ms(l.topics.p99), ms(l.trending?.p50)] : [NONE, NONE, NONE]);
}

function tables(miniSearchMax: number): { build: BenchTable; latency: BenchTable; slowest: BenchTable } {
  return {
    build: {
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
        "build s includes FTS5 'optimize'; index MB = file + WAL after a TRUNCATE checkpoint; 'reused' = built by an earlier run (--reuse).",
        "cold start = spawning a fresh node+tsx process that opens the persisted index → its first answered query.",
        "query peak RSS = that process after our queries (node + tsx + SQLite cache + touched mmap pages).",
      ],
    },
    latency: {
      name: "search: query latency (ms)",
      columns: [
        "engine",
        "docs",
        "words p50",
        "words p99",
        "typos p50",
        "typos p99",
        "typos 1st max",
        "typo recall@10",
      ].concat("topics p50", "topics p99", "trending p50"),
      rows: [],
      notes: [
        `${WORD_QUERIES.length} word queries, ${TYPO_QUERIES.length} typo queries, ×${REPEATS} after one warm-up pass; ` +
          "topics = topicArticles of 20 topics (limit 10); trending = trendingTopics over 7 days.",
        "p99 = the sample at rank floor(0.99 n): of 100 typo samples, the slowest one.",
        "typos 1st max = the slowest first run of a typo query in the process (the untimed warm-up pass, after the word queries): no cache of ours has seen it.",
        "typo recall@10 = share of the correctly spelt query's top 10 (same engine) that the misspelt query returns.",
        "ours ranks the 250 newest matches (rankWindow) and counts totals up to 1,000 (countCap), then reports 1,000+.",
        `FTS5 plain runs on the same file in the same process; MiniSearch only up to ${miniSearchMax} docs.`,
      ],
    },
    slowest: {
      name: "search: slowest calls of ours at the largest size (ms); 'typos 1st' = slowest first runs",
      columns: ["class", "query", "wall", "cpu", "gc pause"],
      rows: [],
      notes: [
        "cpu = process CPU time (all threads, SQLite's included) during the call: cpu ≈ wall means work, " +
          "cpu ≪ wall means the call waited for a core; gc pause = V8 GC pauses overlapping the call.",
      ],
    },
  };
}

/** Builds and measures every size; returns the build, latency and slowest-call tables. */
export async function runSearchBench(opts: SearchBenchOptions): Promise<BenchTable[]> {
  fs.mkdirSync(opts.workDir, { recursive: true });
  const miniSearchMax = opts.miniSearchMax ?? MINISEARCH_MAX;
  const { build, latency, slowest } = tables(miniSearchMax);
  const loadBefore = os.loadavg()[0]!.toFixed(1);
  let last: { slowest?: Record<string, Sample[]>; gc?: { count: number; ms: number } } = {};
  for (const size of opts.sizes) {
    const db = path.join(opts.workDir, `search-${size}.sqlite`);
    const task = { task: "build", size, dataset: opts.dataset, db, reuse: opts.reuse ?? false } as const;
    const built = (await child(task)).lines[0] ?? {};
    const queried = await child({ task: "query", size, db });
    const q = queried.lines[1] ?? {};
    build.rows.push([
      OURS,
      size,
      built.reused === true ? "reused" : ms(Number(built.buildMs) / 1000),
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
    last = q as typeof last;
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
  for (const [kind, samples] of Object.entries(last.slowest ?? {})) {
    for (const s of samples) slowest.rows.push([kind, s.query, ms(s.ms), ms(s.cpuMs), ms(s.gcMs)]);
  }
  if (last.gc)
    slowest.notes?.push(`GC pauses during ours' timed calls: ${last.gc.count}, ${ms(last.gc.ms)} ms in all.`);
  // p99 on a shared 2-core machine is mostly scheduling noise: say how loaded it was.
  latency.notes?.push(
    `1-minute load average: ${loadBefore} at start, ${os.loadavg()[0]!.toFixed(1)} at end.`,
  );
  return [build, latency, slowest];
}
