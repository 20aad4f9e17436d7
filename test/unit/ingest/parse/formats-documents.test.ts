/** Document formats (Markdown, JSON, JSON Lines, plain text): every field the parser should fill. */
import { describe, expect, it } from "vitest";
import type { ParsedArticle } from "../../../../src/ingest/parse/index.js";
import { parseFixture, parseString } from "./helpers.js";

const texts = (a: ParsedArticle) => a.blocks.map((b) => `${b.kind === "heading" ? "## " : ""}${b.text}`);

describe("Markdown with front matter", () => {
  const result = parseFixture("article.md");
  const [article] = result.articles;

  it("takes the metadata from the front matter and the body from the Markdown", () => {
    expect(result.format).toBe("markdown");
    expect(result.articles).toHaveLength(1);
    expect(article).toMatchObject({
      title: "Syria and Russia Agree to Resume Flights",
      published: "2025-11-07T00:00:00.000Z",
      source: "Example Wire",
      url: "https://example.com/syria-russia-flights",
      author: "Jane Roe, John Doe",
      caption: "Al-Sharaa arrives at Vnukovo airport in Moscow.",
      credit: "Reuters",
      line: 1,
    });
  });

  it("strips inline syntax, drops the title heading, images, code and comments, and keeps ## headings", () => {
    expect(texts(article!)).toEqual([
      "Syria and Russia agreed on Wednesday to resume direct flights between Moscow and Damascus, officials in both capitals said.",
      "The decision follows the first meeting between President Ahmed al-Sharaa and Vladimir Putin at the Kremlin, according to state media.",
      "## What Comes Next",
      "Flights are expected to start in December.",
      "Officials in Türkiye welcomed the step — cautiously.",
      "“This is a small but symbolic step,” a diplomat said.",
    ]);
  });

  it("takes the title from the first '# ' heading when there is no front matter", () => {
    const r = parseString(
      "# Plain Title\n\nSome *body* text with a [link](http://x.y).\n\n## Part\n\nMore.",
      "note.md",
    );
    expect(r.articles[0]).toMatchObject({ title: "Plain Title", published: null, source: null });
    expect(texts(r.articles[0]!)).toEqual(["Some body text with a link.", "## Part", "More."]);
  });

  it("keeps snake_case and lone asterisks intact", () => {
    const r = parseString("# T\n\nThe file_name_here costs 2 * 3 dollars and __really__ matters.", "x.md");
    expect(r.articles[0]!.blocks[0]!.text).toBe("The file_name_here costs 2 * 3 dollars and really matters.");
  });
});

describe("JSON", () => {
  it("reads { articles: [...] } with the common field names and reports the broken record with its line", () => {
    const result = parseFixture("articles.json");
    expect(result.format).toBe("json");
    expect(result.articles.map((a) => [a.title, a.line])).toEqual([
      ["Ceasefire Talks Resume in Cairo", 4],
      ["Aid Convoys Reach Northern Gaza", 12],
    ]);
    expect(result.articles[0]).toMatchObject({
      published: "2025-11-09T06:30:00.000Z",
      url: "https://example.com/cairo-talks",
      source: "Example Wire",
      author: "Sam Lee",
    });
    expect(texts(result.articles[0]!)).toEqual([
      "Negotiators returned to Cairo on Sunday.",
      "Both sides said progress was possible.",
    ]);
    expect(result.articles[1]).toMatchObject({
      published: "2025-11-08T00:00:00.000Z",
      caption: "Trucks wait at the crossing.",
      credit: "AFP",
      source: "Example Wire",
    });
    expect(texts(result.articles[1]!)).toEqual([
      "Trucks carrying food crossed on Saturday.",
      "The UN said more were needed.",
    ]);
    expect(result.warnings).toEqual([{ line: 18, message: expect.stringMatching(/^record 3 has no body/) }]);
  });

  it("reads a single object and a bare array", () => {
    expect(parseString('{"title":"One","text":"Body."}', "a.json").articles.map((a) => a.title)).toEqual([
      "One",
    ]);
    const list = parseString('[{"title":"A","text":"x."},\n{"title":"B","body":["y."]}]', "b.json");
    expect(list.articles.map((a) => [a.title, a.line])).toEqual([
      ["A", 1],
      ["B", 2],
    ]);
  });

  it("detects JSON by content even when the file is named .txt", () => {
    const result = parseFixture("json-named.txt");
    expect(result.format).toBe("json");
    expect(result.articles.map((a) => a.title)).toEqual(["Library Extends Opening Hours"]);
  });
});

