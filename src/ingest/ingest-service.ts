/**
 * The ingest service: read → parse → normalise → analyse → dedupe → persist → index.
 * A file is loaded all or nothing: everything that can fail (reading, parsing, analysis,
 * validation) happens before the first write, so a bad file stores nothing and the others go on.
 *
 * Throughput: files are prepared (read, parsed, analysed, fingerprinted) ahead of time, on
 * worker threads for large runs; the main thread classifies them in file order against the
 * dedupe index and writes file N while file N+1 is classified. Results do not depend on how
 * many workers ran: classification is sequential, in file order.
 */
import path from "node:path";
import type { Article } from "../domain/article.js";
import type { Logger } from "../logger.js";
import type { Analyzer } from "../nlp/index.js";
import type { SearchIndex } from "../search/index.js";
import type { ArticleRepo } from "../store/article-repo.js";
import type { MetaRepo } from "../store/meta-repo.js";
import { DedupeIndex } from "./dedupe.js";
import { expandPaths } from "./expand-paths.js";
import { defaultRecipe, planPreparation } from "./preparation.js";
import type { PreparedFile } from "./prepare.js";
import { emptyReport, type IngestReport } from "./report.js";
import { commitFile, stageArticles } from "./stage.js";
import type { AnalyzerRecipe } from "./worker-pool.js";

export { WORKER_MIN_SECONDS } from "./preparation.js";
export { MAX_FILE_BYTES } from "./prepare.js";
export type { ArticleStatus, IngestReport } from "./report.js";
export type { AnalyzerRecipe } from "./worker-pool.js";

export interface IngestOptions {
  /** Parse and report, store nothing. */
  dryRun?: boolean;
  /** Default source for files that do not name one. */
  source?: string;
  /** Default publication day (YYYY-MM-DD) for files that do not give one. */
  date?: string;
  /** Keep every article's line in the report (for --json). Off keeps memory flat on huge runs. */
  collectArticles?: boolean;
  /** Called after each file. */
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface IngestDeps {
  articles: ArticleRepo;
  meta: MetaRepo;
  search: SearchIndex;
  analyzer: Analyzer;
  clock: () => Date;
  logger: Logger;
  /** Told about every stored article (e.g. to add its topics to the topic directory). */
  onStored?: (articles: readonly Article[]) => void;
  /**
   * Worker threads that prepare files (read, parse, language stage, fingerprints). 0 keeps
   * everything on the main thread. Default: decided per run from its first file (see
   * preparation.ts): one per CPU core, at most 4, when preparing is slow (the language stage)
   * and the rest would keep the main thread busy for {@link WORKER_MIN_SECONDS}+; a number set
   * here is used for every run.
   * Workers build their own analyzer (see `workerAnalyzer`); without a recipe, files are
   * prepared on the main thread.
   */
  workers?: number;
  /**
   * How a worker builds an analyzer that gives the same results as `analyzer`. Default: when
   * `analyzer` came from createAnalyzer, that function with the same options.
   */
  workerAnalyzer?: AnalyzerRecipe;
}

export interface IngestService {
  /** Load files, folders (recursive) and globs. Never throws for bad content: failures are in the report. */
  ingestPaths(paths: readonly string[], options?: IngestOptions): Promise<IngestReport>;
}

/** Create the ingest service. The dedupe index is built from stored fingerprints on first use. */
export function createIngestService(deps: IngestDeps): IngestService {
  let dedupe: DedupeIndex | undefined;
  const loadDedupe = async () => {
    if (dedupe) return dedupe;
    const index = new DedupeIndex();
    for await (const print of deps.articles.fingerprints()) index.add(print);
    dedupe = index;
    return index;
  };

  return {
    async ingestPaths(paths, options = {}) {
      const started = performance.now();
      const report = emptyReport();
      const index = await loadDedupe();
      const entries = await expandPaths(paths);
      const meta = await deps.meta.get();
      const prepared = planPreparation({
        entries,
        jobFor: (file) => ({
          file,
          // One spelling per file ("./a.txt", "a.txt", "/abs/a.txt"), so reloading a file is "unchanged".
          originFile: path.relative(process.cwd(), path.resolve(file)),
          source: options.source,
          date: options.date,
          ingestedAt: deps.clock().toISOString(),
        }),
        analyzer: deps.analyzer,
        recipe: deps.workerAnalyzer ?? defaultRecipe(deps.analyzer),
        workers: deps.workers,
      });
      let changed = 0;
      try {
        // Writes of file N run (in SQLite's thread pool) while file N+1 is classified.
        let writing: Promise<void> = Promise.resolve();
        for (const [i, entry] of entries.entries()) {
          report.files++;
          if ("error" in entry) {
            fail(report, entry.file, null, entry.error);
          } else {
            const waited = performance.now();
            const result = await prepared.take(i);
            report.timings.wait += performance.now() - waited;
            for (const [stage, ms] of Object.entries(result.timings)) report.timings[stage as Stage] += ms;
            const t = performance.now();
            const staged = result.ok ? stageArticles(result.articles, index) : [];
            report.timings.dedupe += performance.now() - t;
            await writing;
            if (result.ok) {
              for (const w of result.warnings) report.warnings.push({ file: entry.file, ...w });
              writing = commitFile(staged, {
                file: entry.file,
                dryRun: options.dryRun ?? false,
                collectArticles: options.collectArticles ?? false,
                index,
                report,
                articles: deps.articles,
                search: deps.search,
                logger: deps.logger,
                onStored: deps.onStored,
              }).then((n) => {
                changed += n;
              });
            } else {
              if (result.crash) deps.logger.error({ file: entry.file, stack: result.crash }, result.message);
              fail(report, entry.file, result.line, result.message);
            }
          }
          options.onProgress?.(i + 1, entries.length, entry.file);
        }
        await writing;
      } finally {
        report.workers = prepared.workers;
        await prepared.close();
      }
      if (!options.dryRun && (changed > 0 || report.files > 0)) {
        meta.articleCount += report.added;
        if (changed > 0) meta.changeStamp += 1;
        meta.lastIngest = {
          at: deps.clock().toISOString(),
          added: report.added,
          updated: report.updated,
          failed: report.failed,
        };
        if (changed > 0) await deps.search.setStamp(String(meta.changeStamp));
        await deps.meta.put(meta);
      }
      report.ms = performance.now() - started;
      deps.logger.info(
        {
          files: report.files,
          added: report.added,
          updated: report.updated,
          failed: report.failed,
          workers: report.workers,
          ms: Math.round(report.ms),
        },
        "ingest finished",
      );
      return report;
    },
  };
}

type Stage = keyof PreparedFile["timings"];

function fail(report: IngestReport, file: string, line: number | null, message: string): void {
  report.failed++;
  report.errors.push({ file, line, message });
}
