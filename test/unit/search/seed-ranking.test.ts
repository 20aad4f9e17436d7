import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { seedDocs } from "./seed-docs.js";

const NOW = new Date("2025-11-09T18:00:00Z");
const ids = async (index: SearchIndex, query: string, options = {}) =>
  (await index.search(query, { now: NOW, ...options })).hits.map((h) => h.id);

describe("search on the seed articles", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await openSearchIndex({ path: ":memory:" });
    await index.upsert(seedDocs());
  });
  afterAll(() => index.close());

  it("splits the seed into the four known articles", () => {
    expect(seedDocs().map((d) => d.title)).toEqual([
      "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
      "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
      "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
      "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
    ]);
  });

  it("finds the Kremlin article first for debt", async () => {
    expect((await ids(index, "debt"))[0]).toBe("seed-1");
  });

  it("corrects gazza to gaza and finds the three Gaza articles", async () => {
    const result = await index.search("gazza", { now: NOW });
    expect(result.corrected).toBe("gaza");
    expect(result.hits.map((h) => h.id).sort()).toEqual(["seed-2", "seed-3", "seed-4"]);
    expect(result.total).toBe(3);
  });

  it("corrects hamass and netanyhu", async () => {
    const hamas = await index.search("hamass", { now: NOW });
    expect(hamas.corrected).toBe("hamas");
    expect(hamas.hits.map((h) => h.id).sort()).toEqual(["seed-3", "seed-4"]);
    const netanyahu = await index.search("netanyhu", { now: NOW });
    expect(netanyahu.corrected).toBe("netanyahu");
    expect(netanyahu.hits.map((h) => h.id)).toEqual(["seed-4"]);
  });

  it("drops a word nothing resembles and says so", async () => {
    const result = await index.search("hamas qwxzvbn", { now: NOW });
    expect(result.hits.map((h) => h.id).sort()).toEqual(["seed-3", "seed-4"]);
    expect(result.corrected).toBe("hamas");
    expect(await index.search("qwxzvbn", { now: NOW })).toEqual({ hits: [], total: 0 });
  });

  it("does not report a correction when the words were found as typed", async () => {
    expect((await index.search("Gaza", { now: NOW })).corrected).toBeUndefined();
  });

  it("matches whole words: Assad is not found inside Ambassador", async () => {
    const turkish = seedDocs()[1]!;
    expect(turkish.body).toContain("Ambassador");
    expect(turkish.body.toLowerCase()).not.toMatch(/\bassad\b/);
    expect(await ids(index, "Assad")).toEqual(["seed-1"]);
  });

  it("folds case and diacritics: Türkiye = turkiye = TURKIYE", async () => {
    expect(await ids(index, "Türkiye")).toEqual(["seed-2"]);
    expect(await ids(index, "turkiye")).toEqual(["seed-2"]);
    expect(await ids(index, "TURKIYE")).toEqual(["seed-2"]);
  });

  it("stems: negotiations and negotiate find the article that says negotiating", async () => {
    expect(seedDocs()[3]!.body).toContain("negotiating");
    expect(await ids(index, "negotiations")).toEqual(["seed-4"]);
    expect(await ids(index, "negotiate")).toEqual(["seed-4"]);
  });

  it("matches quoted phrases in order only", async () => {
    expect((await ids(index, '"Khan Younis"')).sort()).toEqual(["seed-3", "seed-4"]);
    expect(await ids(index, '"Younis Khan"')).toEqual([]);
    expect(await ids(index, '"Hadar Goldin" Leah')).toEqual(["seed-4"]);
    expect((await ids(index, '"Hadar Goldin" tunnel')).sort()).toEqual(["seed-3", "seed-4"]);
  });

  it("completes a prefix the index does not know as a word", async () => {
    expect(await ids(index, "netan")).toEqual(["seed-4"]);
    expect((await ids(index, "Kreml")).sort()).toEqual(["seed-1"]);
  });

  it("treats hyphenated names and possessives as the words they contain", async () => {
    expect(await ids(index, "al-Sharaa")).toEqual(["seed-1"]);
    expect(await ids(index, "Russia's debt")).toEqual(["seed-1"]);
  });

  it("filters by topic id", async () => {
    expect((await ids(index, "gaza", { topic: "hamas" })).sort()).toEqual(["seed-3", "seed-4"]);
    expect(await ids(index, "gaza", { topic: "kremlin" })).toEqual([]);
    expect(await ids(index, "gaza", { topic: "no-such-topic" })).toEqual([]);
    // A word that exists but not under the topic is not "corrected" into another word.
    expect(await index.search("debt", { topic: "hamas", now: NOW })).toEqual({ hits: [], total: 0 });
    expect((await index.search("gazza", { topic: "hamas", now: NOW })).corrected).toBe("gaza");
  });

  it("searches topic names too", async () => {
    // "Vladimir Putin" is a topic of the Kremlin article; the words also appear in its body.
    expect(await ids(index, "vladimir putin")).toEqual(["seed-1"]);
  });

  it("lists a topic's articles newest first with a total", async () => {
    expect(await index.topicArticles("gaza")).toEqual({ ids: ["seed-4", "seed-3", "seed-2"], total: 3 });
    expect(await index.topicArticles("gaza", { limit: 1, offset: 1 })).toEqual({ ids: ["seed-3"], total: 3 });
    expect(await index.topicArticles("nothing")).toEqual({ ids: [], total: 0 });
  });

  it("names every topic once", async () => {
    const names = await index.topicNames();
    expect(names.map((t) => t.id)).toEqual([
      "gaza",
      "hadar-goldin",
      "hamas",
      "israel",
      "kremlin",
      "rafah",
      "russia",
      "syria",
      "turkiye",
      "vladimir-putin",
    ]); // prettier-ignore
    expect(names.find((t) => t.id === "gaza")).toEqual({
      id: "gaza",
      name: "Gaza",
      kind: "place",
      weight: 3,
    });
    expect(names.find((t) => t.id === "turkiye")?.name).toBe("Türkiye");
  });
});

