/**
 * Big and adversarial inputs finish and return the right count: no catastrophic regex, no
 * quadratic step. (No timing assertions: the machine is shared; completion within the test
 * timeout is the check.)
 */
import { describe, expect, it } from "vitest";
import { parseString } from "./helpers.js";

const paragraph = (i: number, j: number) =>
  `Paragraph ${j} of story ${i} says that officials\u00A0met on Sunday, and that talks would continue next week in the capital, according to sources.`;

function dump(articles: number): string {
  const parts: string[] = [];
  for (let i = 0; i < articles; i++) {
    const title = `Story Number ${i} Makes Headlines`;
    const caption = "People gather in the square, 08 November 2025. (AP)";
    const body = [0, 1, 2, 3].map((j) => paragraph(i, j)).join("\n\n");
    const more = [4, 5, 6, 7].map((j) => paragraph(i, j)).join("\n\n");
    parts.push(
      `${title}\n\n${caption}\n${caption}\nTT\n\n${title}\n\n${caption}\n${caption}\n\n${body}\n\nA Section Heading\n\n${more}\n\n\n`,
    );
  }
  return parts.join("");
}

describe("large inputs", () => {
  it("parses a ~5 MB dump of 3,500 articles", () => {
    const text = dump(3500);
    expect(text.length).toBeGreaterThan(4_500_000);
    const result = parseString(text, "big.txt");
    expect(result.articles).toHaveLength(3500);
    const last = result.articles[3499]!;
    expect(last.title).toBe("Story Number 3499 Makes Headlines");
    expect(last.blocks).toHaveLength(9);
    expect(last.blocks[4]).toEqual({ kind: "heading", text: "A Section Heading" });
    expect(last).toMatchObject({ credit: "AP", published: "2025-11-08T00:00:00.000Z" });
  });

  it("parses a 5 MB single paragraph", () => {
    const result = parseString(`Headline\n\n${"word ".repeat(1_000_000)}`, "big.txt");
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0]!.blocks[0]!.text).toHaveLength(4_999_999);
  });

  it("parses 20,000 JSON Lines", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ title: `T ${i}`, text: "Body text here. ".repeat(15) }),
    );
    expect(parseString(lines.join("\n"), "a.jsonl").articles).toHaveLength(20_000);
  });

  it("survives lines full of unmatched Markdown markers, brackets and parentheses", () => {
    const md = parseString(`# T\n\n${"*a _b [c](d `e ~~f ".repeat(60_000)}`, "big.md");
    expect(md.articles).toHaveLength(1);
    const text = parseString(`T\n\n${"(((( ".repeat(200_000)}\n`, "x.txt");
    expect(text.articles).toHaveLength(1);
  });

  it("locates the error in a truncated 5 MB JSON file", () => {
    const records = Array.from({ length: 20_000 }, (_, i) =>
      JSON.stringify({ title: `T ${i}`, text: "Body text here. ".repeat(15) }),
    );
    expect(() => parseString(`[${records.join(",\n")}`, "a.json")).toThrow(
      /^invalid JSON at line 20000, column \d+: the file ends inside an array \(is it truncated\?\)$/,
    );
  });
});
