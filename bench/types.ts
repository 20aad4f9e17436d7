/** A table printed by `npm run bench` (and emitted as JSON with `--json`). */
export interface BenchTable {
  /** e.g. "ingest", "search: query latency". */
  name: string;
  columns: string[];
  rows: (string | number)[][];
  /** Free-text notes printed under the table (how it was measured). */
  notes?: string[];
}

/** Options every bench module receives from scripts/bench.ts. */
export interface BenchOptions {
  /** Path of ../shared/datasets/bbc-news-summary/pairs.jsonl (or another JSONL of {title, article}). */
  dataset: string;
  /** Corpus sizes to run, e.g. [1000, 10000, 100000]. */
  sizes: number[];
  /** A scratch folder the bench may write to. */
  workDir: string;
}