describe("JSON Lines", () => {
  it("loads the good lines and warns about the bad one with its line", () => {
    const result = parseFixture("articles.jsonl");
    expect(result.format).toBe("jsonl");
    expect(result.articles.map((a) => [a.title, a.line, a.published])).toEqual([
      ["Markets Rally After Rate Cut", 1, "2025-11-07T00:00:00.000Z"],
      ["Storm Hits the Coast", 3, "2025-11-08T06:00:00.000Z"],
      ["Elections Set for Spring", 5, null],
    ]);
    expect(texts(result.articles[1]!)).toEqual([
      "A storm hit the coast overnight.",
      "Power was cut to thousands of homes.",
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 4, message: expect.stringContaining("invalid JSON") });
  });
});

describe("plain text without the caption pattern", () => {
  it("reads a single article: headline, blank line, paragraphs", () => {
    const r = parseString(
      "Council Approves New Park\n\nThe council approved the park on Monday.\n\nWork starts in May.\n",
    );
    expect(r.format).toBe("text");
    expect(r.articles).toHaveLength(1);
    expect(r.articles[0]).toMatchObject({
      title: "Council Approves New Park",
      caption: null,
      credit: null,
      published: null,
      line: 1,
    });
    expect(texts(r.articles[0]!)).toEqual([
      "The council approved the park on Monday.",
      "Work starts in May.",
    ]);
  });

  it("joins hard-wrapped lines into one paragraph", () => {
    const r = parseString(
      "Wrapped Story\n\nThis paragraph was wrapped by an exporter that breaks lines at\nsixty characters or so, in the middle of sentences.\n\nSecond paragraph.",
    );
    expect(texts(r.articles[0]!)).toEqual([
      "This paragraph was wrapped by an exporter that breaks lines at sixty characters or so, in the middle of sentences.",
      "Second paragraph.",
    ]);
  });

  it("splits articles without captions on two blank lines before a headline", () => {
    const r = parseString(
      "First Story\n\nOne paragraph here.\n\n\nSecond Story\n\nAnother paragraph here.\n",
    );
    expect(r.articles.map((a) => [a.title, a.line])).toEqual([
      ["First Story", 1],
      ["Second Story", 6],
    ]);
  });

  it("finds the repeated header pattern even with single blank lines between articles", () => {
    const header = (t: string, c: string) => `${t}\n\n${c}\n${c}\nTT\n\n${t}\n\n${c}\n${c}\n\n`;
    const text = `${header("Alpha Story", "A caption (Reuters)")}Alpha body sentence.\n\n${header("Beta Story", "B caption 8 November 2025. (AFP)")}Beta body sentence.\n`;
    const r = parseString(text);
    expect(r.articles.map((a) => [a.title, a.caption, a.credit, a.published])).toEqual([
      ["Alpha Story", "A caption", "Reuters", null],
      ["Beta Story", "B caption 8 November 2025.", "AFP", "2025-11-08T00:00:00.000Z"],
    ]);
    expect(r.articles.map((a) => texts(a))).toEqual([["Alpha body sentence."], ["Beta body sentence."]]);
  });

  it("drops an article that repeats an earlier one and says so", () => {
    const one = "Same Story\n\nSame body.\n\n\n";
    const r = parseString(one + one);
    expect(r.articles).toHaveLength(1);
    expect(r.warnings).toEqual([
      { line: 6, message: expect.stringContaining("duplicate of the article on line 1") },
    ]);
  });
});
