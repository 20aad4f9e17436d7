import { describe, expect, it } from "vitest";
import type { TopicRef } from "../../../src/domain/article.js";
import type { CuratedTopic } from "../../../src/domain/topic.js";
import { createTopicDirectory } from "../../../src/nlp/index.js";

const CURATED: CuratedTopic[] = [
  { id: "united-states", name: "United States", aliases: ["US", "U.S.", "America"], keywords: [] },
  {
    id: "israel-defense-forces",
    name: "Israel Defense Forces",
    aliases: ["IDF", "Israeli military"],
    keywords: [],
  },
];
const topic = (id: string, name: string, kind: TopicRef["kind"], weight = 1): TopicRef => ({
  id,
  name,
  kind,
  weight,
});

describe("TopicDirectory", () => {
  it("resolves curated topics and their aliases before any article arrives", () => {
    const d = createTopicDirectory(CURATED);
    for (const q of ["US", "u.s.", "America", "American", "united states"])
      expect(d.resolve(q)?.id, q).toBe("united-states");
    expect(d.resolve("idf")?.id).toBe("israel-defense-forces");
    expect(d.resolve("Israeli military")?.id).toBe("israel-defense-forces");
  });

  it("resolves case, diacritics, al- prefixes, demonyms and other names", () => {
    const d = createTopicDirectory([]);
    d.add(topic("turkiye", "Türkiye", "place"));
    d.add(topic("ahmed-al-sharaa", "Ahmed al-Sharaa", "person"));
    d.add(topic("egypt", "Egypt", "place"));
    for (const q of ["Türkiye", "TURKIYE", "turkish", "Turkey", "Turks"])
      expect(d.resolve(q)?.id, q).toBe("turkiye");
    for (const q of ["al-Sharaa", "Sharaa", "Ahmed Sharaa", "ahmed al sharaa"])
      expect(d.resolve(q)?.id, q).toBe("ahmed-al-sharaa");
    expect(d.resolve("Egyptians")?.id).toBe("egypt");
    expect(d.resolve("Mars")).toBeNull();
    expect(d.resolve("  ")).toBeNull();
  });

  it("gives a shared surname to the heavier person and a full name to its owner", () => {
    const d = createTopicDirectory([]);
    d.add(topic("leah-goldin", "Leah Goldin", "person", 0.3));
    d.add(topic("hadar-goldin", "Hadar Goldin", "person", 0.8));
    expect(d.resolve("Goldin")?.id).toBe("hadar-goldin");
    expect(d.resolve("Leah Goldin")?.id).toBe("leah-goldin");
  });

  it("prefers a name over a surname", () => {
    const d = createTopicDirectory([]);
    d.add(topic("jordan", "Jordan", "place", 0.1));
    d.add(topic("michael-jordan", "Michael Jordan", "person", 1));
    expect(d.resolve("Jordan")?.id).toBe("jordan");
  });

  it("is idempotent: adding again keeps one entry with the highest weight", () => {
    const d = createTopicDirectory([]);
    d.add(topic("gaza", "Gaza", "place", 0.4));
    d.add(topic("gaza", "Gaza", "place", 0.9));
    d.add(topic("gaza", "Gaza", "place", 0.2));
    expect(d.resolve("gaza")).toEqual(topic("gaza", "Gaza", "place", 0.9));
    expect(d.suggest("gaza")).toHaveLength(1);
  });

  it("suggests close topics for a misspelt or partial name", () => {
    const d = createTopicDirectory([]);
    d.add(topic("gaza", "Gaza", "place"));
    d.add(topic("hamas", "Hamas", "organization"));
    d.add(topic("benjamin-netanyahu", "Benjamin Netanyahu", "person"));
    expect(d.suggest("Gazza")[0]?.id).toBe("gaza");
    expect(d.suggest("netanyahoo")[0]?.id).toBe("benjamin-netanyahu");
    expect(d.suggest("benjamin")[0]?.id).toBe("benjamin-netanyahu");
    expect(d.suggest("zzzz")).toEqual([]);
    expect(d.suggest("ga", 1).length).toBeLessThanOrEqual(1);
  });

  it("lists the other forms of a topic", () => {
    const d = createTopicDirectory(CURATED);
    d.add(topic("turkiye", "Türkiye", "place"));
    expect(d.aliasesOf("turkiye")).toEqual(expect.arrayContaining(["Turkey", "Turkish"]));
    expect(d.aliasesOf("united-states")).toEqual(expect.arrayContaining(["US", "America"]));
    expect(d.aliasesOf("nothing")).toEqual([]);
  });
});
