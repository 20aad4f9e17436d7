/**
 * The parser's fast paths give exactly what the slow paths they skip give: normalizeText's
 * shortcut for plain ASCII/Latin-1 text against the full NFC + regex form, and the shortcut
 * past the DOM for text with simple character references against linkedom itself.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block } from "../../../../src/domain/article.js";
import { type DomElement, domToBlocks, htmlFragmentToBlocks } from "../../../../src/ingest/parse/dom-text.js";
import { normalizeText } from "../../../../src/ingest/parse/normalize.js";
import { decodeSimpleEntities } from "../../../../src/ingest/parse/simple-entities.js";

// The full normalisation, as it was before the shortcut: the oracle.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the oracle removes control characters.
  /[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u00AD\u180E\u200B\u2060\uFEFF\uFFFE\uFFFF]/g;
function referenceNormalize(s: string): string {
  const collapsed = s
    .replace(INVISIBLE, "")
    .normalize("NFC")
    .replace(/[\s\u0085]+/g, " ");
  const start = collapsed.startsWith(" ") ? 1 : 0;
  const end = collapsed.endsWith(" ") ? collapsed.length - 1 : collapsed.length;
  return start >= end ? "" : collapsed.slice(start, end);
}

// The DOM path, always taken: what htmlFragmentToBlocks gave before the shortcut.
const linkedom = createRequire(import.meta.url)("linkedom") as {
  parseHTML(html: string): { document: { documentElement: DomElement } };
};
function viaDom(html: string): Block[] {
  const { document } = linkedom.parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return domToBlocks(document.documentElement);
}

/** Strings over characters near every boundary of the shortcut. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(" ", "  ", "\n", "\t", "\u00a0", "\u00ad", "\u0085", "\u200b", "\u2028", "\u202f"),
      fc.constantFrom(
        "e\u0301",
        "\u0301",
        "é",
        "£",
        "\u00ff",
        "\u0100",
        "\u2019",
        "\u2026",
        "\u20ac",
        "\u205f",
      ),
      fc.constantFrom("\u007f", "\u0080", "\u009f", "\u00a1", "\u00ac", "\u00ae", "\ufeff", "\u{1f600}"),
      fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("normalizeText shortcut", () => {
  it("equals the full normalisation on any string", () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(normalizeText(s)).toBe(referenceNormalize(s));
      }),
      { numRuns: 3000 },
    );
  });

  it("hands back plain text as is and trims its edges", () => {
    expect(normalizeText("The £8m bid — “agreed” at 9 a.m.")).toBe("The £8m bid — “agreed” at 9 a.m.");
    expect(normalizeText(" café ")).toBe("café");
    expect(normalizeText("two  spaces")).toBe("two spaces");
    expect(normalizeText("soft\u00adhyphen")).toBe("softhyphen");
    expect(normalizeText(" ")).toBe("");
  });
});

/** Text with references, ampersands and the odd angle bracket. */
const withReferences = fc
  .array(
    fc.oneof(
      fc.constantFrom("&#233;", "&#163;", "&#191;", "&#x41;", "&#X1F600;", "&#0233;", "&#128;", "&#150;"),
      fc.constantFrom("&#0;", "&#55296;", "&#1114112;", "&#9;", "&#10;", "&#65534;", "&#12345678;"),
      fc.constantFrom(
        "&amp;",
        "&lt;",
        "&gt;",
        "&quot;",
        "&apos;",
        "&nbsp;",
        "&AMP;",
        "&copy;",
        "&amp",
        "&ampx;",
      ),
      fc.constantFrom("&", " & ", "AT&T", "R&B", "&1", "&-", "&#", "&#;", "&#x;", "&notit;", "&not", "<"),
      fc.constantFrom("&Xi#", "&Ocy ", "&GT ", "&gt.", "&lt", "&B;", "&Bq ", "&xiB ", "&ab)", "M&S."),
      fc.constantFrom("<b>", "a < b", "\n\n", "  ", "Marks & Spencer"),
      fc.string({ unit: "grapheme-ascii", maxLength: 5 }),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(""));

describe("htmlFragmentToBlocks without a DOM", () => {
  it("gives the DOM's blocks for any text", () => {
    fc.assert(
      fc.property(withReferences, (s) => {
        expect(htmlFragmentToBlocks(s)).toEqual(viaDom(s));
      }),
      { numRuns: 1500 },
    );
  });

  it("decodes a BBC body with references without the DOM, as one paragraph", () => {
    const body = "A G7 communiqu&#233; on debt.\n\nMr Blair&#191;s reply &amp; &lt;( at Marks & Spencer";
    expect(decodeSimpleEntities(body)).toBe(
      "A G7 communiqué on debt.\n\nMr Blair¿s reply & <( at Marks & Spencer",
    );
    expect(htmlFragmentToBlocks(body)).toEqual([
      { kind: "paragraph", text: "A G7 communiqué on debt. Mr Blair¿s reply & <( at Marks & Spencer" },
    ]);
  });

  it("keeps every short name before every ending as the DOM does", () => {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const names = [...chars].flatMap((a) => [a, ...[...chars].map((b) => a + b)]);
    for (const end of " \n\t'()*+,-./:=[\\]^_`{|}~!\"#$%>?@;") {
      // One fragment per ending, every name in it, "&&" included: the parser's choices are local.
      const text = `${names.map((name) => `x&${name}${end}`).join(" ")} &Q`;
      expect(htmlFragmentToBlocks(text)).toEqual(viaDom(text));
      // Without the names decoded as they are ("&gt"), the common endings need no DOM.
      const kept = names.filter((name) => !/^(GT|LT|gt|lt)$/.test(name));
      const plain = `${kept.map((name) => `x&${name}${end}`).join(" ")} &Q`;
      if (" \n,.-)".includes(end)) expect(decodeSimpleEntities(plain)).toBe(plain);
    }
  });

  it("leaves markup, bare ampersands and special code points to the DOM", () => {
    for (const s of [
      "<p>x</p>",
      "AT&Txy &#233;",
      "&copy; 2025",
      "&#128;",
      "&#0;",
      "&amp",
      "&#; &#233;",
      "&GT ",
    ])
      expect(decodeSimpleEntities(s)).toBeNull();
  });
});
