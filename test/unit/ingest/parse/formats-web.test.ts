/** Web formats (RSS 2.0, Atom, saved HTML pages): every field the parser should fill, and no junk. */
import { describe, expect, it } from "vitest";
import type { ParsedArticle } from "../../../../src/ingest/parse/index.js";
import { parseFixture, parseString } from "./helpers.js";

const texts = (a: ParsedArticle) => a.blocks.map((b) => `${b.kind === "heading" ? "## " : ""}${b.text}`);

describe("RSS 2.0", () => {
  const result = parseFixture("feed-rss.xml");

  it("loads the good items with the channel as source and warns about the broken one", () => {
    expect(result.format).toBe("rss");
    expect(result.articles.map((a) => [a.title, a.line, a.published, a.source, a.url])).toEqual([
      [
        "Tom & Jerry’s Town Votes on Budget",
        8,
        "2025-11-08T10:00:00.000Z",
        "Example Wire & Partners",
        "https://example.com/budget",
      ],
      [
        "Bridge Reopens After Repairs",
        16,
        "2025-11-07T17:30:00.000Z",
        "Example Wire & Partners",
        "https://example.com/bridge",
      ],
    ]);
    expect(result.articles[0]!.author).toBe("Ana Ruiz");
    expect(result.warnings).toEqual([{ line: 23, message: "item 3 has no title and no text; skipped" }]);
  });

  it("decodes entities, drops scripts and styles, and prefers content:encoded", () => {
    expect(texts(result.articles[0]!)).toEqual([
      "The council voted 5–2 on the “café tax”.",
      "Residents were divided.",
    ]);
    expect(texts(result.articles[1]!)).toEqual([
      "## Traffic returns",
      "The bridge reopened on Friday after six months of work.",
      "Drivers welcomed the news.",
    ]);
    const all = JSON.stringify(result.articles);
    expect(all).not.toMatch(/alert|javascript|color:red|onerror|&\w+;/);
  });
});

describe("RSS 1.0 (RDF)", () => {
  it("reads items that sit beside the channel", () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://x.example/"><title>RDF Wire</title></channel>
  <item rdf:about="https://x.example/1"><title>RDF Story</title><link>https://x.example/1</link>
    <description>Body of the RDF story.</description><dc:date>2025-11-08T09:00:00Z</dc:date></item>
</rdf:RDF>`;
    const r = parseString(rdf, "a.rdf");
    expect(r.format).toBe("rss");
    expect(r.articles).toEqual([
      {
        title: "RDF Story",
        blocks: [{ kind: "paragraph", text: "Body of the RDF story." }],
        caption: null,
        credit: null,
        published: "2025-11-08T09:00:00.000Z",
        source: "RDF Wire",
        url: "https://x.example/1",
        author: null,
        line: 4,
      },
    ]);
  });
});

describe("Atom", () => {
  it("reads html and xhtml content, links, authors and dates", () => {
    const result = parseFixture("feed-atom.xml");
    expect(result.format).toBe("atom");
    expect(result.warnings).toEqual([]);
    expect(result.articles.map((a) => [a.title, a.line, a.published, a.source, a.url, a.author])).toEqual([
      [
        "Port Strike Ends & Ships Sail",
        6,
        "2025-11-09T06:15:00.000Z",
        "Atom Example News",
        "https://atom.example.com/port",
        "Lee Chen",
      ],
      [
        "Museum Returns Looted Statues",
        15,
        "2025-11-08T16:00:00.000Z",
        "Atom Example News",
        "https://atom.example.com/museum",
        null,
      ],
    ]);
    expect(texts(result.articles[1]!)).toEqual([
      "The museum returned three statues to Türkiye.",
      "Officials called it “a historic day”.",
    ]);
  });
});

describe("saved HTML page", () => {
  const result = parseFixture("page.html");
  const [article] = result.articles;

  it("extracts the article text with its headings, and the page metadata", () => {
    expect(result.format).toBe("html");
    expect(article).toMatchObject({
      title: "Flood Waters Recede in the Valley",
      published: "2025-11-08T14:20:00.000Z",
      source: "Example Wire",
      url: "https://example.com/floods",
      author: "Rita Gomez",
      caption: "Residents wade through a flooded street on Saturday.",
      credit: "AP",
    });
    expect(texts(article!).map((t) => t.slice(0, 40))).toEqual([
      "Flood waters began to recede across the ",
      "Emergency crews said the main road would",
      "## Damage Assessment",
      "Officials estimated the cost of repairs ",
      "## Aid for Farmers",
      "Farmers who lost crops will receive dire",
    ]);
  });

  it("never lets scripts, handlers, javascript: links, iframes or navigation reach the text", () => {
    const all = JSON.stringify(result.articles);
    expect(all).not.toMatch(
      /alert|HACKED|javascript|steal|onerror|onclick|ads\.example|Hidden junk|font-family|Home|Other story/,
    );
    expect(texts(article!).join(" ")).toContain("the relief fund would open");
  });

  it("falls back to <title> and <h1> without og:title, dropping the site suffix", () => {
    const page = `<!doctype html><html><head><title>Rates Held Steady - Daily Planet</title>
      <meta property="og:site_name" content="Daily Planet"></head><body><main><h1>Rates Held Steady</h1>
      <p>The bank held rates on Thursday.</p></main></body></html>`;
    const r = parseString(page, "saved.html");
    expect(r.articles[0]).toMatchObject({ title: "Rates Held Steady", source: "Daily Planet" });
    expect(texts(r.articles[0]!)).toEqual(["The bank held rates on Thursday."]);
  });
});
