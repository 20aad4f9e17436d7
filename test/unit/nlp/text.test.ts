import { describe, expect, it } from "vitest";
import { countWords, foldKey, slugify, tokenize } from "../../../src/nlp/index.js";
import { contentStems } from "../../../src/nlp/tokens.js";

describe("foldKey", () => {
  it("folds case, diacritics, al-/el- prefixes, possessives and acronym dots", () => {
    expect(foldKey("Türkiye")).toBe("turkiye");
    expect(foldKey("TÜRKIYE")).toBe("turkiye");
    expect(foldKey("al-Sharaa")).toBe("sharaa");
    expect(foldKey("Ahmed al-Sharaa")).toBe("ahmed sharaa");
    expect(foldKey("El-Sisi")).toBe("sisi");
    expect(foldKey("Kremlin’s")).toBe("kremlin");
    expect(foldKey("U.S.")).toBe("us");
    expect(foldKey("  Gaza   Strip! ")).toBe("gaza strip");
    expect(foldKey("Ørsted Łódź")).toBe("orsted lodz");
  });
});

describe("slugify", () => {
  it("keeps every word of the display name", () => {
    expect(slugify("Ahmed al-Sharaa")).toBe("ahmed-al-sharaa");
    expect(slugify("Türkiye")).toBe("turkiye");
    expect(slugify("U.S. Army")).toBe("us-army");
  });
});

describe("tokenize and stems", () => {
  it("gives lower-case word tokens with figures kept whole", () => {
    expect(tokenize("The U.S. economy grew 1.2bn; Israel's 69,176 Hamas-led")).toEqual([
      "the",
      "us",
      "economy",
      "grew",
      "1.2bn",
      "israel",
      "69176",
      "hamas",
      "led",
    ]);
  });

  it("drops stopwords and figures and stems the rest", () => {
    expect(contentStems("The fighters were surrendering 200 arms")).toEqual(["fighter", "surrend", "arm"]);
  });

  it("counts whitespace-separated words", () => {
    expect(countWords("  one two\nthree\t four ")).toBe(4);
    expect(countWords("")).toBe(0);
  });
});
