import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { createRepairCache, type WordRepair } from "../../../src/search/repair-cache.js";
import { seedDocs } from "./seed-docs.js";

const NOW = new Date("2025-11-09T18:00:00Z");
const entry = (correction: string): WordRepair => ({ present: false, completions: [], correction });

describe("repair cache", () => {
  it("forgets the least recently used word first", () => {
    const cache = createRepairCache(2);
    cache.set("gazza", entry("gaza"), cache.generation);
    cache.set("hamass", entry("hamas"), cache.generation);
    expect(cache.get("gazza")?.correction).toBe("gaza"); // now the most recently used
    cache.set("rafha", entry("rafah"), cache.generation);
    expect(cache.get("hamass")).toBeUndefined();
    expect(cache.get("gazza")?.correction).toBe("gaza");
    expect(cache.get("rafha")?.correction).toBe("rafah");
  });

  it("drops everything on clear, and refuses entries read before it", () => {
    const cache = createRepairCache();
    const before = cache.generation;
    cache.set("gazza", entry("gaza"), before);
    cache.clear();
    expect(cache.get("gazza")).toBeUndefined();
    // A lookup that started before the write finished must not store what it read.
    cache.set("gazza", entry("gaza"), before);
    expect(cache.get("gazza")).toBeUndefined();
    cache.set("gazza", entry("gaza"), cache.generation);
    expect(cache.get("gazza")?.correction).toBe("gaza");
  });
});

describe("repair through the index", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await openSearchIndex({ path: ":memory:", clock: () => NOW });
    await index.upsert(seedDocs());
  });
  afterAll(() => index.close());

  it("corrects several words of one query, the same way every time", async () => {
    const first = await index.search("hamass netanyhu");
    expect(first).toMatchObject({ corrected: "hamas netanyahu", total: 1 });
    expect(first.hits.map((h) => h.id)).toEqual(["seed-4"]);
    // The second time the words come from the cache and the exact statement is skipped.
    expect(await index.search("hamass netanyhu")).toEqual(first);
    expect(await index.search("netanyhu hamass")).toMatchObject({ corrected: "netanyahu hamas", total: 1 });
  });

  it("mixes words found as typed, completions and corrections", async () => {
    const result = await index.search("hamas netan gazza");
    expect(result.hits.map((h) => h.id)).toEqual(["seed-4"]);
    expect(result.corrected).toBe("hamas netan gaza");
  });

  it("forgets what it knew about a word when the documents change", async () => {
    const local = await openSearchIndex({ path: ":memory:", clock: () => NOW });
    await local.upsert(seedDocs());
    expect((await local.search("kremlim")).corrected).toBe("kremlin");
    await local.upsert([
      { id: "new", title: "Kremlim is a village", body: "Kremlim lies north.", topics: [], published: null },
    ]);
    expect(await local.search("kremlim")).toMatchObject({ hits: [{ id: "new" }], total: 1 });
    expect((await local.search("kremlim")).corrected).toBeUndefined();
    await local.remove(["new"]);
    expect((await local.search("kremlim")).corrected).toBe("kremlin");
    await local.close();
  });
});
