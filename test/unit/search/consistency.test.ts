import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IndexDoc, openSearchIndex } from "../../../src/search/index.js";

const doc = (i: number): IndexDoc => ({
  id: `d${i}`,
  title: `Bulletin ${i}`,
  body: "The alpha committee met again.",
  topics: [{ id: "alpha", name: "Alpha", kind: "organization", weight: 1 }],
  published: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
});

describe("readers during an ingest (file index, WAL)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "briefly-search-wal-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sees the state before or after a write transaction, never in between", async () => {
    const index = await openSearchIndex({
      path: path.join(dir, "index.sqlite"),
      countCap: Number.POSITIVE_INFINITY,
    });
    await index.upsert(Array.from({ length: 100 }, (_, i) => doc(i)));
    // 1,200 documents are written in three chunks of statements inside one transaction.
    const ingest = index.upsert(Array.from({ length: 1200 }, (_, i) => doc(100 + i)));
    let done = false;
    void ingest.then(() => {
      done = true;
    });
    // Each answer must pair its ids with its total from one snapshot: 100 documents with d99
    // newest, or 1,300 with d1299 newest. (Concurrent answers may come from different snapshots.)
    const seen = new Set<string>();
    const record = (kind: string, total: number, first: string | undefined) =>
      seen.add(`${kind}:${total}:${first}`);
    while (!done) {
      const [search, topic, latest] = await Promise.all([
        index.search("alpha", { limit: 1 }),
        index.topicArticles("alpha", { limit: 1 }),
        index.latest({ limit: 1 }),
      ]);
      record("search", search.total, search.hits[0]?.id);
      record("topic", topic.total, topic.ids[0]);
      record("latest", latest.total, latest.ids[0]);
    }
    await ingest;
    const after = await index.search("alpha", { limit: 1 });
    record("search", after.total, after.hits[0]?.id);
    const allowed = ["search", "topic", "latest"].flatMap((k) => [`${k}:100:d99`, `${k}:1300:d1299`]);
    expect([...seen].filter((s) => !allowed.includes(s))).toEqual([]);
    expect(seen.has("search:1300:d1299")).toBe(true);
    await index.close();
  });

  it("serialises concurrent writers and keeps in-memory reads consistent too", async () => {
    const index = await openSearchIndex({ path: ":memory:" });
    await Promise.all([
      index.upsert(Array.from({ length: 50 }, (_, i) => doc(i))),
      index.upsert(Array.from({ length: 50 }, (_, i) => doc(50 + i))),
      index.remove(["d0"]),
      // Reads queue behind earlier writes on the single in-memory connection (FIFO).
      index.search("alpha").then((r) => expect(r.total).toBe(99)),
    ]);
    expect(await index.count()).toBe(99);
    await index.close();
  });
});
