import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../src/digest/compose.js";
import { escapeHtml, escapeTruncated } from "../../../src/digest/html.js";
import { MESSAGE_LIMIT, renderDigest } from "../../../src/digest/render.js";
import type { Digest, DigestItem } from "../../../src/digest/types.js";
import { makeSub, seedArticles } from "./fixtures.js";

const NOW = new Date("2025-11-09T12:00:00.000Z");

function item(n: number, over: Partial<DigestItem> = {}): DigestItem {
  return {
    storyId: `s${n}`,
    articleId: `a${n}`,
    title: `Title ${n}`,
    summary: [`Summary ${n}.`],
    source: "Wire",
    published: "2025-11-09T10:15:00.000Z",
    articles: 1,
    sources: 1,
    score: 1,
    ...over,
  };
}

function digestOf(items: DigestItem[], total = items.length): Digest {
  return {
    chatId: 1,
    generatedAt: NOW.toISOString(),
    since: null,
    groups: [{ topic: { id: "t", name: "Topic" }, items }],
    total,
    empty: false,
  };
}

/** Text with our own tags removed: what is left must contain no raw markup. */
const withoutOwnTags = (html: string) => html.replace(/<\/?(b|i|u)>/g, "");

describe("renderDigest", () => {
  it("renders the seed digest: headings, numbered items, source and local time, a button per story", () => {
    const digest = composeDigest({ sub: makeSub(), articles: seedArticles(), now: NOW })!;
    const { text, buttons, shown, more } = renderDigest(digest, { timezone: "Europe/Berlin" });
    expect(
      text.startsWith(
        "<b>Your news digest</b> · Sun 9 Nov\n\n<u><b>Kremlin</b></u>\n1. <b>First Putin-Al-Sharaa",
      ),
    ).toBe(true);
    expect(text).toContain(
      "<u><b>Gaza</b></u>\n2. <b>Israeli Government Spokesperson Rules Out Turkish Forces in Gaza</b>",
    );
    expect(text).toContain("<i>Asharq Al-Awsat · 9 Nov, 01:00</i>");
    expect(text).toContain(
      "4. <b>Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin</b>",
    );
    expect(buttons).toEqual([
      [
        { text: "1", data: "article:seed-1" },
        { text: "2", data: "article:seed-2" },
        { text: "3", data: "article:seed-3" },
        { text: "4", data: "article:seed-4" },
      ],
    ]);
    expect([shown, more]).toEqual([4, 0]);
  });

  it("escapes hostile titles, summaries and sources", () => {
    const hostile = item(1, {
      title: `<script>alert("x")</script> & <b>bold</b>`,
      summary: ["1 < 2 && 3 > 2", "<a href='x'>link</a>"],
      source: "A&B <News>",
    });
    const { text } = renderDigest(digestOf([hostile]), { timezone: "UTC" });
    expect(text).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(text).toContain("1 &lt; 2 &amp;&amp; 3 &gt; 2 &lt;a href='x'&gt;link&lt;/a&gt;");
    expect(text).toContain("A&amp;B &lt;News&gt;");
    expect(withoutOwnTags(text)).not.toMatch(/[<>]/);
  });

  it("stays within 4,096 UTF-16 units and turns the rest into 'N more' with a button", () => {
    const long = Array.from({ length: 20 }, (_, i) => item(i + 1, { summary: ["word ".repeat(100)] }));
    const r = renderDigest(digestOf(long, 27), { timezone: "UTC" });
    expect(r.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(r.shown).toBeGreaterThan(3);
    expect(r.shown).toBeLessThan(20);
    expect(r.shown + r.more).toBe(27);
    expect(r.text.endsWith(`…and ${r.more} more stories.`)).toBe(true);
    expect(r.buttons.at(-1)).toEqual([{ text: `${r.more} more`, data: `digest:more:${r.shown}` }]);
    expect(r.buttons.flat().filter((b) => b.data.startsWith("article:"))).toHaveLength(r.shown);
  });

  it("continues after an offset, numbering on", () => {
    const items = Array.from({ length: 6 }, (_, i) => item(i + 1));
    const r = renderDigest(digestOf(items), { timezone: "UTC", offset: 4 });
    expect(r.text).toContain("5. <b>Title 5</b>");
    expect(r.text).not.toContain("Title 4<");
    expect(r.buttons).toEqual([
      [
        { text: "5", data: "article:a5" },
        { text: "6", data: "article:a6" },
      ],
    ]);
  });

  it("a 'nothing new' note names the previous digest in the reader's zone", () => {
    const empty: Digest = { ...digestOf([], 0), groups: [], empty: true, since: "2025-11-08T06:30:00.000Z" };
    expect(renderDigest(empty, { timezone: "Asia/Kolkata" }).text).toBe(
      "<b>Your news digest</b> · Sun 9 Nov\n\nNothing new since Sat 8 Nov, 12:00.",
    );
  });

  it("property: any text is escaped, the limit holds and every story is shown or counted", () => {
    const arbText = fc.string({
      unit: fc.constantFrom("<", ">", "&", "a", " ", "é", "😀", "\n", "&amp;"),
      maxLength: 3000,
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: arbText, summary: arbText, source: arbText }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 30 }),
        (raw, extra) => {
          const items = raw.map((r, i) =>
            item(i, { title: r.title, summary: [r.summary], source: r.source }),
          );
          const r = renderDigest(digestOf(items, items.length + extra), { timezone: "UTC" });
          expect(r.text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
          expect(r.shown).toBeGreaterThanOrEqual(1);
          expect(r.shown + r.more).toBe(items.length + extra);
          const bare = withoutOwnTags(r.text);
          expect(bare).not.toMatch(/[<>]/);
          expect(bare).not.toMatch(/&(?!(amp|lt|gt);)/);
          expect(r.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("html helpers", () => {
  it("escapeHtml escapes exactly &, < and >", () => {
    expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe(`a &amp; b &lt; c &gt; d "e" 'f'`);
  });

  it("escapeTruncated never splits an entity or an emoji", () => {
    expect(escapeTruncated("&&&&", 7)).toBe("&amp;…");
    expect(escapeTruncated("😀😀😀", 4)).toBe("😀…");
    expect(escapeTruncated("short", 10)).toBe("short");
  });
});
