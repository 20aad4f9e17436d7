import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ITEM_BUDGET, renderArticleCard, renderArticleItem } from "../../../src/bot/render/article.js";
import { cleanUserText, escapeHtml, link, visibleLength, visibleText } from "../../../src/bot/render/html.js";
import { renderBrief } from "../../../src/bot/render/list.js";
import { clip, formatDate } from "../../../src/bot/render/text.js";
import { parseTelegramHtml } from "../../helpers/fake-bot-api-html.js";
import { fixtureArticles, makeArticle } from "../../helpers/fixture-reader.js";

const evil = fixtureArticles().find((a) => a.id === "evil")!;

describe("escaping", () => {
  it("escapes the three HTML specials and quotes", () => {
    expect(escapeHtml(`<script>alert("x")</script> & co`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co",
    );
  });

  it("keeps hostile article text visible verbatim and the HTML valid for Telegram", () => {
    for (const html of [renderArticleItem(evil, 1), renderArticleCard(evil)]) {
      const parsed = parseTelegramHtml(html);
      expect(parsed.ok, html).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.text).toContain('<script>alert("x")</script> & <b>Bold</b> claims');
      expect(parsed.text).toContain("Tom & Jerry <News>");
      expect(parsed.entities.every((e) => ["bold", "italic", "text_link"].includes(e.type))).toBe(true);
    }
    expect(renderArticleCard(evil)).toContain('<a href="https://example.com/a?b=1&amp;c=2">');
  });

  it("never links a non-web URL", () => {
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link('https://x.org/"><b>', "x")).toBe("x");
  });

  it("renders arbitrary article text into valid Telegram HTML (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.string({ maxLength: 200 }),
        (title, summary) => {
          const a = makeArticle({
            id: "p1",
            title,
            summary: [summary],
            source: title,
            url: `https://e.org/${encodeURIComponent(title)}`,
          });
          for (const html of [renderArticleItem(a, 3), renderArticleCard(a)]) {
            const parsed = parseTelegramHtml(html);
            if (!parsed.ok) throw new Error(`${parsed.description}: ${html}`);
          }
        },
      ),
    );
  });

  it("keeps list items within their budget whatever the text (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 2000 }),
        fc.array(fc.string({ unit: "binary", maxLength: 800 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 100_000 }),
        (title, summary, n) => {
          const a = makeArticle({ id: "p2", title, summary, source: title });
          expect(visibleLength(renderArticleItem(a, n))).toBeLessThanOrEqual(ITEM_BUDGET);
          expect(visibleLength(renderArticleCard(a))).toBeLessThanOrEqual(4096);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("visible length", () => {
  it("counts text after entity parsing in UTF-16 units", () => {
    expect(visibleLength("<b>a&amp;b</b>")).toBe(3);
    expect(visibleLength("😀")).toBe(2);
    expect(visibleLength("مرحبا")).toBe(5);
    expect(visibleText('<a href="x">&lt;tag&gt;</a>')).toBe("<tag>");
  });

  it("agrees with the fake Telegram parser on escaped text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const html = `<b>${escapeHtml(s)}</b>`;
        const parsed = parseTelegramHtml(html);
        expect(parsed.ok && parsed.text.length).toBe(visibleLength(html));
      }),
    );
  });
});

describe("text helpers", () => {
  it("clips at a word and never splits a surrogate pair", () => {
    expect(clip("hello wonderful world", 18)).toBe("hello wonderful…");
    expect(clip("hello wonderful world", 12)).toBe("hello wonde…");
    expect(clip("short", 5)).toBe("short");
    expect(clip("😀😀😀", 4)).toBe("😀…");
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 0, max: 50 }), (s, n) => {
        const c = clip(s, n);
        expect(c.length).toBeLessThanOrEqual(Math.max(n, 0));
        expect(c).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
    );
  });

  it("formats dates in UTC, whatever the local zone", () => {
    expect(formatDate("2025-11-09T23:30:00-05:00")).toBe("10 Nov 2025");
    expect(formatDate(null)).toBeNull();
    expect(formatDate("not a date")).toBeNull();
  });

  it("cleans control and bidi-override characters out of user text, keeping Arabic and emoji", () => {
    expect(cleanUserText("\u202eغزة\u0000 🙂\u0007  news\n")).toBe("غزة 🙂 news");
  });
});

describe("topic brief", () => {
  const [a1, a2, a3] = fixtureArticles();
  it("attributes each sentence: listed sources by number (linked when they have a URL), others by title", () => {
    const html = renderBrief(
      [
        { text: "One & two.", articleId: "a1" },
        { text: "Three.", articleId: "a2" },
        { text: "Four.", articleId: "a3" },
      ],
      [a2!, a1!],
      0,
      new Map([["a3", a3!]]),
    );
    expect(html).toBe(
      '<blockquote>One &amp; two.<a href="https://example.com/putin-sharaa">²</a>\nThree.¹\nFour. — <i>Hamas Says Fighters Holed up in Rafah Will Not Surrender</i></blockquote>',
    );
  });
});
