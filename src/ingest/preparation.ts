/**
 * Where and when the files of one run are prepared (read, parse, language stage, fingerprints).
 *
 * Worker threads cost a start-up (about a second of CPU each when run from TypeScript sources),
 * memory, and a copy of every article between threads, and pay off only when there is enough
 * slow preparing to share. So by default the first file is prepared on the main thread and
 * timed; if preparing is slower than {@link WORKER_MAX_BYTES_PER_SECOND} and the rest would take
 * the main thread at least {@link WORKER_MIN_SECONDS}, judged by bytes, a pool takes over for
 * the remaining files.
 * Results never depend on this choice (see the ingest service).
 */
import fs from "node:fs/promises";
import os from "node:os";
import { type Analyzer, analyzerOptionsOf } from "../nlp/index.js";
import type { ExpandedPath } from "./expand-paths.js";
import { type PreparedFile, type PrepareJob, prepareFile } from "./prepare.js";
import { type AnalyzerRecipe, createWorkerPreparer, type FilePreparer } from "./worker-pool.js";

/** Estimated main-thread preparation time of the rest of a run above which workers are started. */
export const WORKER_MIN_SECONDS = 8;

/**
 * Preparation speed on the main thread (bytes of file per second) above which workers are not
 * started however long the run: the store writes ~10–20 MB of such files a second, so faster
 * preparation already overlaps with the writes, and workers would only add the cost of copying
 * every article between threads (measured: 100,000 articles without the language stage took
 * a quarter longer on two workers than on the main thread alone, with 240 MB more memory).
 * With the language stage a file prepares at ~0.5 MB/s; without it, at 7–20 MB/s.
 */
export const WORKER_MAX_BYTES_PER_SECOND = 2_000_000;

/** How one run's files get prepared. */
export interface Preparation {
  /** The prepared file `i` of the entries (each asked once, in order). */
  take(i: number): Promise<PreparedFile>;
  /** Worker threads used so far (0: all on the main thread). */
  readonly workers: number;
  /** Stop the workers, if any. */
  close(): Promise<void>;
}

/** What {@link planPreparation} needs. */
export interface PreparationOptions {
  entries: readonly ExpandedPath[];
  jobFor: (file: string) => PrepareJob;
  analyzer: Analyzer;
  /** How workers build the same analyzer; without it everything runs on the main thread. */
  recipe: AnalyzerRecipe | undefined;
  /** Fixed number of workers (0: none), or undefined to decide from the first file. */
  workers: number | undefined;
  /** Threshold of the automatic decision; default {@link WORKER_MIN_SECONDS}. */
  minSeconds?: number;
  /** Speed limit of the automatic decision; default {@link WORKER_MAX_BYTES_PER_SECOND}. */
  maxBytesPerSecond?: number;
  /** Heap limit of each worker in MB (see WORKER_HEAP_MB in worker-pool.ts). */
  workerHeapMb?: number;
}

/**
 * Plan the preparation of a run. Files are started a few ahead of the one asked for when
 * workers run, so they never wait for the main thread; each result is handed over once and
 * forgotten, so memory stays bounded by that window.
 */
export function planPreparation(options: PreparationOptions): Preparation {
  const { entries, jobFor, recipe } = options;
  const files = entries.flatMap((e, i) => ("error" in e ? [] : [i]));
  const jobs = new Map<number, Promise<PreparedFile>>();
  let pool: FilePreparer | undefined;
  let poolSize = 0;
  let ahead = 0;
  let next = 0;
  let decided = options.workers !== undefined || !recipe || files.length < 2;
  const inline = (job: PrepareJob) => prepareFile(job, options.analyzer);
  // A file too big for a worker's heap gets the main thread's (much larger) one.
  const pooled = (workers: FilePreparer, job: PrepareJob) =>
    workers.prepare(job).then((r) => (!r.ok && r.outOfMemory ? inline(job) : r));

  const startPool = (workers: number) => {
    if (workers <= 0 || !recipe) return;
    pool = createWorkerPreparer({
      workers,
      analyzer: recipe,
      ...(options.workerHeapMb === undefined ? {} : { heapMb: options.workerHeapMb }),
    });
    poolSize = workers;
    // Enough started files that no worker waits for the main thread, and no more: each
    // prepared file waiting here is live data on the main thread's heap.
    ahead = workers + 1;
  };
  if (options.workers !== undefined && recipe) startPool(Math.min(options.workers, files.length));

  /** After the first file: start workers if the rest would keep the main thread busy long enough. */
  const decide = async (first: number, ms: number) => {
    decided = true;
    const rest = files.filter((i) => i > first).map((i) => entries[i]!.file);
    const firstBytes = await sizeOf(entries[first]!.file);
    if (firstBytes === 0 || rest.length === 0) return;
    if ((firstBytes * 1000) / Math.max(ms, 1) > (options.maxBytesPerSecond ?? WORKER_MAX_BYTES_PER_SECOND))
      return;
    const enough = ((options.minSeconds ?? WORKER_MIN_SECONDS) * 1000 * firstBytes) / Math.max(ms, 1);
    if ((await totalBytes(rest, enough)) >= enough) {
      startPool(Math.min(4, os.availableParallelism(), rest.length));
    }
  };

  return {
    get workers() {
      return poolSize;
    },
    async take(i) {
      if (!decided) {
        const started = performance.now();
        const result = await inline(jobFor(entries[i]!.file));
        // A file that failed says nothing about how long the others take: decide on the next.
        if (result.ok) await decide(i, performance.now() - started);
        next = i + 1;
        return result;
      }
      for (; next < entries.length && next <= i + ahead; next++) {
        const entry = entries[next]!;
        if (!("error" in entry))
          jobs.set(next, pool ? pooled(pool, jobFor(entry.file)) : inline(jobFor(entry.file)));
      }
      const job = jobs.get(i);
      jobs.delete(i);
      if (!job) throw new Error(`file ${i} was not prepared`);
      return job;
    },
    async close() {
      await pool?.close();
    },
  };
}

/** createAnalyzer with the options `analyzer` was built from, if it was built by createAnalyzer. */
export function defaultRecipe(analyzer: Analyzer): AnalyzerRecipe | undefined {
  const options = analyzerOptionsOf(analyzer);
  if (!options) return undefined;
  // The same extension as this file: .ts when run from sources (tsx, vitest), .js when compiled.
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return { module: new URL(`../nlp/analyzer${ext}`, import.meta.url).href, options };
}

async function sizeOf(file: string): Promise<number> {
  return fs.stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Sum of the files' sizes, stopping once `enough` is reached (unreadable files count 0). */
async function totalBytes(files: readonly string[], enough: number): Promise<number> {
  let sum = 0;
  for (const file of files) {
    sum += await sizeOf(file);
    if (sum >= enough) break;
  }
  return sum;
}
