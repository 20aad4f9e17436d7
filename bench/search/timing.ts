/**
 * Latency statistics of the search bench, with per-call diagnostics: for every timed call the
 * wall time, the CPU time the process used meanwhile (all threads, SQLite's included) and the
 * garbage-collection pauses that overlapped it. A slow call with CPU ≈ wall did work; with CPU ≪
 * wall it waited (for a core, on a shared machine); with a GC pause it was paused.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { REPEATS, TYPO_QUERIES, WORD_QUERIES } from "./queries.js";

/** Percentiles of one query class, in ms. */
export interface Latency {
  p50: number;
  p99: number;
  max: number;
  /**
   * Slowest first run: each query's first call in the process (the untimed warm-up pass), when no
   * cache of ours has seen it yet; statements and pages other queries touched may be warm.
   */
  firstMax: number;
  /** Typo queries only: see {@link typoRecall}. */
  recall?: number;
}

/** One timed call. */
export interface Sample {
  kind: string;
  query: string;
  /** Wall time, ms. */
  ms: number;
  /** Process CPU time (user + system, every thread) during the call, ms. */
  cpuMs: number;
  /** GC pauses overlapping the call, ms (filled by {@link SampleLog.slowest}). */
  gcMs: number;
  /** performance.now() at the start. */
  at: number;
}

/** Collects samples and the GC pauses seen while they ran. */
export interface SampleLog {
  samples: Sample[];
  /** The untimed warm-up (first) runs, kept apart from `samples`. */
  firsts: Sample[];
  /** The n slowest samples (all kinds, or one), GC overlap filled in. Call after the timed runs. */
  slowest(n: number, kind?: string, from?: "samples" | "firsts"): Promise<Sample[]>;
  /** GC pauses seen so far: how many and their total ms. */
  gcTotals(): Promise<{ count: number; ms: number }>;
  stop(): void;
}

/** Starts recording GC pauses (PerformanceObserver "gc" entries). */
export function createSampleLog(): SampleLog {
  const pauses: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  // GC entries arrive asynchronously: let pending ones be delivered before reading them.
  const flush = () => new Promise((resolve) => setTimeout(resolve, 20));
  const samples: Sample[] = [];
  const firsts: Sample[] = [];
  return {
    samples,
    firsts,
    async slowest(n, kind, from = "samples") {
      await flush();
      return (from === "firsts" ? firsts : samples)
        .filter((s) => kind === undefined || s.kind === kind)
        .sort((a, b) => b.ms - a.ms)
        .slice(0, n)
        .map((s) => {
          const end = s.at + s.ms;
          const gcMs = pauses.reduce(
            (t, p) => t + Math.max(0, Math.min(end, p.end) - Math.max(s.at, p.start)),
            0,
          );
          return { ...s, gcMs };
        });
    },
    async gcTotals() {
      await flush();
      return { count: pauses.length, ms: pauses.reduce((t, p) => t + p.end - p.start, 0) };
    },
    stop: () => observer.disconnect(),
  };
}

/** The value at rank floor(p × n) of ascending samples (p99 of 100 samples is the maximum). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

/**
 * Runs each query {@link REPEATS} times after one warm-up pass; p50/p99/max over the timed runs,
 * and the slowest warm-up (first) run.
 */
export async function time<T>(
  kind: string,
  queries: readonly string[],
  run: (q: string) => Promise<T>,
  log?: SampleLog,
): Promise<Latency> {
  let firstMax = 0;
  for (const q of queries) {
    const sample = await timedCall(kind, q, run);
    firstMax = Math.max(firstMax, sample.ms);
    log?.firsts.push(sample);
  }
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const q of queries) {
      const sample = await timedCall(kind, q, run);
      times.push(sample.ms);
      log?.samples.push(sample);
    }
  }
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    max: times.at(-1) ?? Number.NaN,
    firstMax,
  };
}

/** One call of `run(query)`: its wall and CPU time (GC pauses are filled in later from the log). */
async function timedCall<T>(kind: string, query: string, run: (q: string) => Promise<T>): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const at = performance.now();
  await run(query);
  const ms = performance.now() - at;
  const cpu = process.cpuUsage(cpu0);
  return { kind, query, ms, cpuMs: (cpu.user + cpu.system) / 1000, gcMs: 0, at };
}

/** Mean share of the correct query's top 10 that the misspelt query also returns. */
export async function typoRecall(search: (q: string) => Promise<string[]>): Promise<number> {
  let sum = 0;
  for (const [typo, correct] of TYPO_QUERIES) {
    const want = await search(correct);
    const got = new Set(await search(typo));
    sum += want.length === 0 ? 0 : want.filter((id) => got.has(id)).length / want.length;
  }
  return sum / TYPO_QUERIES.length;
}

/** Word and typo latencies plus typo recall of one engine. */
export async function measure(
  search: (q: string) => Promise<string[]>,
  log?: SampleLog,
): Promise<Record<string, Latency>> {
  const words = await time("words", WORD_QUERIES, search, log);
  const typos = await time(
    "typos",
    TYPO_QUERIES.map((q) => q[0]),
    search,
    log,
  );
  return { words, typos: { ...typos, recall: await typoRecall(search) } };
}
