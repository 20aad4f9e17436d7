import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fullTextPages, renderFullTextPage } from "../../../src/bot/render/full-text.js";
import { escapeHtml, visibleLength, visibleText } from "../../../src/bot/render/html.js";
import { packBlocks, splitHtml } from "../../../src/bot/render/split.js";
import { parseTelegramHtml } from "../../helpers/fake-bot-api-html.js";
import { fixtureArticles } from "../../helpers/fixture-reader.js";

const arbitraryBlock = fc
  .tuple(fc.string({ unit: "grapheme", maxLength: 3000 }), fc.constantFrom("", "b", "i", "blockquote"))
  .map(([text, tag]) => (tag ? `<${tag}>${escapeHtml(text)}</${tag}>` : escapeHtml(text)));

describe("packBlocks", () => {
  it("keeps blocks whole and in order when they fit", () => {
    const blocks = ["a".repeat(2000), "b".repeat(2000), "c".repeat(2000)];
    expect(packBlocks(blocks).map((m) => m.length)).toEqual([4002, 2000]);
    expect(packBlocks(blocks)[0]).toBe(`${"a".repeat(2000)}\n\n${"b".repeat(2000)}`);
  });

  it("counts emoji and Arabic in UTF-16 units", () => {
    const emoji = "😀".repeat(1500); // 3000 units
    const arabic = "ب".repeat(1500); // 1500 units
    expect(packBlocks([emoji, arabic])).toHaveLength(2);
    expect(packBlocks([arabic, arabic])).toHaveLength(1);
  });

  it("never exceeds the limit, keeps tags balanced and loses no text (property)", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryBlock, { maxLength: 8 }),
        fc.integer({ min: 50, max: 4096 }),
        (blocks, limit) => {
          const messages = packBlocks(blocks, { limit });
          for (const m of messages) {
            expect(visibleLength(m)).toBeLessThanOrEqual(limit);
            const parsed = parseTelegramHtml(m);
            if (!parsed.ok) throw new Error(parsed.description);
            expect(m).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
          }
          const squash = (s: string) => s.replace(/\s+/g, "");
          expect(squash(messages.map(visibleText).join(""))).toBe(squash(blocks.map(visibleText).join("")));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("splitHtml", () => {
  it("cuts a long paragraph at words and reopens open tags", () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
    const pieces = splitHtml(`<b>${words}</b>`, 4096);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.startsWith("<b>") && p.endsWith("</b>")).toBe(true);
      expect(visibleLength(p)).toBeLessThanOrEqual(4096);
      expect(visibleText(p)).toMatch(/^\S.*\S\s?$/s);
      expect(visibleText(p).trimEnd()).toMatch(/w\d+$/);
    }
  });

  it("never splits an entity or a surrogate pair", () => {
    const pieces = splitHtml("&amp;😀".repeat(3000), 4096);
    for (const p of pieces) {
      expect(parseTelegramHtml(p).ok).toBe(true);
      expect(visibleLength(p)).toBeLessThanOrEqual(4096);
    }
    expect(pieces.map(visibleText).join("")).toBe("&😀".repeat(3000));
  });
});

describe("full text pages", () => {
  const long = fixtureArticles().find((a) => a.id === "long1")!;
  it("pages a long body under 4,096 per rendered page, whole text kept", () => {
    const pages = fullTextPages(long);
    expect(pages.length).toBeGreaterThan(5);
    for (let i = 0; i < pages.length; i++) {
      const { text, page, pages: n } = renderFullTextPage(long, i);
      expect(page).toBe(i);
      expect(n).toBe(pages.length);
      expect(visibleLength(text)).toBeLessThanOrEqual(4096);
      expect(parseTelegramHtml(text).ok).toBe(true);
    }
    expect(renderFullTextPage(long, 999).page).toBe(pages.length - 1);
    expect(visibleText(pages.at(-1)!)).toContain("The end.");
  });

  it("keeps headings bold and escapes hostile body text", () => {
    const evil = fixtureArticles().find((a) => a.id === "evil")!;
    const [page] = fullTextPages(evil);
    expect(page).toBe(
      "<b>&lt;h1&gt;Heading&lt;/h1&gt;</b>\n\nBody with &lt;script&gt;evil()&lt;/script&gt; &amp; entities &amp;amp; &amp;lt;.",
    );
  });
});
