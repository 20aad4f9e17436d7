/** The small pure pieces: text normalisation, dates, captions and format detection. */
import { describe, expect, it } from "vitest";
import { canonicalCredit, splitCredit } from "../../../../src/ingest/parse/captions.js";
import { findDateInText, parseDateValue } from "../../../../src/ingest/parse/dates.js";
import { detectFormat, normalizeText } from "../../../../src/ingest/parse/index.js";
import { isHeadlineLike, isSectionHeading } from "../../../../src/ingest/parse/text-rules.js";

describe("normalizeText", () => {
  it("collapses NBSP, tabs, zero-width and line breaks, trims, and composes to NFC", () => {
    expect(normalizeText("\u00A0 Positive\tdevelopment\u200B in the truce\u00A0\u00A0 \n")).toBe(
      "Positive development in the truce",
    );
    expect(normalizeText("Tu\u0308rkiye")).toBe("Türkiye");
    expect(normalizeText("e\u200B\u0301")).toBe("é");
  });

  it("keeps curly quotes, dashes and non-English letters", () => {
    const s = "“dead or alive”—and al-Sharaa’s Türkiye – ‘ok’ … Ελλάδα العربية";
    expect(normalizeText(s)).toBe(s);
  });
});

describe("dates", () => {
  it("reads the caption date styles of the seed as midnight UTC", () => {
    expect(
      findDateInText("09 November 2025, Palestinian Territories, Nusairat: … on November 9, 2025."),
    ).toBe("2025-11-09T00:00:00.000Z");
    expect(findDateInText("Khan Younis, Gaza Strip, Saturday, Nov. 8, 2025.")).toBe(
      "2025-11-08T00:00:00.000Z",
    );
    expect(findDateInText("southern Gaza Strip, 08 November 2025.")).toBe("2025-11-08T00:00:00.000Z");
    expect(findDateInText("at the Kremlin, Wednesday.")).toBeNull();
    expect(findDateInText("on 31 November 2025")).toBeNull();
  });

  it("reads structured dates without the machine's time zone", () => {
    expect(parseDateValue("2025-11-09")).toBe("2025-11-09T00:00:00.000Z");
    expect(parseDateValue("2025-11-09T10:00:00")).toBe("2025-11-09T10:00:00.000Z");
    expect(parseDateValue("2025-11-09T10:00:00+02:00")).toBe("2025-11-09T08:00:00.000Z");
    expect(parseDateValue("Sat, 08 Nov 2025 10:00:00 GMT")).toBe("2025-11-08T10:00:00.000Z");
    expect(parseDateValue("Sat, 08 Nov 2025 10:00:00 EST")).toBe("2025-11-08T15:00:00.000Z");
    expect(parseDateValue(1_762_646_400)).toBe("2025-11-09T00:00:00.000Z");
    expect(parseDateValue(new Date(Date.UTC(2025, 10, 9)))).toBe("2025-11-09T00:00:00.000Z");
    expect(parseDateValue("November 8, 2025")).toBe("2025-11-08T00:00:00.000Z");
    expect(parseDateValue("soon")).toBeNull();
    expect(parseDateValue("0001-01-01")).toBeNull();
  });
});

describe("captions", () => {
  it("splits a trailing agency credit and spells known agencies canonically", () => {
    expect(splitCredit("Putin welcomes al-Sharaa at the Kremlin, Wednesday. (DPA)")).toEqual({
      caption: "Putin welcomes al-Sharaa at the Kremlin, Wednesday.",
      credit: "DPA",
    });
    expect(splitCredit("Tents over the rubble on November 9, 2025. (dpa)").credit).toBe("DPA");
    expect(splitCredit("A street in Gaza. (AP Photo/Abdel Kareem Hana)").credit).toBe(
      "AP Photo/Abdel Kareem Hana",
    );
    expect(canonicalCredit("reuters")).toBe("Reuters");
  });

  it("leaves a parenthetical remark in the caption", () => {
    expect(splitCredit("Leaders meet (which had been delayed for weeks)")).toEqual({
      caption: "Leaders meet (which had been delayed for weeks)",
      credit: null,
    });
    expect(splitCredit("(AFP)")).toEqual({ caption: "(AFP)", credit: null });
  });
});

describe("headlines", () => {
  it("are short lines that do not end like a sentence", () => {
    expect(isHeadlineLike("Hamas Says Fighters Holed up in Rafah Will Not Surrender")).toBe(true);
    expect(isHeadlineLike("Is This the End of the Truce?")).toBe(true);
    expect(isHeadlineLike("Syria’s Leader Heads to the U.S.")).toBe(true);
    expect(isHeadlineLike("He said the talks would go on.")).toBe(false);
    expect(isHeadlineLike("Officials said:")).toBe(false);
    expect(isHeadlineLike("x".repeat(251))).toBe(false);
    expect(isHeadlineLike("2025")).toBe(false);
  });
});

describe("section headings", () => {
  it("are short, unpunctuated lines that introduce a paragraph", () => {
    const paragraph =
      "Behind the public optics lay meticulously orchestrated protocols, a hallmark of Kremlin diplomacy.";
    expect(isSectionHeading("Russian Military Bases", paragraph)).toBe(true);
    expect(isSectionHeading("Positive development in the truce", paragraph)).toBe(true);
    expect(isSectionHeading("Russian Military Bases", undefined)).toBe(false);
    expect(isSectionHeading("He said no.", paragraph)).toBe(false);
    expect(isSectionHeading("lowercase start here", paragraph)).toBe(false);
    expect(isSectionHeading("Heading", "Another Heading")).toBe(false);
  });
});

describe("detectFormat", () => {
  it("detects by content first", () => {
    expect(detectFormat("---\ntitle: x\n---\nbody", "a.txt")).toBe("markdown");
    expect(detectFormat("# Title\n\nbody", "a.txt")).toBe("markdown");
    expect(detectFormat('[{"title": "x"}]', "a.txt")).toBe("json");
    expect(detectFormat('{"title": "a"}\n{"title": "b"}\n', "a.json")).toBe("jsonl");
    expect(detectFormat('{\n  "title": "a"\n}\n', "a.jsonl")).toBe("json");
    expect(detectFormat('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', "a.txt")).toBe("rss");
    expect(detectFormat('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "a.xml")).toBe(
      "atom",
    );
    expect(detectFormat("<!DOCTYPE html><html>", "a.xml")).toBe("html");
    expect(detectFormat("Headline\n\nBody.", "a.json")).toBe("text");
    expect(detectFormat("[Updated] Storm Hits the Coast\n\nBody.", "a.txt")).toBe("text");
  });

  it("uses the extension only to break ties", () => {
    expect(detectFormat("Title\n\nBody without any Markdown.", "a.md")).toBe("markdown");
    expect(detectFormat('{"title": "a", \n{"title": \n', "a.jsonl")).toBe("jsonl");
    expect(detectFormat('{"title": "a", \n{"title": \n', "a.json")).toBe("json");
    expect(detectFormat("<div><p>Fragment</p></div>", "a.htm")).toBe("html");
  });

  it("returns null for blank text and for XML that is not a feed", () => {
    expect(detectFormat(" \n\u00A0", "a.txt")).toBeNull();
    expect(detectFormat('<?xml version="1.0"?><svg/>', "a.xml")).toBeNull();
  });
});
