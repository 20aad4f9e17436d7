import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IndexDoc } from "../../../src/search/index.js";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { dayAfterStart, fixtureDocs, SUBJECTS } from "./fixture.js";

const DOCS = fixtureDocs(300);
const NOW = dayAfterStart(13);

describe("ranking, recency and paging on a 300-document fixture", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await openSearchIndex({ path: ":memory:" });
    await index.upsert(DOCS);
  });
  afterAll(() => index.close());

  it("counts every match and pages through them without overlap", async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 80; offset += 7) {
      const page = await index.search("climate", { now: NOW, limit: 7, offset });
      expect(page.total).toBe(60);
      expect(page.hits.length).toBeLessThanOrEqual(7);
      seen.push(...page.hits.map((h) => h.id));
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen.every((id) => Number(id.slice(4)) % SUBJECTS.length === 3)).toBe(true);
  });

  it("returns hits sorted by score, newer first among equally relevant documents", async () => {
    const { hits } = await index.search("vaccines", { now: NOW, limit: 20 });
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Same text, so recency decides: the newest vaccines documents come first.
    expect(hits.slice(0, 3).map((h) => h.id)).toEqual(["fix-299", "fix-294", "fix-289"]);
  });

  it("a page past the end, or a count-only request, is empty but still reports the total", async () => {
    expect(await index.search("football", { now: NOW, offset: 200 })).toEqual({ hits: [], total: 60 });
    expect(await index.search("football", { now: NOW, limit: 0 })).toEqual({ hits: [], total: 60 });
  });

  it("requires every word, then falls back to any word when none has them all", async () => {
    expect((await index.search("climate debate", { now: NOW })).total).toBe(60);
    const either = await index.search("climate football", { now: NOW, limit: 100 });
    expect(either.total).toBe(120);
  });

  it("ranks a strongly relevant older article above a newer passing mention", async () => {
    const local = await openSearchIndex({ path: ":memory:" });
    const old: IndexDoc = {
      id: "old",
      title: "Glacier melt accelerates",
      body: "The glacier lost more ice. Glacier scientists measured the glacier twice.",
      topics: [],
      published: "2025-01-01T00:00:00Z",
    };
    const fresh: IndexDoc = {
      id: "fresh",
      title: "Weekend weather",
      body: `${"Sunny skies and mild winds are expected across the region. ".repeat(8)}A glacier tour reopens.`,
      topics: [],
      published: "2025-01-10T00:00:00Z",
    };
    const filler = fixtureDocs(40);
    await local.upsert([old, fresh, ...filler]);
    const hits = (await local.search("glacier", { now: new Date("2025-01-10T12:00:00Z") })).hits;
    expect(hits.map((h) => h.id)).toEqual(["old", "fresh"]);
    await local.close();
  });

  it("ranks a title match above a body-only match of the same age", async () => {
    const local = await openSearchIndex({ path: ":memory:" });
    const published = "2025-01-05T00:00:00Z";
    await local.upsert([
      {
        id: "body",
        title: "Market news",
        body: "Shares fell. Tariffs were discussed.",
        topics: [],
        published,
      },
      { id: "title", title: "Tariffs rise", body: "Shares fell. Markets were calm.", topics: [], published },
      ...fixtureDocs(30),
    ]);
    expect((await local.search("tariffs", { now: new Date(published) })).hits.map((h) => h.id)).toEqual([
      "title",
      "body",
    ]);
    await local.close();
  });

  it("lists the latest documents newest first, undated ones last", async () => {
    const local = await openSearchIndex({ path: ":memory:" });
    await local.upsert([
      { id: "undated", title: "No date", body: "x", topics: [], published: null },
      ...fixtureDocs(12),
      { id: "bad-date", title: "Bad date", body: "x", topics: [], published: "not a date" },
    ]);
    const all = await local.latest({ limit: 100 });
    expect(all.total).toBe(14);
    expect(all.ids.slice(0, 3)).toEqual(["fix-11", "fix-10", "fix-9"]);
    expect(all.ids.slice(12).sort()).toEqual(["bad-date", "undated"]);
    expect(await local.latest({ limit: 2, offset: 1 })).toEqual({ ids: ["fix-10", "fix-9"], total: 14 });
    expect(await local.latest({ offset: 50 })).toEqual({ ids: [], total: 14 });
    await local.close();
  });

  it("moves a document when its publication date changes", async () => {
    const local = await openSearchIndex({ path: ":memory:" });
    const docs = fixtureDocs(5);
    await local.upsert(docs);
    expect((await local.latest()).ids[0]).toBe("fix-4");
    await local.upsert([{ ...docs[0]!, published: "2026-01-01T00:00:00Z" }]);
    expect((await local.latest()).ids).toEqual(["fix-0", "fix-4", "fix-3", "fix-2", "fix-1"]);
    expect((await local.topicArticles("economy")).ids).toEqual(["fix-0"]);
    await local.close();
  });

  it("keeps totals exact when more documents match than the rank window", async () => {
    const local = await openSearchIndex({ path: ":memory:", rankWindow: 5 });
    await local.upsert(DOCS);
    const page = await local.search("economy", { now: NOW, limit: 3 });
    expect(page.total).toBe(60);
    // Only the 5 newest matches are ranked: all hits come from them.
    expect(page.hits.map((h) => h.id)).toEqual(["fix-295", "fix-290", "fix-285"]);
    expect((await local.search("economy", { topic: "economy", now: NOW })).total).toBe(60);
    await local.close();
  });

  it("caps the count of a broad query and says so", async () => {
    const local = await openSearchIndex({ path: ":memory:", rankWindow: 5, countCap: 50 });
    await local.upsert(DOCS);
    const capped = await local.search("economy", { now: NOW, limit: 2 });
    expect(capped).toMatchObject({ total: 50, totalCapped: true });
    expect(capped.hits).toHaveLength(2);
    expect(await local.search("economy", { now: NOW, offset: 900 })).toEqual({
      hits: [],
      total: 50,
      totalCapped: true,
    });
    // Exactly at the cap is still exact.
    const exact = await openSearchIndex({ path: ":memory:", rankWindow: 5, countCap: 60 });
    await exact.upsert(DOCS);
    expect(await exact.search("economy", { now: NOW, limit: 0 })).toEqual({ hits: [], total: 60 });
    await exact.close();
    await local.close();
  });

  it("pages a topic newest first", async () => {
    const page = await index.topicArticles("football", { limit: 3, offset: 2 });
    expect(page).toEqual({ ids: ["fix-286", "fix-281", "fix-276"], total: 60 });
  });

  it("uses the most common name of a topic", async () => {
    const local = await openSearchIndex({ path: ":memory:" });
    const topic = (name: string) => [{ id: "un", name, kind: "organization" as const, weight: 1 }];
    await local.upsert([
      { id: "a", title: "A", body: "a", topics: topic("UN"), published: null },
      { id: "b", title: "B", body: "b", topics: topic("United Nations"), published: null },
      { id: "c", title: "C", body: "c", topics: topic("United Nations"), published: null },
    ]);
    expect(await local.topicNames()).toEqual([
      { id: "un", name: "United Nations", kind: "organization", weight: 3 },
    ]);
    await local.remove(["b", "c"]);
    expect(await local.topicNames()).toEqual([{ id: "un", name: "UN", kind: "organization", weight: 1 }]);
    await local.close();
  });
});
