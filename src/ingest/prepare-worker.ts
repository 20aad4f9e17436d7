/**
 * Worker-thread entry point of the loader's pool (see worker-pool.ts): builds its analyzer from
 * the recipe in `workerData` once, then prepares one file per message. As an entry point it
 * runs on import.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Analyzer } from "../nlp/index.js";
import { type PreparedFile, type PrepareJob, prepareFile } from "./prepare.js";

/**
 * How a worker builds its analyzer: `module` (a file URL) exports `createAnalyzer(options)`.
 * The options cross the thread boundary, so they must be plain data.
 */
export interface AnalyzerRecipe {
  module: string;
  options: unknown;
}

/** What the pool sends a worker at start. */
export interface PrepareWorkerData {
  analyzer: AnalyzerRecipe;
}

/** One request: prepare `job`, answer with the same `seq`. */
export interface PrepareRequest {
  seq: number;
  job: PrepareJob;
}

const port = parentPort;
if (port) {
  const recipe = (workerData as PrepareWorkerData).analyzer;
  const ready: Promise<Analyzer> = import(recipe.module).then(
    (m: { createAnalyzer: (options: unknown) => Analyzer }) => m.createAnalyzer(recipe.options),
  );
  // Without an analyzer every file fails, each with the reason; the worker itself stays up.
  ready.catch(() => undefined);
  port.on("message", (request: PrepareRequest) => {
    void ready
      .then(
        (analyzer) => prepareFile(request.job, analyzer),
        (error: Error): PreparedFile => ({
          ok: false,
          line: null,
          message: `could not be prepared: the language stage did not load (${error.message})`,
          crash: error.stack ?? String(error),
          timings: { read: 0, parse: 0, analyze: 0, fingerprint: 0 },
        }),
      )
      .then((result) => port.postMessage({ seq: request.seq, result }));
  });
}
