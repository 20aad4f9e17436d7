import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../src/digest/compose.js";
import type { Digest } from "../../../src/digest/types.js";
import { makeArticle } from "../../helpers/articles.js";
import { makeSub, seedArticles } from "./fixtures.js";

const NOW = new Date("2025-11-09T12:00:00.000Z");
const shape = (d: Digest | null) =>
  d?.groups.map((g) => [g.topic?.name ?? null, g.items.map((i) => i.articleId)]);

describe("composeDigest on the seed articles", () => {
  const seed = seedArticles("2025-11-09T06:00:00.000Z");

  it("all news: four stories, the three Gaza stories under one heading", () => {
    const digest = composeDigest({ sub: makeSub(), articles: seed, now: NOW });
    expect(shape(digest)).toEqual([
      ["Kremlin", ["seed-1"]],
      ["Gaza", ["seed-2", "seed-3", "seed-4"]],
    ]);
    expect(digest!.total).toBe(4);
    const first = digest!.groups[0]!.items[0]!;
    expect(first.title).toBe("First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties");
    expect(first.summary).toHaveLength(2);
    expect(first.summary[0]).toMatch(/^A year ago, few would have imagined this scene/);
    expect(first.source).toBe("Asharq Al-Awsat");
  });

  it("topics filter the stories and name the heading after the reader's topic", () => {
    expect(shape(composeDigest({ sub: makeSub({ topics: ["hamas"] }), articles: seed, now: NOW }))).toEqual([
      ["Hamas", ["seed-3", "seed-4"]],
    ]);
    expect(shape(composeDigest({ sub: makeSub({ topics: ["syria"] }), articles: seed, now: NOW }))).toEqual([
      ["Syria", ["seed-1"]],
    ]);
    expect(
      shape(composeDigest({ sub: makeSub({ topics: ["syria", "turkey"] }), articles: seed, now: NOW })),
    ).toEqual([
      ["Syria", ["seed-1"]],
      ["Turkey", ["seed-2"]],
    ]);
    expect(composeDigest({ sub: makeSub({ topics: ["ukraine"] }), articles: seed, now: NOW })).toBeNull();
  });

  it("only stories new since the previous digest", () => {
    const later = makeArticle({
      id: "later",
      title: "Ceasefire Talks Resume in Cairo",
      ingestedAt: "2025-11-09T10:00:00.000Z",
      published: "2025-11-09T09:30:00.000Z",
      topics: [{ id: "gaza", name: "Gaza", kind: "place", weight: 1 }],
    });
    const sub = makeSub({ lastDigestAt: "2025-11-09T08:00:00.000Z" });
    expect(shape(composeDigest({ sub, articles: [...seed, later], now: NOW }))).toEqual([
      ["Gaza", ["later"]],
    ]);
    expect(composeDigest({ sub, articles: seed, now: NOW })).toBeNull();
    // Articles that arrive after `now` wait for the next digest.
    expect(composeDigest({ sub, articles: [later], now: new Date("2025-11-09T09:00:00.000Z") })).toBeNull();
  });

  it("a 'nothing new' note only for readers who asked for one", () => {
    const sub = makeSub({ lastDigestAt: "2025-11-09T08:00:00.000Z", notifyEmpty: true });
    const digest = composeDigest({ sub, articles: seed, now: NOW });
    expect(digest).toMatchObject({ empty: true, total: 0, groups: [], since: "2025-11-09T08:00:00.000Z" });
  });

  it("a first digest looks back 24 hours", () => {
    const old = seedArticles("2025-11-07T06:00:00.000Z");
    expect(composeDigest({ sub: makeSub(), articles: old, now: NOW })).toBeNull();
  });

  it("the same story from another source is told once, counted as two sources", () => {
    const copy = {
      ...seed[2]!,
      id: "ap-copy",
      source: "AP",
      ingestedAt: "2025-11-09T07:00:00.000Z",
      simhash: "0123456789abcdef",
    };
    const digest = composeDigest({ sub: makeSub(), articles: [...seed, copy], now: NOW })!;
    const items = digest.groups.flatMap((g) => g.items);
    // The two-source story ranks first, so its heading (Gaza) comes first.
    expect(shape(digest)).toEqual([
      ["Gaza", ["ap-copy", "seed-2", "seed-4"]],
      ["Kremlin", ["seed-1"]],
    ]);
    expect(items.map((i) => i.storyId)).toEqual(["seed-3", "seed-2", "seed-4", "seed-1"]);
    expect(items[0]).toMatchObject({ articles: 2, sources: 2 });
    expect(digest.total).toBe(4);
  });

  it("a follow-up of a story told in the previous digest is not told again", () => {
    const copy = { ...seed[2]!, id: "ap-copy", source: "AP", ingestedAt: "2025-11-09T10:00:00.000Z" };
    const sub = makeSub({ lastDigestAt: "2025-11-09T08:00:00.000Z" });
    expect(composeDigest({ sub, articles: [...seed, copy], now: NOW })).toBeNull();
  });
});

describe("composeDigest: near-duplicates and ranking", () => {
  const at = (h: number) => `2025-11-09T${String(h).padStart(2, "0")}:00:00.000Z`;
  const art = (id: string, simhash: string, source = id, hour = 6) =>
    makeArticle({ id, title: `Story ${id}`, simhash, source, ingestedAt: at(hour), published: at(hour) });

  it("SimHash within 3 bits is the same story; 4 bits apart is not", () => {
    const base = "f0f0f0f0f0f0f0f0";
    const three = "f0f0f0f0f0f0f0f7"; // 3 bits flipped
    const four = "f0f0f0f0f0f0f0ff"; // 4 bits flipped
    const d1 = composeDigest({ sub: makeSub(), articles: [art("a", base), art("b", three)], now: NOW })!;
    expect(d1.total).toBe(1);
    const d2 = composeDigest({ sub: makeSub(), articles: [art("a", base), art("c", four)], now: NOW })!;
    expect(d2.total).toBe(2);
  });

  it("coverage outranks freshness; among lone stories the newer comes first", () => {
    const wide = ["w1", "w2", "w3"].map((id, i) =>
      makeArticle({
        id,
        title: "Summit Ends Without a Deal",
        source: `S${i}`,
        ingestedAt: at(2),
        published: at(2),
      }),
    );
    const fresh = art("fresh", "1111111111111111", "X", 11);
    const older = art("older", "2222222222222222", "Y", 5);
    const digest = composeDigest({ sub: makeSub(), articles: [older, fresh, ...wide], now: NOW })!;
    expect(digest.groups.flatMap((g) => g.items.map((i) => i.storyId))).toEqual(["w1", "fresh", "older"]);
    expect(digest.groups[0]!.items[0]!.score).toBeGreaterThan(digest.groups[0]!.items[1]?.score ?? 0);
  });

  it("the size limit keeps the most important stories and counts the rest", () => {
    const many = Array.from({ length: 12 }, (_, i) => art(`n${i}`, "0000000000000000", `s${i}`, i));
    const digest = composeDigest({ sub: makeSub({ size: 5 }), articles: many, now: NOW })!;
    const ids = digest.groups.flatMap((g) => g.items.map((i) => i.storyId));
    expect(ids).toEqual(["n11", "n10", "n9", "n8", "n7"]);
    expect(digest.total).toBe(12);
  });
});
