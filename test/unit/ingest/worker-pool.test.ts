/**
 * Files prepared on worker threads give exactly what the main thread gives: statuses, ids,
 * topics, summaries, stored records and errors. Failures in a worker fail their file only.
 */
import fs from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Article } from "../../../src/domain/article.js";
import {
  createIngestService,
  type IngestDeps,
  type IngestReport,
} from "../../../src/ingest/ingest-service.js";
import { type Analyzer, createAnalyzer } from "../../../src/nlp/index.js";
import { openSearchIndex } from "../../../src/search/index.js";
import { createArticleRepo } from "../../../src/store/article-repo.js";
import { openStore } from "../../../src/store/keyv-store.js";
import { createMetaRepo } from "../../../src/store/meta-repo.js";
import { SEED_FILE } from "../../helpers/services.js";
import { tmpDir } from "../../helpers/tmp.js";

const FAILING = new URL("./fixtures/failing-analyzer.ts", import.meta.url).href;
const NOW = new Date("2025-11-10T12:00:00Z");

let files: { dir: string; cleanup: () => void };
const closers: (() => Promise<void>)[] = [];

beforeEach(() => {
  files = tmpDir("briefly-workers-");
});
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  files.cleanup();
});

/** Seed paragraphs reassembled into JSON Lines files: new stories, a copy, an update, a bad file. */
function writeCorpus(): string {
  const dir = path.join(files.dir, "in");
  fs.mkdirSync(dir, { recursive: true });
  const paragraphs = fs
    .readFileSync(SEED_FILE, "utf8")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.split(" ").length > 12);
  const story = (i: number, k: number) => ({
    title: `Story ${i}: ${paragraphs[i % paragraphs.length]!.split(" ").slice(0, 6).join(" ")}`,
    text: Array.from({ length: k }, (_, j) => paragraphs[(i * 7 + j * 3) % paragraphs.length]).join("\n\n"),
    date: `2025-11-0${(i % 9) + 1}`,
    source: "Wire",
  });
  const lines = (xs: object[]) => `${xs.map((x) => JSON.stringify(x)).join("\n")}\n`;
  fs.writeFileSync(path.join(dir, "a.jsonl"), lines(Array.from({ length: 12 }, (_, i) => story(i, 4))));
  fs.writeFileSync(
    path.join(dir, "b.jsonl"),
    lines([story(3, 4), { ...story(5, 5), title: "Copy elsewhere" }]),
  );
  fs.writeFileSync(path.join(dir, "c.json"), "[{");
  fs.writeFileSync(path.join(dir, "d.jsonl"), lines([{ ...story(2, 6) }, story(40, 3), story(41, 2)]));
  return dir;
}

/** Runs each list of paths in turn on one fresh store; the report is the last run's. */
async function ingestWith(
  runs: string[][],
  extra: Partial<IngestDeps> & { analyzer?: Analyzer },
): Promise<{ report: IngestReport; reports: IngestReport[]; stored: Article[]; logged: string[] }> {
  const { dir, cleanup } = tmpDir("briefly-store-");
  const store = await openStore({ dataDir: dir });
  const search = await openSearchIndex({ path: ":memory:" });
  closers.push(async () => {
    await search.close();
    await store.close();
    cleanup();
  });
  const logged: string[] = [];
  const logger = pino({ level: "error" }, { write: (line: string) => logged.push(line) });
  const articles = createArticleRepo(store);
  const service = createIngestService({
    articles,
    meta: createMetaRepo(store),
    search,
    analyzer: createAnalyzer({ curated: [] }),
    clock: () => NOW,
    logger,
    ...extra,
  });
  const reports: IngestReport[] = [];
  for (const paths of runs) reports.push(await service.ingestPaths(paths, { collectArticles: true }));
  const stored: Article[] = [];
  for await (const a of articles.all()) stored.push(a);
  stored.sort((x, y) => x.id.localeCompare(y.id));
  return { report: reports[reports.length - 1]!, reports, stored, logged };
}

