/**
 * Prepares files (read, parse, language stage, fingerprints) on worker threads, so the main
 * thread only dedupes and writes. Results are the same as on the main thread: the workers run
 * the same code with an analyzer built from the same options.
 */
import { Worker } from "node:worker_threads";
import type { PreparedFile, PrepareJob } from "./prepare.js";
import type { AnalyzerRecipe, PrepareRequest, PrepareWorkerData } from "./prepare-worker.js";

export type { AnalyzerRecipe } from "./prepare-worker.js";

/** Prepares files; `close` releases what it holds. */
export interface FilePreparer {
  prepare(job: PrepareJob): Promise<PreparedFile>;
  close(): Promise<void>;
}

/** Options of {@link createWorkerPreparer}. */
export interface WorkerPreparerOptions {
  /** Worker threads to start (at least 1). */
  workers: number;
  /** How the workers build their analyzer. */
  analyzer: AnalyzerRecipe;
  /** Old-generation heap limit of each worker in MB; default {@link WORKER_HEAP_MB}. */
  heapMb?: number;
}

/**
 * Heap limit of a worker (old generation). A worker's live data is its lexicon and one file,
 * but V8 lets an unlimited heap grow to several times that before collecting; the limit keeps
 * each worker near 150 MB of memory. A file too big for it fails the worker with
 * `outOfMemory` and is prepared on the main thread instead (see preparation.ts).
 */
export const WORKER_HEAP_MB = 128;

/**
 * Young-generation limit of a worker in MB. V8's default (32 MB here) is a third of a worker's
 * memory; a file's analysis allocates mostly short-lived objects, and with 8 MB the worker ran
 * as fast (measured on 3,000 BBC articles) using 25 MB less.
 */
export const WORKER_YOUNG_MB = 8;

type Pending = { job: PrepareJob; resolve: (result: PreparedFile) => void };

/**
 * Start a pool of worker threads. Jobs queue until a worker is free; answers come back per job.
 * A worker that dies fails the file it held and is replaced, a bounded number of times: a
 * worker that cannot even start must not respawn forever, so then the queued files fail too.
 */
export function createWorkerPreparer(options: WorkerPreparerOptions): FilePreparer {
  const size = Math.max(1, options.workers);
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, { seq: number; pending: Pending }>();
  let live = 0;
  let respawns = 2 * size;
  let lastCrash = "";
  let seq = 0;
  let closed = false;

  const dispatch = () => {
    while (queue.length > 0 && idle.length > 0) {
      const worker = idle.pop()!;
      const pending = queue.shift()!;
      const request: PrepareRequest = { seq: ++seq, job: pending.job };
      busy.set(worker, { seq: request.seq, pending });
      worker.postMessage(request);
    }
    if (live === 0) for (const pending of queue.splice(0)) pending.resolve(crashed(lastCrash));
  };
  const start = () => {
    const worker = spawn({ analyzer: options.analyzer }, options.heapMb ?? WORKER_HEAP_MB);
    live++;
    worker.on("message", (message: { seq: number; result: PreparedFile }) => {
      const current = busy.get(worker);
      if (!current || current.seq !== message.seq) return;
      busy.delete(worker);
      idle.push(worker);
      current.pending.resolve(message.result);
      dispatch();
    });
    let gone = false;
    const lost = (why: string, outOfMemory = false) => {
      if (gone || closed) return;
      gone = true;
      live--;
      lastCrash = why;
      const current = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      current?.pending.resolve(crashed(why, outOfMemory));
      if (respawns > 0) {
        respawns--;
        start();
      }
      dispatch();
    };
    worker.on("error", (error: Error & { code?: string }) =>
      lost(error.stack ?? error.message, error.code === "ERR_WORKER_OUT_OF_MEMORY"),
    );
    worker.on("exit", (code) => lost(`worker thread exited with code ${code}`));
    idle.push(worker);
  };
  for (let i = 0; i < size; i++) start();

  return {
    prepare(job) {
      if (closed) return Promise.reject(new Error("the worker pool is closed"));
      return new Promise((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const workers = [...idle, ...busy.keys()];
      idle.length = 0;
      for (const { pending } of busy.values()) pending.resolve(crashed("the worker pool was closed"));
      busy.clear();
      for (const pending of queue.splice(0)) pending.resolve(crashed("the worker pool was closed"));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function crashed(why: string, outOfMemory = false): PreparedFile {
  return {
    ok: false,
    line: null,
    message: outOfMemory
      ? "could not be prepared: the worker thread ran out of memory"
      : "could not be prepared: the worker thread failed",
    crash: why,
    ...(outOfMemory ? { outOfMemory } : {}),
    timings: { read: 0, parse: 0, analyze: 0, fingerprint: 0 },
  };
}

/**
 * Start one worker. Compiled, the entry is plain .js; run from TypeScript sources (tsx, vitest)
 * it is .ts, and a small .mjs bootstrap registers tsx in the new thread first (a worker thread
 * does not inherit the loader of the thread that started it).
 */
function spawn(data: PrepareWorkerData, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB };
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL("./prepare-worker.js", import.meta.url), { workerData: data, resourceLimits });
  }
  const entry = new URL("./prepare-worker.ts", import.meta.url).href;
  return new Worker(new URL("./prepare-worker-tsx.mjs", import.meta.url), {
    workerData: { ...data, entry },
    resourceLimits,
  });
}