describe("incremental updates and persistence", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "briefly-search-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("upsert and remove change results without a rebuild", async () => {
    const index = await openSearchIndex({ path: ":memory:" });
    const [kremlin, turkish, hamas, goldin] = seedDocs();
    await index.upsert([kremlin!, turkish!]);
    expect(await index.count()).toBe(2);
    expect(await ids(index, "Goldin")).toEqual([]);
    await index.upsert([hamas!, goldin!]);
    expect((await ids(index, "Goldin")).sort()).toEqual(["seed-3", "seed-4"]);
    await index.remove(["seed-4", "unknown-id"]);
    expect(await ids(index, "Goldin")).toEqual(["seed-3"]);
    expect(await index.count()).toBe(3);
    // Replacing a document replaces its words, topics and date.
    await index.upsert([{ ...hamas!, body: "A short note about the weather.", topics: [] }]);
    expect(await ids(index, "Goldin")).toEqual([]);
    expect(await ids(index, "weather")).toEqual(["seed-3"]);
    expect(await index.topicArticles("hamas")).toEqual({ ids: [], total: 0 });
    expect(await index.count()).toBe(3);
    await index.close();
  });

  it("reopens a persisted index with the same answers and stamp", async () => {
    const file = path.join(dir, "index.sqlite");
    const first = await openSearchIndex({ path: file });
    expect(await first.getStamp()).toBeNull();
    await first.upsert(seedDocs());
    await first.setStamp("change-42");
    const queries = ["debt", "gazza", "Assad", '"Khan Younis"', "netan", "Türkiye"];
    const before = await Promise.all(queries.map((q) => first.search(q, { now: NOW })));
    const latestBefore = await first.latest();
    await first.close();

    const second = await openSearchIndex({ path: file });
    expect(await second.getStamp()).toBe("change-42");
    expect(await second.count()).toBe(4);
    expect(await Promise.all(queries.map((q) => second.search(q, { now: NOW })))).toEqual(before);
    expect(await second.latest()).toEqual(latestBefore);
    await second.close();
  });

  it("refuses calls after close with a clear error", async () => {
    const index = await openSearchIndex({ path: ":memory:" });
    await index.close();
    await index.close();
    await expect(async () => index.search("x")).rejects.toThrow(/closed/);
  });
});
