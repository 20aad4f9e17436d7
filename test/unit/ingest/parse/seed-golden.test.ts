/** Golden test on the real seed dump: every field of every article, as a reader would see it. */
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../../../src/ingest/parse/index.js";
import { parseContent } from "../../../../src/ingest/parse/index.js";
import { projectFile } from "./helpers.js";

const SEED = "content/asharq-al-awsat-2025-11-09.txt";

function parseSeed(): ParseResult {
  return parseContent({ bytes: projectFile(SEED), fileName: "asharq-al-awsat-2025-11-09.txt" });
}

const paragraphs = (r: ParseResult, i: number) =>
  r.articles[i]!.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
const headings = (r: ParseResult, i: number) =>
  r.articles[i]!.blocks.filter((b) => b.kind === "heading").map((b) => b.text);

describe("the seed dump (asharq-al-awsat-2025-11-09.txt)", () => {
  const result = parseSeed();

  it("is detected as plain text and yields exactly the four articles, in order, with their start lines", () => {
    expect(result.format).toBe("text");
    expect(result.warnings).toEqual([]);
    expect(result.articles.map((a) => a.title)).toEqual([
      "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
      "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
      "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
      "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
    ]);
    expect(result.articles.map((a) => a.line)).toEqual([1, 80, 104, 146]);
  });

  it("keeps the first and last paragraph of each article exactly", () => {
    const ends = result.articles.map((_, i) => {
      const p = paragraphs(result, i);
      return [p[0], p[p.length - 1]];
    });
    expect(ends).toEqual([
      [
        "A year ago, few would have imagined this scene: Syrian President Ahmed al-Sharaa sitting in one of the Kremlin’s grandest halls, warmly received, while opposite him, President Vladimir Putin was flanked by Russia’s top decision-makers.",
        "The presidents reportedly agreed to resume flights between Moscow and Damascus—a small but symbolic step in normalizing ties. The Syrian foreign and defense ministers remained in Moscow after al-Sharaa’s departure, with reports suggesting upcoming agreements with Russia, though details have yet to be disclosed.",
      ],
      [
        "An Israeli government spokesperson said on Sunday that Turkish soldiers would not be deployed to Gaza as part of a multinational force that is meant to take over from the Israeli military.",
        'Vice President JD Vance last month said there would be a "constructive role" for Ankara to play but that Washington wouldn\'t force anything on Israel when it came to foreign troops "on their soil".',
      ],
      [
        "Hamas fighters holed up in the Israeli-held Rafah area of Gaza will not surrender to Israel, the group's armed wing said on Sunday, urging mediators to find a solution to a crisis that threatens the month-old ceasefire.",
        "Hamas-led fighters seized 251 hostages in the October 7 attacks and killed another 1,200 people, according to Israeli tallies. Israel's retaliatory offensive has killed nearly 69,000 Palestinians, health officials in the enclave say.",
      ],
      [
        "Israel on Sunday received the remains of a hostage in Gaza which Hamas says is the body of an Israeli soldier who was killed in 2014 and has been held in Gaza for the past 11 years. During the current ceasefire, his remains were the only ones held in Gaza that predated the war between Israel and Hamas.",
        "“We were a symbol of failure,” Goldin recalled. “They told us, ‘we aren’t like you, our kids will come back soon.’”",
      ],
    ]);
    expect(paragraphs(result, 0)).toHaveLength(27);
    expect(paragraphs(result, 1)).toHaveLength(6);
    expect(paragraphs(result, 2)).toHaveLength(15);
    expect(paragraphs(result, 3)).toHaveLength(20);
  });

  it("finds the section headings and nothing else as headings", () => {
    expect(headings(result, 0)).toEqual([
      "Putin and al-Sharaa Meeting in Moscow",
      "Russian Military Bases",
      "Assad and Transitional Justice",
      "Russian Debt and Reconstruction",
      "Energy, Transport, and Humanitarian Support",
      "Moving Forward",
    ]);
    expect(headings(result, 1)).toEqual([]);
    expect(headings(result, 2)).toEqual([]);
    expect(headings(result, 3)).toEqual(["Positive development in the truce"]);
    // A heading sits right before the paragraph it introduces.
    const kremlin = result.articles[0]!.blocks;
    const bases = kremlin.findIndex((b) => b.text === "Russian Military Bases");
    expect(kremlin[bases + 1]?.text).toMatch(
      /^Behind the public optics lay meticulously orchestrated protocols/,
    );
  });

  it("takes the caption once, with the credit split off and normalised", () => {
    expect(result.articles.map((a) => [a.caption, a.credit])).toEqual([
      [
        "Russian President Vladimir Putin welcomes Syrian President Ahmed al-Sharaa at the Kremlin, Wednesday.",
        "DPA",
      ],
      [
        "09 November 2025, Palestinian Territories, Nusairat: Palestinians whose homes were destroyed in Israeli attacks are struggling to survive in makeshift tents built over the rubble in the El Mugraka area in central Gaza on November 9, 2025.",
        "DPA",
      ],
      [
        "Displaced Palestinians walk among the ruins of destroyed buildings in Khan Younis, Gaza Strip, Saturday, Nov. 8, 2025.",
        "AP",
      ],
      [
        "Displaced Palestinians walk among heavily damaged buildings in Khan Younis refugee camp, southern Gaza Strip, 08 November 2025.",
        "EPA",
      ],
    ]);
  });

  it("dates an article from its caption, and only when the caption names a full date", () => {
    expect(result.articles.map((a) => a.published)).toEqual([
      null,
      "2025-11-09T00:00:00.000Z",
      "2025-11-08T00:00:00.000Z",
      "2025-11-08T00:00:00.000Z",
    ]);
    expect(result.articles.every((a) => a.source === null && a.url === null && a.author === null)).toBe(true);
  });

  it("leaves no boilerplate, repeated header, caption or duplicate in any body", () => {
    for (const article of result.articles) {
      const texts = article.blocks.map((b) => b.text);
      expect(texts).not.toContain("TT");
      expect(texts).not.toContain(article.title);
      expect(texts.some((t) => t.includes(article.caption!))).toBe(false);
      expect(
        texts.some(
          (t) =>
            t.startsWith("Displaced Palestinians walk") ||
            t.startsWith("Russian President Vladimir Putin welcomes"),
        ),
      ).toBe(false);
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it("keeps curly quotes, dashes and non-English letters, and leaves no NBSP or double space", () => {
    const all = result.articles.flatMap((a) => [a.title, a.caption ?? "", ...a.blocks.map((b) => b.text)]);
    const joined = all.join("\n");
    expect(joined).toContain("Türkiye");
    expect(joined).toContain("Kremlin’s grandest halls");
    expect(joined).toContain("“dead or alive”—and");
    for (const text of all) {
      expect(text).not.toMatch(/\u00A0| {2}|^\s|\s$/);
      expect(text.normalize("NFC")).toBe(text);
    }
  });
});
