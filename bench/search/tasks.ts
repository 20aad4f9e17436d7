/**
 * What each bench child process does: build (or reuse) our index, query it, or run MiniSearch.
 * Each writes JSON lines on stdout for the parent (see child.ts).
 */
import fs from "node:fs";
import path from "node:path";
import MiniSearch from "minisearch";
import sqlite3 from "sqlite3";
import { openSearchIndex } from "../../src/search/index.js";
import type { IndexDoc } from "../../src/search/types.js";
import { benchDocs } from "./docs.js";
import { BENCH_NOW, pickTopicIds } from "./queries.js";
import { createSampleLog, measure, time } from "./timing.js";

/** A child's job. `reuse`: keep an index an earlier run built for the same size and dataset. */
export type Task =
  | { task: "build"; size: number; dataset: string; db: string; reuse: boolean }
  | { task: "query"; size: number; db: string }
  | { task: "minisearch"; size: number; dataset: string };

/** Slowest samples reported per query class. */
const SLOWEST = 5;

function emit(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const indexBytes = (db: string) =>
  ["", "-wal"].reduce((s, x) => s + (fs.statSync(db + x, { throwIfNoEntry: false })?.size ?? 0), 0);

/** What the stamp of a bench index says: which corpus it holds. */
const benchStamp = (t: { size: number; dataset: string }) => `bench:${t.size}:${path.basename(t.dataset)}`;

/** True when the file holds a complete index of this corpus (a schema change empties it). */
async function reusable(t: Extract<Task, { task: "build" }>): Promise<boolean> {
  if (!fs.existsSync(t.db)) return false;
  const index = await openSearchIndex({ path: t.db });
  const ok = (await index.getStamp()) === benchStamp(t) && (await index.count()) === t.size;
  await index.close();
  return ok;
}

async function buildTask(t: Extract<Task, { task: "build" }>): Promise<void> {
  if (t.reuse && (await reusable(t))) {
    emit({ reused: true, bytes: indexBytes(t.db), rss: rssMb() });
    return;
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(t.db + suffix, { force: true });
  const t0 = performance.now();
  const index = await openSearchIndex({ path: t.db });
  let batch: IndexDoc[] = [];
  for (const doc of benchDocs(t.dataset, t.size)) {
    batch.push(doc);
    if (batch.length === 2000) {
      await index.upsert(batch);
      batch = [];
    }
  }
  await index.upsert(batch);
  const t1 = performance.now();
  await index.setStamp(benchStamp(t));
  await index.optimize();
  await index.close();
  emit({
    buildMs: performance.now() - t0,
    optimizeMs: performance.now() - t1,
    bytes: indexBytes(t.db),
    rss: rssMb(),
  });
}

/** Plain FTS5 on the same file: every word required, exact BM25 over all matches, no repair. */
function plainFts(file: string): { search: (q: string) => Promise<string[]>; close: () => void } {
  const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
  const search = (q: string) =>
    new Promise<string[]>((resolve, reject) => {
      const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      const sql = `SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?
                   ORDER BY bm25(fts, 4, 1, 2) LIMIT 10`;
      db.all<{ id: string }>(sql, [words.map((w) => `"${w}"`).join(" ")], (err, rows) =>
        err ? reject(err) : resolve(rows.map((r) => r.id)),
      );
    });
  return { search, close: () => db.close() };
}

async function queryTask(t: Extract<Task, { task: "query" }>): Promise<void> {
  const t0 = performance.now();
  // The app passes its clock; the corpus spans November 2025.
  const index = await openSearchIndex({ path: t.db, clock: () => BENCH_NOW });
  await index.search("economy");
  emit({ ready: true, openMs: performance.now() - t0 });
  const log = createSampleLog();
  const search = async (q: string) => (await index.search(q)).hits.map((h) => h.id);
  const topicIds = pickTopicIds(await index.topicNames());
  const ours = {
    ...(await measure(search, log)),
    topics: await time("topics", topicIds, (id) => index.topicArticles(id, { limit: 10 }), log),
    trending: await time("trending", ["7 days"], () => index.trendingTopics({ now: BENCH_NOW }), log),
  };
  const rss = rssMb();
  const slowest = Object.fromEntries(
    await Promise.all(["words", "typos", "topics"].map(async (k) => [k, await log.slowest(SLOWEST, k)])),
  );
  slowest["typos 1st"] = await log.slowest(3, "typos", "firsts");
  const gc = await log.gcTotals();
  log.stop();
  const exactIndex = await openSearchIndex({
    path: t.db,
    clock: () => BENCH_NOW,
    countCap: Number.POSITIVE_INFINITY,
  });
  const exact = await measure(async (q) => (await exactIndex.search(q)).hits.map((h) => h.id));
  await exactIndex.close();
  const plain = plainFts(t.db);
  const plainLatency = await measure(plain.search);
  plain.close();
  await index.close();
  emit({ ours, exact, plain: plainLatency, rss, slowest, gc });
}

async function miniSearchTask(t: Extract<Task, { task: "minisearch" }>): Promise<void> {
  const t0 = performance.now();
  const mini = new MiniSearch<IndexDoc & { topicText: string }>({
    fields: ["title", "body", "topicText"],
    searchOptions: { boost: { title: 4, topicText: 2 }, prefix: true, fuzzy: 0.2 },
  });
  for (const doc of benchDocs(t.dataset, t.size))
    mini.add({ ...doc, topicText: doc.topics.map((x) => x.name).join(" ; ") });
  const buildMs = performance.now() - t0;
  const search = async (q: string) =>
    mini
      .search(q)
      .map((r) => String(r.id))
      .slice(0, 10);
  emit({ buildMs, ...(await measure(search)), rss: rssMb() });
}

/** Runs one child task (the child side of child.ts). */
export async function runChildTask(task: Task): Promise<void> {
  if (task.task === "build") await buildTask(task);
  else if (task.task === "query") await queryTask(task);
  else await miniSearchTask(task);
}
