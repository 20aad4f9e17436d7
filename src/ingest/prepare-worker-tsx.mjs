// Bootstrap of a loader worker thread when Briefly runs from its TypeScript sources (tsx,
// vitest): a worker thread does not inherit the TypeScript loader, so it is registered here for
// this thread, and the worker entry is loaded through it. Compiled builds start
// prepare-worker.js directly and never load this file.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
