/**
 * The ingest service: read → parse → normalise → analyse → dedupe → persist → index.
 * A file is loaded all or nothing: everything that can fail (reading, parsing, analysis,
 * validation) happens before the first write, so a bad file stores nothing and the others go on.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Article, ParsedArticle } from "../domain/article.js";
import { bodyText } from "../domain/article.js";
import type { Logger } from "../logger.js";
import type { Analyzer } from "../nlp/index.js";
import type { SearchIndex } from "../search/index.js";
import type { ArticleFingerprint, ArticleRepo } from "../store/article-repo.js";
import type { MetaRepo } from "../store/meta-repo.js";
import { DedupeIndex } from "./dedupe.js";
import { describeFsError, expandPaths } from "./expand-paths.js";
import { articleId, contentHash, simhash } from "./fingerprint.js";
import { ContentError, parseContent } from "./parse/index.js";
import { type ArticleStatus, emptyReport, type IngestReport, type StageTimings } from "./report.js";
import { readSidecar } from "./sidecar.js";

export type { ArticleStatus, IngestReport } from "./report.js";

/** Files larger than this are refused with a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

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
      let changed = 0;
      // Writes of file N run (in SQLite's thread pool) while file N+1 is parsed and analysed.
      let writing: Promise<void> = Promise.resolve();
      for (const [i, entry] of entries.entries()) {
        report.files++;
        if ("error" in entry) {
          fail(report, entry.file, null, entry.error);
        } else {
          const result = await ingestFile(entry.file, options, index, report.timings, report.warnings, deps);
          await writing;
          if (result.ok) {
            writing = commit(result.staged, entry.file, options, index, report, deps).then((n) => {
              changed += n;
            });
          } else {
            fail(report, entry.file, result.line, result.message);
          }
        }
        options.onProgress?.(i + 1, entries.length, entry.file);
      }
      await writing;
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
          ms: Math.round(report.ms),
        },
        "ingest finished",
      );
      return report;
    },
  };
}

type Staged = {
  article: Article;
  status: ArticleStatus;
  reportId: string;
  /** The fingerprint this article replaced in the dedupe index, restored if the write fails. */
  previous?: ArticleFingerprint;
};
type FileResult = { ok: true; staged: Staged[] } | { ok: false; line: number | null; message: string };

async function ingestFile(
  file: string,
  options: IngestOptions,
  index: DedupeIndex,
  timings: StageTimings,
  warnings: IngestReport["warnings"],
  deps: IngestDeps,
): Promise<FileResult> {
  let t = performance.now();
  const lap = (stage: keyof StageTimings) => {
    const now = performance.now();
    timings[stage] += now - t;
    t = now;
  };
  let bytes: Uint8Array;
  let mtime: Date;
  let sidecar: Awaited<ReturnType<typeof readSidecar>>;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) {
      return {
        ok: false,
        line: null,
        message: `file is ${(stat.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB — split it`,
      };
    }
    bytes = await fs.readFile(file);
    mtime = stat.mtime;
    sidecar = await readSidecar(file);
  } catch (error) {
    return {
      ok: false,
      line: null,
      message: error instanceof Error && !("code" in error) ? error.message : describeFsError(error),
    };
  }
  lap("read");
  let parsed: ReturnType<typeof parseContent>;
  try {
    parsed = parseContent({ bytes, fileName: file });
  } catch (error) {
    if (error instanceof ContentError) return { ok: false, line: error.line, message: error.message };
    deps.logger.error({ err: error, file }, "parser crashed");
    return { ok: false, line: null, message: `could not be parsed: ${(error as Error).message}` };
  }
  for (const w of parsed.warnings) warnings.push({ file, line: w.line, message: w.message });
  lap("parse");
  const defaults = {
    source: sidecar?.source ?? options.source ?? null,
    published: dayToIso(sidecar?.date ?? options.date) ?? mtime.toISOString(),
  };
  const ingestedAt = deps.clock().toISOString();
  // One spelling per file ("./a.txt", "a.txt", "/abs/a.txt"), so reloading a file is "unchanged".
  const origin = { file: path.relative(process.cwd(), path.resolve(file)), format: parsed.format };
  const articles: Article[] = [];
  for (const p of parsed.articles) {
    const analysis = deps.analyzer.analyze({ title: p.title, blocks: p.blocks, caption: p.caption });
    articles.push(toArticle(p, analysis, defaults, origin, ingestedAt));
  }
  lap("analyze");
  const staged = articles.map((article) => {
    const s = classify(article, index);
    // Staged now, so the next file (classified while this one is written) sees these articles.
    if (s.status === "added" || s.status === "updated") {
      s.previous = index.get(article.id);
      index.add({
        id: article.id,
        contentHash: article.contentHash,
        simhash: article.simhash,
        file: article.origin.file,
      });
    }
    return s;
  });
  lap("dedupe");
  return { ok: true, staged };
}