const comparable = ({ ms: _ms, timings: _t, workers: _w, ...rest }: IngestReport) => rest;

describe("preparing files on worker threads", () => {
  it("gives the same report and the same stored articles as the main thread", async () => {
    const dir = writeCorpus();
    const runs = [
      [SEED_FILE, dir],
      [SEED_FILE, path.join(dir, "d.jsonl")],
    ];
    const inline = await ingestWith(runs, { workers: 0 });
    const threads = await ingestWith(runs, { workers: 2 });
    expect(inline.report.workers).toBe(0);
    expect(threads.report.workers).toBe(2);
    expect(threads.reports.map(comparable)).toEqual(inline.reports.map(comparable));
    expect(threads.stored).toEqual(inline.stored);
    // The corpus exercises every status and a failure, so the comparison means something.
    const [first, second] = inline.reports;
    expect(first).toMatchObject({ files: 5, failed: 1 });
    expect(first!.added).toBeGreaterThan(10);
    expect(first!.updated).toBeGreaterThan(0);
    expect(first!.duplicates).toBeGreaterThan(0);
    expect(second).toMatchObject({ files: 2, unchanged: 7, added: 0 });
    expect(inline.stored.filter((a) => a.topics.length > 0 && a.summary.length > 0).length).toBeGreaterThan(
      10,
    );
  }, 90_000);

  it("fails only the file whose analysis throws, with the reason, on a worker as on the main thread", async () => {
    const dir = writeCorpus();
    fs.writeFileSync(
      path.join(dir, "b.jsonl"),
      `${JSON.stringify({ title: "BOOM goes the parser", text: "A perfectly ordinary story about trains and their timetables." })}\n`,
    );
    const { createAnalyzer: createFailing } = (await import(FAILING)) as {
      createAnalyzer: typeof createAnalyzer;
    };
    const recipe = { module: FAILING, options: { curated: [] } };
    const analyzer = createFailing({ curated: [] });
    const inline = await ingestWith([[dir]], { workers: 0, analyzer });
    const threads = await ingestWith([[dir]], { workers: 1, analyzer, workerAnalyzer: recipe });
    for (const run of [inline, threads]) {
      const failure = run.report.errors.find((e) => e.file.endsWith("b.jsonl"));
      expect(failure?.message).toBe('could not be analysed: cannot analyse "BOOM goes the parser"');
      expect(run.report.failed).toBe(2);
      expect(run.logged.some((l) => l.includes("cannot analyse"))).toBe(true);
    }
    expect(comparable(threads.report)).toEqual(comparable(inline.report));
  }, 90_000);

  it("fails the file a worker died on, replaces the worker and loads the rest", async () => {
    const dir = writeCorpus();
    fs.writeFileSync(
      path.join(dir, "b.jsonl"),
      `${JSON.stringify({ title: "EXIT stage left", text: "A story whose analysis ends the thread it runs on." })}\n`,
    );
    const recipe = { module: FAILING, options: { curated: [] } };
    const run = await ingestWith([[dir]], { workers: 1, workerAnalyzer: recipe });
    expect(run.report.errors.map((e) => [path.basename(e.file), e.message])).toEqual([
      ["b.jsonl", "could not be prepared: the worker thread failed"],
      ["c.json", expect.stringMatching(/JSON/)],
    ]);
    expect(run.report.added).toBeGreaterThan(10);
    expect(run.logged.some((l) => l.includes("exited with code 3"))).toBe(true);
  }, 90_000);

  it("fails each file with a clear message when the workers cannot build an analyzer, and finishes", async () => {
    const dir = writeCorpus();
    const missing = new URL("./fixtures/no-such-analyzer.ts", import.meta.url).href;
    const run = await ingestWith([[dir]], { workers: 1, workerAnalyzer: { module: missing, options: null } });
    expect(run.report).toMatchObject({ files: 4, failed: 4, added: 0 });
    for (const e of run.report.errors)
      expect(e.message).toMatch(/^could not be prepared: the language stage did not load/);
    expect(run.stored).toEqual([]);
  }, 90_000);
});
