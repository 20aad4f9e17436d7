import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSearchIndex, type SearchIndex } from "../../../src/search/index.js";

const DAY_MS = 86_400_000;
/** Noon UTC: "today"'s bucket is centred on now. */
const NOW = Date.UTC(2025, 10, 10, 12);

describe("trendingTopics on an index", () => {
  let index: SearchIndex;
  const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY_MS).toISOString();
  const doc = (id: string, topic: string, daysAgo: number) => ({
    id,
    title: `${topic} news`,
    body: "text",
    topics: [{ id: topic, name: topic.toUpperCase(), kind: "place" as const, weight: 1 }],
    published: at(daysAgo),
  });

  beforeAll(async () => {
    index = await openSearchIndex({ path: ":memory:" });
    await index.upsert([
      doc("g1", "gaza", 0),
      doc("g2", "gaza", 0.2),
      doc("k1", "kremlin", 5),
      doc("k2", "kremlin", 5),
      doc("k3", "kremlin", 5),
      doc("o1", "old", 40),
      { ...doc("u1", "undated", 0), published: null },
    ]);
  });
  afterAll(() => index.close());

  it("orders topics by recency-weighted counts inside the window", async () => {
    const trending = await index.trendingTopics({ now: new Date(NOW) });
    expect(trending.map((t) => [t.id, t.name, t.count])).toEqual([
      ["gaza", "GAZA", 2],
      ["kremlin", "KREMLIN", 3],
    ]);
    // Today's bucket is centred at noon = now (weight 1); five days ago weighs 2^(-5/2).
    expect(trending[0]!.score).toBeCloseTo(2, 10);
    expect(trending[1]!.score).toBeCloseTo(3 * 2 ** -2.5, 10);
    expect(trending[0]!.kind).toBe("place");
  });

  it("uses the half-life and breaks ties by count, then id", async () => {
    const slow = await index.trendingTopics({ now: new Date(NOW), halfLifeDays: 100 });
    expect(slow.map((t) => t.id)).toEqual(["kremlin", "gaza"]);
    const local = await openSearchIndex({ path: ":memory:" });
    await local.upsert([doc("b1", "b", 1), doc("a1", "a", 1), doc("c1", "c", 1), doc("c2", "c", 1)]);
    expect((await local.trendingTopics({ now: new Date(NOW) })).map((t) => t.id)).toEqual(["c", "a", "b"]);
    await local.close();
  });

  it("narrows with the window, limits, and forgets removed documents", async () => {
    expect((await index.trendingTopics({ now: new Date(NOW), windowDays: 2 })).map((t) => t.id)).toEqual([
      "gaza",
    ]);
    expect(await index.trendingTopics({ now: new Date(NOW), limit: 1 })).toHaveLength(1);
    expect(await index.trendingTopics({ now: new Date(NOW), limit: 0 })).toEqual([]);
    await index.remove(["g1", "g2"]);
    expect((await index.trendingTopics({ now: new Date(NOW) })).map((t) => t.id)).toEqual(["kremlin"]);
  });

  it("returns nothing for an invalid date", async () => {
    expect(await index.trendingTopics({ now: new Date(Number.NaN) })).toEqual([]);
  });
});
