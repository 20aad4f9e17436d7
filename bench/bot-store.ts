/**
 * The bot benchmark's article store: `size` BBC-derived articles (bench/corpus.ts) ingested
 * through the real ingest service into an embedded store under the work dir. Building 100k
 * takes minutes, so it is built once, in a child process (the bot process then starts clean),
 * and reused by later runs until `rebuild` is asked for or the size or dataset differ.
 * Build by hand: npx tsx bench/bot-store.ts [--size 100000] [--dataset PATH] [--work-dir DIR] [--rebuild]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { openServices, type Services } from "../src/services/container.js";
import { CORPUS_FILE_SIZE as FILE_SIZE, readDataset, writeCorpusFiles } from "./corpus.js";

/** The instant the store is built and read at: just after the corpus's month (November 2025). */
export const BOT_BENCH_NOW = new Date("2025-12-01T08:00:00.000Z");
/** Bump when the way the store is built changes, so old stores are rebuilt. */
const STORE_VERSION = 1;
const MANIFEST = "store.json";

/** What a finished build records next to the data. */
export interface BotStoreInfo {
  version: number;
  /** Corpus articles fed to the ingest service. */
  size: number;
  dataset: string;
  /** Articles stored (near-duplicates in the perturbed corpus are dropped). */
  articles: number;
  buildSeconds: number;
  /** The folder holding `data/` (DATA_DIR). */
  dir: string;
  /** False when this run built it. */
  reused: boolean;
}

/** Where and what to build. */
export interface BotStoreOptions {
  dataset: string;
  workDir: string;
  size: number;
  /** Build afresh even when a matching store exists. */
  rebuild?: boolean;
  /** Progress lines (building takes minutes). */
  log?: (line: string) => void;
}

/** Return the store for `size` articles, building it first when there is none (or `rebuild`). */
export function ensureBotStore(opts: BotStoreOptions): BotStoreInfo {
  const dir = path.join(opts.workDir, `bot-store-v${STORE_VERSION}-${opts.size}`);
  const dataset = path.resolve(opts.dataset);
  const known = readManifest(dir);
  if (!opts.rebuild && known && known.size === opts.size && known.dataset === dataset) {
    return { ...known, dir, reused: true };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  opts.log?.(`bot bench: building a store of ${opts.size} articles in ${dir} (once; reused later)…`);
  execFileSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--child", dir, String(opts.size), dataset],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const built = readManifest(dir);
  if (!built) throw new Error(`building the bot bench store in ${dir} failed (no ${MANIFEST} written)`);
  return { ...built, dir, reused: false };
}

/** Open the services over a built store, with the bench's fixed clock. */
export function openBotStore(info: BotStoreInfo): Promise<Services> {
  return openServices(storeConfig(info.dir), {
    logger: pino({ level: "silent" }),
    clock: () => BOT_BENCH_NOW,
  });
}

function storeConfig(dir: string) {
  // No CONTENT_DIR topics.json: the corpus is BBC news, the curated topics are not about it.
  return { dataDir: path.join(dir, "data"), storeUrl: undefined, contentDir: path.join(dir, "no-content") };
}

function readManifest(dir: string): Omit<BotStoreInfo, "dir" | "reused"> | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) as Omit<
      BotStoreInfo,
      "dir" | "reused"
    >;
    return m.version === STORE_VERSION ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Child: write the corpus as JSONL files, ingest them, write the manifest last. */
async function build(dir: string, size: number, dataset: string): Promise<void> {
  const started = performance.now();
  const files = path.join(dir, "files");
  writeCorpusFiles(readDataset(dataset), size, files);
  const services = await openServices(storeConfig(dir), {
    logger: pino({ level: "warn" }, pino.destination(2)),
    clock: () => BOT_BENCH_NOW,
  });
  const total = Math.ceil(size / FILE_SIZE);
  const report = await services.ingest.ingestPaths([files], {
    onProgress: (done) => {
      if (done % 20 === 0 || done === total)
        process.stderr.write(
          `bot bench store: ${done}/${total} files, ${Math.round((performance.now() - started) / 1000)} s\n`,
        );
    },
  });
  await services.close();
  fs.rmSync(files, { recursive: true, force: true });
  if (report.failed > 0) throw new Error(`${report.failed} corpus files failed to load`);
  const manifest: Omit<BotStoreInfo, "dir" | "reused"> = {
    version: STORE_VERSION,
    size,
    dataset,
    articles: report.added + report.updated + report.unchanged,
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const i = process.argv.indexOf("--child");
  if (i > 0) {
    const [dir, size, dataset] = process.argv.slice(i + 1);
    await build(dir!, Number(size), dataset!);
  } else {
    const { DEFAULT_DATASET } = await import("./cli.js");
    const { values } = parseArgs({
      options: {
        size: { type: "string", default: "100000" },
        dataset: { type: "string", default: DEFAULT_DATASET },
        "work-dir": {
          type: "string",
          default: path.join((await import("node:os")).tmpdir(), "briefly-bench"),
        },
        rebuild: { type: "boolean", default: false },
      },
    });
    const info = ensureBotStore({
      size: Number(values.size),
      dataset: values.dataset,
      workDir: values["work-dir"],
      rebuild: values.rebuild,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(info, null, 2)}\n`);
  }
}
