/**
 * Benchmark corpora from the BBC News Summary set: the 2,225 real articles, and beyond that
 * perturbed variants (paragraphs of two articles interleaved, some sentences dropped, dates
 * spread over 30 days) so that larger corpora are not just exact copies.
 */
import fs from "node:fs";
import path from "node:path";

export interface CorpusArticle {
  id: string;
  title: string;
  text: string;
  /** ISO day. */
  date: string;
}

/** Read `{title, article}` objects from a JSONL file. Throws a clear Error when the dataset is missing. */
export function readDataset(file: string): { title: string; article: string }[] {
  if (!fs.existsSync(file)) {
    throw new Error(
      `dataset not found: ${file} (pass --dataset PATH to a JSONL file of {"title","article"} objects)`,
    );
  }
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { title: string; article: string });
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Build `size` articles: the originals first, then perturbed mixes. */
export function* buildCorpus(
  base: { title: string; article: string }[],
  size: number,
): Generator<CorpusArticle> {
  const random = rng(42);
  const day = (i: number) => new Date(Date.UTC(2025, 10, 1 + (i % 30))).toISOString().slice(0, 10);
  for (let i = 0; i < size; i++) {
    const a = base[i % base.length]!;
    if (i < base.length) {
      yield { id: `bbc-${i}`, title: a.title, text: a.article, date: day(i) };
      continue;
    }
    const b = base[Math.floor(random() * base.length)]!;
    const paras = [...paragraphs(a.article), ...paragraphs(b.article)]
      .filter(() => random() > 0.3)
      .sort(() => random() - 0.5);
    const round = Math.floor(i / base.length);
    yield {
      id: `bbc-${i}`,
      title: `${a.title} (${round}.${i % base.length})`,
      text: (paras.length ? paras : paragraphs(a.article)).join("\n\n"),
      date: day(i),
    };
  }
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Articles per JSONL file of a written corpus. */
export const CORPUS_FILE_SIZE = 500;

/** Write `size` corpus articles into `dir` as JSONL files of {@link CORPUS_FILE_SIZE} lines. */
export function writeCorpusFiles(
  base: { title: string; article: string }[],
  size: number,
  dir: string,
): void {
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
    if (lines.length === CORPUS_FILE_SIZE) flush();
  }
  flush();
}