function toArticle(
  p: ParsedArticle,
  analysis: ReturnType<Analyzer["analyze"]>,
  defaults: { source: string | null; published: string },
  origin: Article["origin"],
  ingestedAt: string,
): Article {
  const source = p.source ?? defaults.source;
  const body = bodyText(p);
  return {
    ...p,
    ...analysis,
    source,
    published: p.published ?? defaults.published,
    id: articleId({ url: p.url, source, title: p.title }),
    contentHash: contentHash(p.title, body),
    simhash: simhash(body),
    origin,
    ingestedAt,
  };
}

/** Decide what an article is relative to what is stored (and staged earlier in this run). */
function classify(article: Article, index: DedupeIndex): Staged {
  const existing = index.get(article.id);
  if (existing) {
    if (existing.contentHash !== article.contentHash)
      return { article, status: "updated", reportId: article.id };
    return {
      article,
      status: existing.file === article.origin.file ? "unchanged" : "duplicate",
      reportId: article.id,
    };
  }
  const duplicateOf = index.findDuplicate(article, article.id);
  if (duplicateOf) return { article, status: "duplicate", reportId: duplicateOf };
  return { article, status: "added", reportId: article.id };
}

async function commit(
  staged: Staged[],
  file: string,
  options: IngestOptions,
  index: DedupeIndex,
  report: IngestReport,
  deps: IngestDeps,
): Promise<number> {
  const toStore = staged.filter((s) => s.status === "added" || s.status === "updated").map((s) => s.article);
  if (!options.dryRun && toStore.length > 0) {
    const t = performance.now();
    try {
      await deps.articles.putMany(toStore);
      report.timings.persist += performance.now() - t;
      const t2 = performance.now();
      await deps.search.upsert(
        toStore.map((a) => ({
          id: a.id,
          title: a.title,
          body: bodyText(a),
          topics: a.topics,
          published: a.published,
        })),
      );
      report.timings.index += performance.now() - t2;
    } catch (error) {
      deps.logger.error({ err: error, file }, "could not store articles");
      fail(report, file, null, `could not be stored: ${(error as Error).message}`);
      unstage(staged, index);
      return 0;
    }
    deps.onStored?.(toStore);
  }
  // In a dry run the dedupe index keeps what was staged, so duplicates across files of one run are reported.
  for (const s of staged) {
    const counter = s.status === "duplicate" ? "duplicates" : s.status;
    report[counter]++;
    if (options.collectArticles) {
      const a = s.article;
      report.articles.push({
        id: s.reportId,
        title: a.title,
        published: a.published,
        source: a.source,
        topics: a.topics.map((t) => t.name),
        summary: a.summary,
        status: s.status,
      });
    }
  }
  return toStore.length;
}

/** Take a failed file's articles back out of the dedupe index (restoring what they replaced). */
function unstage(staged: Staged[], index: DedupeIndex): void {
  for (const s of staged) {
    if (s.status !== "added" && s.status !== "updated") continue;
    index.remove(s.article.id);
    if (s.previous) index.add(s.previous);
  }
}

function fail(report: IngestReport, file: string, line: number | null, message: string): void {
  report.failed++;
  report.errors.push({ file, line, message });
}

function dayToIso(day: string | undefined): string | null {
  return day ? `${day}T00:00:00.000Z` : null;
}
