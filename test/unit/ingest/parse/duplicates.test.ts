/** finalize: an article repeated in one file (same title and blocks) is kept once, with a warning. */
import { describe, expect, it } from "vitest";
import { parseString } from "./helpers.js";

describe("duplicates within a file", () => {
  it("keeps the first of identical articles and names its line; same title, other text is kept", () => {
    const line = (title: string, text: string) => JSON.stringify({ title, text });
    const result = parseString(
      [
        line("Storm hits coast", "Winds of 100 km/h.\n\nPower is out."),
        line("Other story", "Nothing to do with it."),
        line("Storm hits coast", "Winds of 100 km/h.\n\nPower is out."),
        line("Storm hits coast", "Winds of 100 km/h.\n\nPower is back."),
        line("Storm hits  coast", "Winds  of 100 km/h.\n\n Power is out. "),
      ].join("\n"),
      "a.jsonl",
    );
    expect(result.articles.map((a) => [a.title, a.line])).toEqual([
      ["Storm hits coast", 1],
      ["Other story", 2],
      ["Storm hits coast", 4],
    ]);
    expect(result.warnings).toEqual([
      { line: 3, message: '"Storm hits coast" is a duplicate of the article on line 1; skipped' },
      { line: 5, message: '"Storm hits coast" is a duplicate of the article on line 1; skipped' },
    ]);
  });
});
