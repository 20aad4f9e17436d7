/**
 * Everything the loader does to one file before it looks at the store: read it (and its
 * sidecar), parse, run the language stage, fingerprint. No shared state, so it runs the same on
 * the main thread or on a worker thread (see worker-pool.ts); the result is plain data.
 */
import fs from "node:fs/promises";
import type { Article, ArticleAnalysis, ParsedArticle } from "../domain/article.js";
import { bodyText } from "../domain/article.js";
import type { Analyzer } from "../nlp/index.js";
import { describeFsError } from "./expand-paths.js";
import { articleId, fingerprints } from "./fingerprint.js";
import { ContentError, type ParseIssue, parseContent } from "./parse/index.js";
import { readSidecar } from "./sidecar.js";

/** Files larger than this are refused with a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Longest stretch of preparation without a break, in ms. On the main thread, writes of the
 * previous file run in SQLite's threads but need this thread for a moment between statements;
 * without breaks they would wait for the whole file and preparing and writing would alternate
 * instead of overlapping.
 */
export const SLICE_MS = 4;

/** Let queued callbacks (finished SQLite statements) run before going on. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** One file to prepare, with everything decided on the main thread. */
export interface PrepareJob {
  /** The file as the loader found it (read from here). */
  file: string;
  /** How `origin.file` spells it: one spelling per file, so a reload is "unchanged". */
  originFile: string;
  /** Default source for articles the file and its sidecar do not name one for. */
  source?: string | undefined;
  /** Default publication day (YYYY-MM-DD) for articles that give none. */
  date?: string | undefined;
  /** `ingestedAt` of every article of the file (ISO-8601). */
  ingestedAt: string;
}

/** Milliseconds one file spent in each stage of preparation. */
export interface PrepareTimings {
  read: number;
  parse: number;
  analyze: number;
  fingerprint: number;
}

/** A prepared file: its articles in file order, or why the whole file fails. */
export type PreparedFile =
  | { ok: true; articles: Article[]; warnings: ParseIssue[]; timings: PrepareTimings }
  | {
      ok: false;
      line: number | null;
      message: string;
      /** Set when code crashed (not bad content): the stack, for the log. */
      crash?: string;
      /** The worker thread preparing it ran out of memory: the main thread may still manage. */
      outOfMemory?: boolean;
      timings: PrepareTimings;
    };

/** Read, parse, analyse and fingerprint one file. Never throws: failures come back as `ok: false`. */
export async function prepareFile(job: PrepareJob, analyzer: Analyzer): Promise<PreparedFile> {
  const timings: PrepareTimings = { read: 0, parse: 0, analyze: 0, fingerprint: 0 };
  let t = performance.now();
  const lap = (stage: keyof PrepareTimings) => {
    const now = performance.now();
    timings[stage] += now - t;
    t = now;
  };
  const fail = (line: number | null, message: string, crash?: unknown): PreparedFile => ({
    ok: false,
    line,
    message,
    ...(crash === undefined ? {} : { crash: (crash as Error)?.stack ?? String(crash) }),
    timings,
  });

  let bytes: Uint8Array;
  let mtime: Date;
  let sidecar: Awaited<ReturnType<typeof readSidecar>>;
  try {
    const stat = await fs.stat(job.file);
    if (stat.size > MAX_FILE_BYTES) {
      const mb = (stat.size / 1048576).toFixed(0);
      return fail(null, `file is ${mb} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB — split it`);
    }
    bytes = await fs.readFile(job.file);
    mtime = stat.mtime;
    sidecar = await readSidecar(job.file);
  } catch (error) {
    return fail(null, error instanceof Error && !("code" in error) ? error.message : describeFsError(error));
  }
  lap("read");

  let parsed: ReturnType<typeof parseContent>;
  try {
    parsed = parseContent({ bytes, fileName: job.file });
  } catch (error) {
    if (error instanceof ContentError) return fail(error.line, error.message);
    return fail(null, `could not be parsed: ${(error as Error).message}`, error);
  }
  lap("parse");

  const defaults = {
    source: sidecar?.source ?? job.source ?? null,
    published: dayToIso(sidecar?.date ?? job.date) ?? mtime.toISOString(),
  };
  const origin = { file: job.originFile, format: parsed.format };
  const articles: Article[] = [];
  try {
    // Parsing was one stretch already: break before the first article too.
    let slice = Number.NEGATIVE_INFINITY;
    for (const p of parsed.articles) {
      if (performance.now() - slice >= SLICE_MS) {
        await yieldToEventLoop();
        slice = performance.now();
      }
      t = performance.now();
      const analysis = analyzer.analyze({ title: p.title, blocks: p.blocks, caption: p.caption });
      lap("analyze");
      articles.push(toArticle(p, analysis, defaults, origin, job.ingestedAt));
      lap("fingerprint");
    }
  } catch (error) {
    return fail(null, `could not be analysed: ${(error as Error).message}`, error);
  }
  return { ok: true, articles, warnings: parsed.warnings, timings };
}

function toArticle(
  p: ParsedArticle,
  analysis: ArticleAnalysis,
  defaults: { source: string | null; published: string },
  origin: Article["origin"],
  ingestedAt: string,
): Article {
  const source = p.source ?? defaults.source;
  const prints = fingerprints(p.title, bodyText(p));
  return {
    ...p,
    ...analysis,
    source,
    published: p.published ?? defaults.published,
    id: articleId({ url: p.url, source, title: p.title }),
    contentHash: prints.contentHash,
    simhash: prints.simhash,
    origin,
    ingestedAt,
  };
}

function dayToIso(day: string | undefined): string | null {
  return day ? `${day}T00:00:00.000Z` : null;
}
