import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../src/search/db.js";
import { type IndexDoc, openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { tmpDir } from "../../helpers/tmp.js";
import { dayAfterStart, fixtureDocs } from "./fixture.js";

const NOW = dayAfterStart(13);

/** The shard as stored: its rowids, the floor, and the documents' rowids at or above the floor. */
async function shardState(db: Db): Promise<{ shard: number[]; floor: number; expected: number[] }> {
  const shard = (await db.all<{ r: number }>("SELECT rowid AS r FROM fts_recent ORDER BY rowid")).map(
    (x) => x.r,
  );
  const floor =
    (await db.get<{ f: number }>("SELECT CAST(value AS INTEGER) AS f FROM meta WHERE key = 'recent_floor'"))
      ?.f ?? -1;
  const expected = (
    await db.all<{ r: number }>("SELECT rowid AS r FROM docs WHERE rowid >= ? ORDER BY rowid", [floor])
  ).map((x) => x.r);
  return { shard, floor, expected };
}

describe("the recent shard answers like the full index", () => {
  // 300 documents, one an hour; the shard keeps the newest 20 (up to 25).
  const docs = fixtureDocs(300);
  const open = async (recentDocs: number, rankWindow: number, countCap = 1000) => {
    const index = await openSearchIndex({ path: ":memory:", recentDocs, rankWindow, countCap });
    // In several calls and out of date order, as a rebuild from the store writes them.
    for (const part of [docs.slice(100, 200), docs.slice(250), docs.slice(0, 100), docs.slice(200, 250)])
      await index.upsert(part);
    return index;
  };
  const opened: SearchIndex[] = [];
  let small: SearchIndex;
  let whole: SearchIndex;
  beforeAll(async () => {
    small = await open(20, 15);
    whole = await open(Number.POSITIVE_INFINITY, 15);
    opened.push(small, whole);
  });
  afterAll(async () => {
    for (const index of opened) await index.close();
  });

  const window = async (index: SearchIndex, query: string, topic?: string) => {
    const result = await index.search(query, { now: NOW, limit: 15, ...(topic ? { topic } : {}) });
    return { ids: result.hits.map((h) => h.id).sort(), total: result.total, corrected: result.corrected };
  };

  it.each([
    ["climate", ""],
    ["climate debate", ""],
    ["update officials", ""],
    ["update", "vaccines"],
    ["climat", ""],
    ["footbal uncertain", ""],
    ["7", ""],
    // fix-7 is about elections: the words never meet, and "7" is known only to the full table.
    ["7 vaccines", ""],
    ["electons", "elections"],
  ])("ranks the same candidates for %j (topic filter: %j)", async (query, topic) => {
    expect(await window(small, query, topic || undefined)).toEqual(
      await window(whole, query, topic || undefined),
    );
  });

  it("counts the same totals, capped or not", async () => {
    const capped = await open(20, 5, 10);
    const cappedWhole = await open(Number.POSITIVE_INFINITY, 5, 10);
    opened.push(capped, cappedWhole);
    // update: 300 matches, 20+ in the shard alone (over the cap there); climate: 60, 4 in the
    // shard (counted in the full table); 7: one, in the full table only.
    for (const [query, total] of [
      ["update", 10],
      ["climate", 10],
      ["7", 1],
    ] as const) {
      const got = await capped.search(query, { now: NOW, limit: 5 });
      const want = await cappedWhole.search(query, { now: NOW, limit: 5 });
      expect([got.total, got.totalCapped]).toEqual([total, total === 10 ? true : undefined]);
      expect([got.total, got.totalCapped]).toEqual([want.total, want.totalCapped]);
    }
    expect((await small.search("climate", { now: NOW })).total).toBe(60);
  });

  it("scores a query in the shard when it holds a full window, else in the full table", async () => {
    const small3 = await open(20, 3);
    const whole3 = await open(Number.POSITIVE_INFINITY, 3);
    opened.push(small3, whole3);
    const scores = async (index: SearchIndex, q: string) =>
      (await index.search(q, { now: NOW, limit: 3 })).hits.map((h) => h.score);
    // The 20 newest documents hold 4 of climate's 60: with a window of 3 the shard scores them,
    // with its own document frequency (4 of 20 ≠ 60 of 300), so the scores differ...
    const inShard = await scores(small3, "climate");
    expect(inShard).toHaveLength(3);
    expect(inShard).not.toEqual(await scores(whole3, "climate"));
    // ...with a window of 15 the full table scores them: the same scores as a shard of everything.
    expect(await scores(small, "climate")).toEqual(await scores(whole, "climate"));
    // "7" is only in fix-7, long gone from the shard.
    expect((await small3.search("7", { now: NOW })).hits.map((h) => h.id)).toEqual(["fix-7"]);
  });
});

describe("recent shard invariant under random upserts, replacements and removals (property)", () => {
  let tmp: ReturnType<typeof tmpDir>;
  beforeAll(() => {
    tmp = tmpDir("briefly-recent-prop-");
  });
  afterAll(() => tmp.cleanup());

  const IDS = ["a", "b", "c", "d", "e", "f", "g", "h"];
  const WORDS = ["gaza", "truce", "kremlin", "border", "talks"];
  const docArb = fc.record({
    id: fc.constantFrom(...IDS),
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
    minute: fc.integer({ min: 0, max: 600 }),
  });
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("upsert" as const),
      docs: fc.array(docArb, { minLength: 1, maxLength: 5 }),
    }),
    fc.record({ kind: fc.constant("remove" as const), ids: fc.array(fc.constantFrom(...IDS, "x")) }),
  );
  let run = 0;

  it("keeps the document at the floor when it is replaced in place", async () => {
    const file = path.join(tmp.dir, "floor.sqlite");
    const index = await openSearchIndex({ path: file, recentDocs: 2 });
    const db = await openDb(file, { readonly: true });
    const doc = (id: string, minute: number, title: string): IndexDoc => ({
      id,
      title,
      body: "",
      topics: [],
      published: new Date(Date.UTC(2025, 10, 9) + minute * 60_000).toISOString(),
    });
    try {
      await index.upsert([doc("a", 1, "gaza"), doc("b", 2, "truce"), doc("c", 3, "talks")]);
      const before = await shardState(db);
      expect(before.shard).toHaveLength(2);
      await index.upsert([doc("b", 2, "border")]);
      const after = await shardState(db);
      expect(after.floor).toBe(before.floor);
      expect(after.shard).toEqual(before.shard);
      expect(after.shard).toEqual(after.expected);
    } finally {
      await db.close();
      await index.close();
    }
  });

  it("holds exactly the documents at or above a floor that only rises, at most 1.25 × its size", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const file = path.join(tmp.dir, `r${run++}.sqlite`);
        const index = await openSearchIndex({ path: file, recentDocs: 3, rankWindow: 2 });
        const reference = await openSearchIndex({
          path: ":memory:",
          recentDocs: Number.POSITIVE_INFINITY,
          rankWindow: 2,
        });
        const db = await openDb(file, { readonly: true });
        let floor = 0;
        try {
          for (const o of ops) {
            if (o.kind === "upsert") {
              const docs = o.docs.map(
                (d): IndexDoc => ({
                  id: d.id,
                  title: d.words.join(" "),
                  body: "",
                  topics: [],
                  published: new Date(Date.UTC(2025, 10, 9) + d.minute * 60_000).toISOString(),
                }),
              );
              await index.upsert(docs);
              await reference.upsert(docs);
            } else {
              await index.remove(o.ids);
              await reference.remove(o.ids);
            }
            const state = await shardState(db);
            expect(state.shard).toEqual(state.expected);
            expect(state.shard.length).toBeLessThanOrEqual(3);
            expect(state.floor).toBeGreaterThanOrEqual(floor);
            floor = state.floor;
            for (const word of WORDS) {
              const got = await index.search(word, { now: NOW, limit: 2 });
              const want = await reference.search(word, { now: NOW, limit: 2 });
              expect([got.total, got.hits.map((h) => h.id).sort()]).toEqual([
                want.total,
                want.hits.map((h) => h.id).sort(),
              ]);
            }
          }
        } finally {
          await db.close();
          await index.close();
          await reference.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
