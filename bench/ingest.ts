/**
 * Ingest benchmark: the real ingest service on a fresh embedded store, at each corpus size, in
 * three runs, each in its own child process (so peak RSS is that run's alone):
 * - full: read → parse → normalise → language → dedupe → persist → index, composed exactly as
 *   the bot composes it (openServices), worker threads included;
 * - w/o language: the same with a stand-in for the language stage (bench/ingest-stub-analyzer.ts);
 * - read→persist: also without the search index: the stages issue #2 names.
 * Standalone: npx tsx bench/ingest.ts [--sizes 1000,10000] [--dataset PATH] [--work-dir DIR]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { createIngestService, type IngestReport } from "../src/ingest/ingest-service.js";
import type { Analyzer } from "../src/nlp/index.js";
import { openSearchIndex, type SearchIndex } from "../src/search/index.js";
import { openServices } from "../src/services/container.js";
import { createArticleRepo } from "../src/store/article-repo.js";
import { openStore } from "../src/store/keyv-store.js";
import { createMetaRepo } from "../src/store/meta-repo.js";
import { CORPUS_FILE_SIZE as FILE_SIZE, readDataset, writeCorpusFiles } from "./corpus.js";
import type { BenchOptions, BenchTable } from "./types.js";

const MODES = ["full", "no-language", "read-persist"] as const;
type Mode = (typeof MODES)[number];

interface ChildResult {
  files: number;
  added: number;
  duplicates: number;
  workers: number;
  seconds: number;
  cpuSeconds: number;
  timings: Record<string, number>;
  maxRssMb: number;
}

/** Run the ingest benchmark at every size. */
export async function runIngestBench(opts: BenchOptions): Promise<BenchTable[]> {
  const base = readDataset(opts.dataset);
  const rows: { size: number; runs: Record<Mode, ChildResult> }[] = [];
  const loads: number[] = [];
  for (const size of opts.sizes) {
    loads.push(os.loadavg()[0]!);
    const dir = path.join(opts.workDir, `ingest-${size}`);
    fs.rmSync(dir, { recursive: true, force: true });
    writeCorpusFiles(base, size, path.join(dir, "files"));
    const runs = {} as Record<Mode, ChildResult>;
    for (const mode of MODES) {
      fs.rmSync(path.join(dir, "data"), { recursive: true, force: true });
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), "--child", dir, mode],
        { encoding: "utf8", maxBuffer: 1 << 20 },
      );
      runs[mode] = JSON.parse(out.trim().split("\n").pop()!) as ChildResult;
    }
    rows.push({ size, runs });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rate = (n: number, seconds: number) => (seconds > 0 ? Math.round(n / seconds) : 0);
  return [
    {
      name: "ingest (end to end, fresh embedded store)",
      columns: [
        "articles",
        "files",
        "stored",
        "dup",
        "workers",
        "total s",
        "cpu s",
        "total art/s",
        "w/o language art/s",
        "read→persist art/s",
        "peak RSS MB",
        "w/o language MB",
        "read→persist MB",
        "w/o language cpu s",
        "read→persist cpu s",
      ],
      rows: rows.map(({ size, runs: { full, "no-language": bare, "read-persist": core } }) => [
        size,
        full.files,
        full.added,
        full.duplicates,
        full.workers,
        full.seconds.toFixed(1),
        full.cpuSeconds.toFixed(1),
        rate(size, full.seconds),
        rate(size, bare.seconds),
        rate(size, core.seconds),
        full.maxRssMb,
        bare.maxRssMb,
        core.maxRssMb,
        bare.cpuSeconds.toFixed(1),
        core.cpuSeconds.toFixed(1),
      ]),
      notes: [
        `JSONL files of ${FILE_SIZE} articles built from ${opts.dataset}; beyond ${base.length} articles, perturbed mixes of two articles.`,
        "Each column is its own run, in its own process: 'total' = the whole pipeline as the bot composes it; " +
          "'w/o language' = the same with a stand-in for the language stage (no topics; paragraphs as sentences, so " +
          "records keep their size); 'read→persist' = that without the search index either (read, parse, normalise, " +
          "dedupe, persist: the stages of issue #2). 'cpu s' = CPU time of all threads of the run. " +
          `Load average (1 min) before each size: ${loads.map((l, i) => `${opts.sizes[i]}: ${l.toFixed(1)}`).join(", ")}.`,
        "Files are prepared (read, parse, language, fingerprints) on 'workers' threads (0: the service judged the " +
          "run too short to repay starting them, from its first file; see src/ingest/preparation.ts); the main " +
          "thread dedupes and writes. Stage times are summed over threads, so read…fingerprint can exceed the wall " +
          "time; 'wait' is the main thread waiting for a prepared file; persist and index overlap the next file.",
        "stage times (full run): " +
          rows
            .map(
              ({ size, runs }) =>
                `${size}: ${Object.entries(runs.full.timings)
                  .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
                  .join(", ")}`,
            )
            .join(" | "),
      ],
    },
  ];
}

/** One run in this process: ingest `dir/files` into `dir/data` and print a ChildResult line. */
async function child(dir: string, mode: Mode): Promise<void> {
  const logger = pino({ level: "silent" });
  const dataDir = path.join(dir, "data");
  let ingest: (paths: string[]) => Promise<IngestReport>;
  let close: () => Promise<void>;
  if (mode === "full") {
    const services = await openServices(
      { dataDir, storeUrl: undefined, contentDir: path.join(dir, "no-content") },
      { logger, clock: () => new Date() },
    );
    ingest = (paths) => services.ingest.ingestPaths(paths);
    close = () => services.close();
  } else {
    const store = await openStore({ dataDir });
    const search = await openSearchIndex({ path: path.join(dataDir, "search.sqlite") });
    const noIndex = { upsert: async () => {}, setStamp: async () => {} } as unknown as SearchIndex;
    const stub = new URL(
      `./ingest-stub-analyzer${path.extname(fileURLToPath(import.meta.url))}`,
      import.meta.url,
    );
    const { createAnalyzer: createStub } = (await import(stub.href)) as { createAnalyzer: () => Analyzer };
    const service = createIngestService({
      articles: createArticleRepo(store),
      meta: createMetaRepo(store),
      search: mode === "no-language" ? search : noIndex,
      analyzer: createStub(),
      workerAnalyzer: { module: stub.href, options: null },
      clock: () => new Date(),
      logger,
    });
    ingest = (paths) => service.ingestPaths(paths);
    close = async () => {
      await search.close();
      await store.close();
    };
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await ingest([path.join(dir, "files")]);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await close();
  const result: ChildResult = {
    files: report.files,
    added: report.added,
    duplicates: report.duplicates,
    workers: report.workers,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    timings: { ...report.timings },
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const i = process.argv.indexOf("--child");
  if (i > 0) {
    const mode = process.argv[i + 2] as Mode;
    if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}; one of ${MODES.join(", ")}`);
    await child(process.argv[i + 1]!, mode);
  } else {
    const { standaloneOptions, printTables } = await import("./cli.js");
    printTables(await runIngestBench(standaloneOptions(process.argv.slice(2), [1000, 10000])), false);
  }
}
