/**
 * Suggestions through the candidate index agree with the full scan they replaced: on the seed's
 * topics, on 10,000 generated topics for typical typos, and on arbitrary input (fast-check).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopicRef } from "../../../src/domain/article.js";
import { createTopicDirectory, type TopicDirectory } from "../../../src/nlp/index.js";
import { createSuggestIndex, editBudget } from "../../../src/nlp/suggest-index.js";
import type { Services } from "../../../src/services/container.js";
import { openTestServices } from "../../helpers/services.js";
import { AddedTopics, generatedTopics, scanSuggest, seeded, typos } from "./directory-reference.js";

const names = (list: TopicRef[]) => list.map((t) => t.name);

describe("suggest on the seed's topics", () => {
  let services: Services;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ services, cleanup } = await openTestServices());
    await services.ingest.ingestPaths(["content"]);
  });
  afterAll(() => cleanup());

  it.each([
    ["Putn", ["Vladimir Putin"]],
    ["Vladimir Putn", ["Vladimir Putin"]],
    ["Kremln", ["Kremlin"]],
    ["Hamaas", ["Hamas"]],
    ["Gazza", ["Gaza"]],
    ["Isreal", ["Israel"]],
    ["Netanyahoo", ["Benjamin Netanyahu"]],
    ["Moscw", ["Moscow"]],
    ["Rafa", ["Rafah"]],
    ["Turkiye forces", ["Türkiye"]],
    ["Sharra", ["Ahmed al-Sharaa", "Maher al-Sharaa"]],
    ["Goldn", ["Hadar Goldin", "Leah Goldin"]],
    ["zzzz", []],
  ])("%s → %j", (query, expected) => {
    expect(names(services.topics.suggest(query, 6))).toEqual(expected);
  });

  it("agrees with the full scan on every seed topic mistyped", async () => {
    const topics = new AddedTopics();
    const d = createTopicDirectory([]);
    for (const t of await services.search.topicNames()) topics.add(d, t);
    const rnd = seeded(3);
    for (const t of topics.list)
      for (const q of typos(t.name, rnd)) expect(d.suggest(q, 6), q).toEqual(scanSuggest(topics, q, 6));
  });
});

describe("suggest on 10,000 generated topics", () => {
  const topics = new AddedTopics();
  const d: TopicDirectory = createTopicDirectory([
    { id: "united-states", name: "United States", aliases: ["US", "America"], keywords: [] },
  ]);
  topics.add(d, { id: "united-states", name: "United States", kind: "curated", weight: 0 });
  for (const t of generatedTopics(10_000)) topics.add(d, t);
  // Re-adding with a higher weight must reorder ties exactly as the scan does.
  for (const t of topics.list.slice(0, 200)) topics.add(d, { ...t, weight: t.weight + 0.5 });

  it("gives the scan's suggestions, in its order, for typical typos", () => {
    const rnd = seeded(11);
    const sample = topics.list.filter((_, i) => i % 500 === 1);
    let nonEmpty = 0;
    for (const t of sample) {
      for (const q of typos(t.name, rnd)) {
        const got = d.suggest(q, 6);
        expect(got, q).toEqual(scanSuggest(topics, q, 6));
        if (got.length > 0) nonEmpty++;
      }
    }
    // The comparison means something only if most typos do find suggestions.
    expect(nonEmpty).toBeGreaterThan(sample.length * 6);
  });

  it("finds the mistyped topic itself among the first suggestions", () => {
    const rnd = seeded(5);
    for (const t of topics.list.filter((x) => x.kind === "person").slice(0, 40)) {
      const dropped = typos(t.name, rnd)[0] as string;
      expect(names(d.suggest(dropped, 6)), dropped).toContain(t.name);
    }
  });

  it("never throws, respects the limit and matches the scan on arbitrary input", () => {
    const words = fc.constantFrom(
      "Labour",
      "Party",
      "Smith",
      "Garcia",
      "oil",
      "prices",
      "al-",
      "U.S.",
      "Türkiye",
    );
    const query = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.array(words, { maxLength: 4 }).map((w) => w.join(" ")),
      fc
        .constantFrom(...topics.list.slice(0, 500).map((t) => t.name))
        .chain((n) => fc.nat({ max: n.length }).map((i) => n.slice(0, i) + n.slice(i + 1))),
    );
    fc.assert(
      fc.property(query, fc.integer({ min: 0, max: 8 }), (q, limit) => {
        const got = d.suggest(q, limit);
        expect(got.length).toBeLessThanOrEqual(limit);
        expect(got).toEqual(scanSuggest(topics, q, limit));
      }),
      { numRuns: 60 },
    );
  });
});

describe("createSuggestIndex", () => {
  it("returns every key within the edit budget, and only owners of candidate keys", () => {
    const index = createSuggestIndex<string>();
    for (const k of ["a", "ab", "gaza", "gaza strip", "hamas", "benjamin netanyahu", "netanyahu"])
      index.add(k, k);
    index.add("gaza", "gaza-2");
    expect([...index.candidates("gazza")].sort()).toEqual(["gaza", "gaza-2"]);
    expect(index.candidates("b")).toEqual(new Set(["a", "ab"]));
    expect(index.candidates("netanyahoo")).toEqual(new Set(["netanyahu"]));
    expect(index.candidates("ben")).toEqual(new Set(["benjamin netanyahu"]));
    expect(index.candidates("")).toEqual(new Set());
    expect(index.size).toBe(7);
  });

  it("lets a third of the longer length be edited, at least one letter", () => {
    expect(editBudget(1, 1)).toBe(1);
    expect(editBudget(5, 4)).toBe(1);
    expect(editBudget(6, 3)).toBe(2);
    expect(editBudget(30, 2)).toBe(10);
  });
});
