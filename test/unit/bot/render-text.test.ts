import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderArticleCard, renderArticleItem } from "../../../src/bot/render/article.js";
import { squash } from "../../../src/bot/render/text.js";
import { fixtureArticles } from "../../helpers/fixture-reader.js";

/** Whitespace of every kind squash must handle: tabs, newlines, NBSP, thin and ideographic spaces. */
const spacey = fc.string({
  unit: fc.constantFrom(
    "a",
    "b",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u2009",
    "\u3000",
    "é",
    "😀",
    "غ",
  ),
});

describe("squash", () => {
  it("equals collapsing every whitespace run and trimming, whether or not the fast path is taken", () => {
    fc.assert(
      fc.property(spacey, (text) => {
        expect(squash(text)).toBe(text.replace(/\s+/g, " ").trim());
      }),
      { numRuns: 2000 },
    );
  });

  it("returns clean text as it is", () => {
    expect(squash("Israel Receives Body of a Hostage")).toBe("Israel Receives Body of a Hostage");
    expect(squash("  two\n lines ")).toBe("two lines");
  });
});

describe("per-article render memo", () => {
  it("renders the same article object to the same text as a fresh copy of it", () => {
    for (const article of fixtureArticles()) {
      const first = renderArticleCard(article);
      expect(renderArticleCard(article)).toBe(first);
      expect(renderArticleCard({ ...article })).toBe(first);
      expect(renderArticleItem(article, 3)).toBe(renderArticleItem({ ...article }, 3));
      expect(renderArticleItem(article, 7).startsWith("7. ")).toBe(true);
    }
  });

  it("does not carry a rendering over to a changed article", () => {
    const [article] = fixtureArticles();
    const before = renderArticleCard(article!);
    const changed = { ...article!, title: "A Different Headline Entirely" };
    expect(renderArticleCard(changed)).not.toBe(before);
    expect(renderArticleCard(changed)).toContain("A Different Headline Entirely");
  });
});
