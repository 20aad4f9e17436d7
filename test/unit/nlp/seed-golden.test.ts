/**
 * Golden tests on the real seed file: topics and their routing through the topic directory,
 * and summaries free of captions, headings and the "TT" marker.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type ArticleAnalysis, bodyText, type ParsedArticle } from "../../../src/domain/article.js";
import {
  createAnalyzer,
  createTopicDirectory,
  loadCuratedTopics,
  type TopicDirectory,
} from "../../../src/nlp/index.js";
import { seedArticles, TOPICS_FILE } from "./seed-fixture.js";

let articles: ParsedArticle[];
let analyses: ArticleAnalysis[];
let directory: TopicDirectory;
const [KREMLIN, TURKISH, RAFAH, GOLDIN] = [0, 1, 2, 3];

/** Articles (by seed index) carrying the topic the directory resolves `name` to. */
function articlesFor(name: string): number[] {
  const topic = directory.resolve(name);
  if (!topic) return [];
  return analyses.flatMap((a, i) => (a.topics.some((t) => t.id === topic.id) ? [i] : []));
}

beforeAll(() => {
  const curated = loadCuratedTopics(fs.readFileSync(TOPICS_FILE, "utf8"), "content/topics.json");
  const analyzer = createAnalyzer({ curated });
  articles = seedArticles();
  analyses = articles.map((a) => analyzer.analyze(a));
  directory = createTopicDirectory(curated);
  for (const a of analyses) for (const t of a.topics) directory.add(t);
});

describe("seed topics", () => {
  it("parses the four seed articles", () => {
    expect(articles.map((a) => a.title)).toEqual([
      "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
      "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
      "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
      "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
    ]);
  });

  it("routes Gaza to the three Gaza articles and not the Kremlin one", () => {
    expect(articlesFor("Gaza")).toEqual([TURKISH, RAFAH, GOLDIN]);
    expect(articlesFor("gaza strip")).toEqual([TURKISH, RAFAH, GOLDIN]);
  });

  it("routes Hamas to the Rafah and Hadar Goldin articles", () => {
    expect(articlesFor("Hamas")).toEqual([RAFAH, GOLDIN]);
  });

  it("routes Russia, Russian, Putin and the Kremlin to the Kremlin article", () => {
    for (const name of ["Russia", "russian", "Putin", "Vladimir Putin", "Kremlin"])
      expect(articlesFor(name), name).toEqual([KREMLIN]);
  });

  it("names people as readers know them and reaches them by surname or folded forms", () => {
    const kremlin = analyses[KREMLIN]?.topics.map((t) => t.name) ?? [];
    expect(kremlin).toEqual(
      expect.arrayContaining(["Ahmed al-Sharaa", "Vladimir Putin", "Syria", "Russia", "Kremlin"]),
    );
    expect(analyses[GOLDIN]?.topics.map((t) => t.name)).toEqual(
      expect.arrayContaining(["Hadar Goldin", "Gaza", "Hamas"]),
    );
    expect(directory.resolve("al-Sharaa")?.name).toBe("Ahmed al-Sharaa");
    expect(directory.resolve("SHARAA")?.name).toBe("Ahmed al-Sharaa");
    expect(directory.resolve("Goldin")?.name).toBe("Hadar Goldin");
    expect(directory.resolve("Netanyahu")?.name).toBe("Benjamin Netanyahu");
    expect(articlesFor("Hadar Goldin")).toContain(GOLDIN);
  });

  it("joins adjective and country forms", () => {
    expect(directory.resolve("Turkish")?.id).toBe("turkiye");
    expect(directory.resolve("Turkey")?.id).toBe("turkiye");
    expect(directory.resolve("türkiye")?.name).toBe("Türkiye");
    expect(directory.resolve("Syrian")?.id).toBe("syria");
    expect(directory.resolve("Israeli")?.id).toBe("israel");
    expect(articlesFor("Turkish")).toEqual([TURKISH]);
    expect(articlesFor("Syrian")).toEqual([KREMLIN]);
  });

  it("gives every article a small ranked topic list with weights in (0, 1]", () => {
    for (const a of analyses) {
      expect(a.topics.length).toBeGreaterThan(2);
      expect(a.topics.length).toBeLessThanOrEqual(12);
      expect(a.topics[0]?.weight).toBe(1);
      for (const t of a.topics) expect(t.weight).toBeGreaterThan(0);
      expect(new Set(a.topics.map((t) => t.id)).size).toBe(a.topics.length);
    }
  });
});

describe("seed summaries", () => {
  it("are three body sentences in article order, verbatim", () => {
    articles.forEach((article, i) => {
      const summary = analyses[i]?.summary ?? [];
      expect(summary).toHaveLength(3);
      const body = bodyText(article).replace(/\s+/g, " ");
      const positions = summary.map((s) => body.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });
  });

  it("never contain a caption, a heading or TT", () => {
    articles.forEach((article, i) => {
      const headings = article.blocks.filter((b) => b.kind === "heading").map((b) => b.text);
      for (const s of analyses[i]?.summary ?? []) {
        expect(s).not.toMatch(/\bTT\b/);
        if (article.caption) expect(s).not.toContain(article.caption.slice(0, 40));
        for (const h of headings) expect(s).not.toBe(h);
        expect(s).not.toMatch(/\((?:DPA|dpa|AP|EPA)\)/);
      }
    });
  });

  it("open with the news, as pinned", () => {
    expect(analyses[TURKISH]?.summary[0]).toBe(
      "An Israeli government spokesperson said on Sunday that Turkish soldiers would not be deployed to Gaza as part of a multinational force that is meant to take over from the Israeli military.",
    );
    expect(analyses[RAFAH]?.summary[0]).toMatch(
      /^Hamas fighters holed up in the Israeli-held Rafah area of Gaza will not surrender/,
    );
    expect(analyses[GOLDIN]?.summary[0]).toMatch(
      /^Israel on Sunday received the remains of a hostage in Gaza/,
    );
  });

  it("score every eligible body sentence for briefs", () => {
    for (const a of analyses) {
      expect(a.sentences.length).toBeGreaterThan(3);
      expect(Math.max(...a.sentences.map((s) => s.score))).toBe(1);
      for (const s of a.summary) expect(a.sentences.map((x) => x.text)).toContain(s);
    }
  });
});
