/** The loader's report: the exact shape `npm run ingest -- --json` prints (INTERFACES.md), plus timings. */

export type ArticleStatus = "added" | "updated" | "unchanged" | "duplicate";

/**
 * Milliseconds spent in each stage, summed over files. read, parse, analyze and fingerprint run
 * on worker threads in large runs (then they add up the workers' time, not wall time); wait is
 * the main thread waiting for a file to be prepared; persist and index overlap the next file.
 */
export interface StageTimings {
  read: number;
  parse: number;
  analyze: number;
  fingerprint: number;
  wait: number;
  dedupe: number;
  persist: number;
  index: number;
}

export interface IngestReport {
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  failed: number;
  errors: { file: string; line: number | null; message: string }[];
  /** Problems that did not fail their file (e.g. a broken item in a feed whose other items loaded). */
  warnings: { file: string; line: number | null; message: string }[];
  articles: {
    id: string;
    title: string;
    published: string | null;
    source: string | null;
    topics: string[];
    summary: string[];
    status: ArticleStatus;
  }[];
  /** Wall time of the whole run. */
  ms: number;
  /** Worker threads that prepared the files (0: all on the main thread). */
  workers: number;
  timings: StageTimings;
}

/** A report with all counters at zero. */
export function emptyReport(): IngestReport {
  return {
    files: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    failed: 0,
    errors: [],
    warnings: [],
    articles: [],
    ms: 0,
    workers: 0,
    timings: { read: 0, parse: 0, analyze: 0, fingerprint: 0, wait: 0, dedupe: 0, persist: 0, index: 0 },
  };
}
