/**
 * Ingest benchmark: read → parse → normalise → analyse → dedupe → persist → index, end to end
 * through the real ingest service on a fresh embedded store, at each corpus size. Each size runs
 * in its own child process so peak RSS is that size's alone.
 * Standalone: npx tsx bench/ingest.ts [--sizes 1000,10000] [--dataset PATH]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { openServices } from "../src/services/container.js";
import { buildCorpus, readDataset } from "./corpus.js";
import type { BenchOptions, BenchTable } from "./types.js";

const FILE_SIZE = 500;

interface ChildResult {
  size: number;
  files: number;
  added: number;
  duplicates: number;
  seconds: number;
  timings: Record<string, number>;
  maxRssMb: number;
}

/** Run the ingest benchmark at every size. */
export async function runIngestBench(opts: BenchOptions): Promise<BenchTable[]> {
  const base = readDataset(opts.dataset);
  const results: ChildResult[] = [];
  for (const size of opts.sizes) {
    const dir = path.join(opts.workDir, `ingest-${size}`);
    fs.rmSync(dir, { recursive: true, force: true });
    writeCorpusFiles(base, size, path.join(dir, "files"));
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", dir],
      {
        encoding: "utf8",
        maxBuffer: 1 << 20,
      },
    );
    results.push({ ...(JSON.parse(out.trim().split("\n").pop()!) as ChildResult), size });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rate = (n: number, ms: number) => (ms > 0 ? Math.round(n / (ms / 1000)) : 0);
  return [
    {
      name: "ingest (end to end, fresh embedded store)",
      columns: [
        "articles",
        "files",
        "stored",
        "dup",
        "total s",
        "total art/s",
        "w/o language art/s",
        "language art/s",
        "language share",
        "peak RSS MB",
      ],
      rows: results.map((r) => {
        const language = r.timings.analyze ?? 0;
        // Writes overlap the next file's parsing, so "the rest" is the wall time the language stage did not use.
        const rest = r.seconds * 1000 - language;
        return [
          r.size,
          r.files,
          r.added,
          r.duplicates,
          r.seconds.toFixed(1),
          Math.round(r.size / r.seconds),
          rate(r.size, rest),
          rate(r.size, language),
          `${Math.round((100 * language) / (language + rest))}%`,
          r.maxRssMb,
        ];
      }),
      notes: [
        `JSONL files of ${FILE_SIZE} articles built from ${opts.dataset}; beyond ${base.length} articles, perturbed mixes of two articles.`,
        "'w/o language' = articles / (wall time − language time): read, parse, normalise, dedupe, persist (Keyv/SQLite) and index; 'language' = sentences, topics, summary (time in analyze()).",
        "persist and index run while the next file is parsed, so their stage times below overlap other stages.",
        "stage times: " +
          results
            .map(
              (r) =>
                `${r.size}: ${Object.entries(r.timings)
                  .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
                  .join(", ")}`,
            )
            .join(" | "),
      ],
    },
  ];
}

function writeCorpusFiles(base: { title: string; article: string }[], size: number, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  let lines: string[] = [];
  let n = 0;
  const flush = () => {
    if (lines.length === 0) return;
    fs.writeFileSync(path.join(dir, `part-${String(n++).padStart(5, "0")}.jsonl`), `${lines.join("\n")}\n`);
    lines = [];
  };
  for (const a of buildCorpus(base, size)) {
    lines.push(JSON.stringify({ title: a.title, text: a.text, date: a.date, source: "BBC" }));
    if (lines.length === FILE_SIZE) flush();
  }
  flush();
}

async function child(dir: string): Promise<void> {
  const logger = pino({ level: "silent" });
  const services = await openServices(
    { dataDir: path.join(dir, "data"), storeUrl: undefined, contentDir: path.join(dir, "no-content") },
    { logger, clock: () => new Date() },
  );
  const started = performance.now();
  const report = await services.ingest.ingestPaths([path.join(dir, "files")]);
  const seconds = (performance.now() - started) / 1000;
  await services.close();
  const result = {
    files: report.files,
    added: report.added,
    duplicates: report.duplicates,
    seconds,
    timings: report.timings,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const i = process.argv.indexOf("--child");
  if (i > 0) {
    await child(process.argv[i + 1]!);
  } else {
    const { standaloneOptions, printTables } = await import("./cli.js");
    printTables(await runIngestBench(standaloneOptions(process.argv.slice(2), [1000, 10000])), false);
  }
}
