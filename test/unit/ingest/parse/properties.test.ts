/**
 * Property tests: whatever the bytes, parseContent returns clean articles or throws a
 * ContentError, never anything else; and normalizeText is a stable canonical form.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ContentError,
  normalizeText,
  type ParseResult,
  parseContent,
} from "../../../../src/ingest/parse/index.js";
import { isBlank } from "../../../../src/ingest/parse/normalize.js";

const FILE_NAMES = ["a.txt", "a.md", "a.json", "a.jsonl", "a.xml", "a.html", "a"];

/** Parse, and check every guarantee of a successful result; a ContentError is also fine. */
function parsesCleanlyOrFails(bytes: Uint8Array, fileName: string): ParseResult | ContentError {
  let result: ParseResult;
  try {
    result = parseContent({ bytes, fileName });
  } catch (error) {
    if (error instanceof ContentError) return error;
    throw error;
  }
  expect(result.articles.length).toBeGreaterThan(0);
  const keys = new Set<string>();
  for (const article of result.articles) {
    expect(article.title).not.toBe("");
    expect(article.title).toBe(normalizeText(article.title));
    expect(article.blocks.some((b) => b.kind === "paragraph")).toBe(true);
    for (const block of article.blocks) {
      expect(block.text).not.toBe("");
      expect(block.text).toBe(normalizeText(block.text));
    }
    keys.add(JSON.stringify([article.title, article.blocks]));
  }
  expect(keys.size).toBe(result.articles.length);
  return result;
}

const encode = (s: string) => new TextEncoder().encode(s);
const fileName = fc.constantFrom(...FILE_NAMES);

/** Lines that look like the pieces of a news dump, so the text parser's branches all get hit. */
const dumpLine = fc.oneof(
  fc.constantFrom(
    "",
    "",
    "TT",
    "Breaking News Today",
    "A caption, 08 November 2025. (AP)",
    " \u00A0",
    "Section Heading",
  ),
  fc.string({ maxLength: 80 }),
  fc.lorem({ maxCount: 12, mode: "sentences" }),
  fc.lorem({ maxCount: 6, mode: "words" }),
);
const dump = fc.array(dumpLine, { maxLength: 40 }).chain((lines) =>
  // Repeat some lines so header patterns and duplicates occur.
  fc.array(fc.nat({ max: Math.max(0, lines.length - 1) }), { maxLength: 10 }).map((picks) => {
    const out = [...lines];
    for (const p of picks) if (lines[p] !== undefined) out.splice(p, 0, lines[p]!);
    return out.join("\n");
  }),
);

describe("parseContent on arbitrary input", () => {
  it("never throws anything but ContentError on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), fileName, (s, name) => {
        parsesCleanlyOrFails(encode(s), name);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but ContentError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fileName, (bytes, name) => {
        parsesCleanlyOrFails(bytes, name);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every guarantee on dump-shaped text (and most such texts do load)", () => {
    let loaded = 0;
    fc.assert(
      fc.property(dump, (text) => {
        if (!(parsesCleanlyOrFails(encode(text), "dump.txt") instanceof ContentError)) loaded++;
      }),
      { numRuns: 300 },
    );
    // The property must exercise the parser, not only its error path.
    expect(loaded).toBeGreaterThan(100);
  });

  it("keeps every guarantee when arbitrary text sits inside JSON, JSON Lines and Markdown", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 120 });
    fc.assert(
      fc.property(text, text, text, (title, body, extra) => {
        const json = parsesCleanlyOrFails(
          encode(JSON.stringify({ title, text: body, caption: extra, date: extra })),
          "a.json",
        );
        const [t, b] = [normalizeText(title), normalizeText(body)];
        // Paragraphs repeating the title or caption are dropped, so only then may a record fail.
        if (
          t !== "" &&
          b !== "" &&
          t !== b &&
          !normalizeText(extra).includes(b) &&
          !/[<&]/.test(title + body)
        ) {
          expect(json).not.toBeInstanceOf(ContentError);
        }
        parsesCleanlyOrFails(
          encode(`${JSON.stringify({ title, body })}\n${JSON.stringify({ headline: extra, content: body })}`),
          "a.jsonl",
        );
        parsesCleanlyOrFails(
          encode(`---\ntitle: ${JSON.stringify(title)}\n---\n\n${body}\n\n## ${extra}\n`),
          "a.md",
        );
      }),
      { numRuns: 150 },
    );
  });

  it("keeps every guarantee when arbitrary text sits inside a feed or an HTML page", () => {
    const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const text = fc.string({ unit: "grapheme", maxLength: 120 });
    fc.assert(
      fc.property(text, text, (title, body) => {
        const item = `<item><title>${escapeXml(title)}</title><description>${escapeXml(body)}</description></item>`;
        parsesCleanlyOrFails(
          encode(`<rss version="2.0"><channel><title>F</title>${item}</channel></rss>`),
          "f.xml",
        );
        const entry = `<entry><title type="html">${escapeXml(title)}</title><content type="html">${escapeXml(body)}</content></entry>`;
        parsesCleanlyOrFails(
          encode(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${entry}</feed>`),
          "f.atom",
        );
        parsesCleanlyOrFails(
          encode(
            `<!doctype html><html><head><title>${title}</title></head><body><p>${body}</p></body></html>`,
          ),
          "p.html",
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe("normalizeText", () => {
  it("is idempotent and leaves no double, leading, trailing or non-ASCII whitespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/ {2}|^\s|\s$|[\t\n\r\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]/);
        expect(once).toBe(once.normalize("NFC"));
      }),
      { numRuns: 1000 },
    );
  });

  it("is empty exactly when isBlank says so", () => {
    const invisible = fc.constantFrom(
      " ",
      "\u00A0",
      "\t",
      "\n",
      "\u200B",
      "\uFEFF",
      "\u0001",
      "\u0085",
      "\u00AD",
      "\u2028",
    );
    const s = fc.oneof(
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.string({ unit: invisible, maxLength: 20 }),
    );
    fc.assert(
      fc.property(s, (text) => {
        expect(isBlank(text)).toBe(normalizeText(text) === "");
      }),
      { numRuns: 1000 },
    );
  });

  it("changes nothing in text that is already clean", () => {
    const word = fc
      .string({ unit: "grapheme-composite", minLength: 1, maxLength: 12 })
      .filter((w) => normalizeText(w) === w && !w.includes(" "));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), (words) => {
        const clean = words.join(" ");
        expect(normalizeText(clean)).toBe(clean);
      }),
    );
  });
});
