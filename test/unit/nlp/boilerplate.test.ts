import { describe, expect, it } from "vitest";
import { cleanSentence } from "../../../src/nlp/boilerplate.js";
import { buildDocument } from "../../../src/nlp/document.js";

describe("cleanSentence", () => {
  const cases: [string, string][] = [
    ["(CNN) -- Former star Mike will get counseling.", "Former star Mike will get counseling."],
    ["(CNN)The Palestinian Authority became a member.", "The Palestinian Authority became a member."],
    [
      "GAZA (Reuters) - Hamas said on Sunday it would not surrender.",
      "Hamas said on Sunday it would not surrender.",
    ],
    ["MADRID (AP) – Spain's misery will get worse.", "Spain's misery will get worse."],
    ["LONDON, Jan. 27— The book was defended today.", "The book was defended today."],
    ["CEDAR RAPIDS, Iowa — Officially, Mitt Romney returned.", "Officially, Mitt Romney returned."],
    ["Updated Jul 7, 2012 6:40 PM ET Juventus lead the chase.", "Juventus lead the chase."],
    [
      "12/28/2015 AT 04:50 PM EST Like a lot of funny people, she is candid.",
      "Like a lot of funny people, she is candid.",
    ],
    [
      "Photograph: Kevork Djansezian/Getty Images The man accused remained silent.",
      "The man accused remained silent.",
    ],
    [
      "JAE S. LEE / THE TENNESSEAN In his new book, he wrote about money.",
      "In his new book, he wrote about money.",
    ],
  ];
  for (const [input, text] of cases) {
    it(`strips the lead-in of "${input.slice(0, 30)}…"`, () => {
      const c = cleanSentence(input);
      expect(c.text).toBe(text);
      expect(c.boilerplate).toBe(false);
      expect(input.endsWith(c.text)).toBe(true);
    });
  }

  it("leaves prose that merely starts with a date alone", () => {
    expect(cleanSentence("On Oct. 7, 2023, Hamas attacked southern Israel.").text).toBe(
      "On Oct. 7, 2023, Hamas attacked southern Israel.",
    );
    expect(cleanSentence("At 10:30 a.m. on Sunday, police arrived.").text).toBe(
      "At 10:30 a.m. on Sunday, police arrived.",
    );
  });

  it("flags captions, credits, bylines and page furniture", () => {
    for (const s of [
      "Displaced Palestinians walk among the ruins in Khan Younis, Gaza Strip, Saturday, Nov. 8, 2025. (AP)",
      "Here are top moments from the hearing. (Sarah Parnass/The Washington Post)",
      "Editor's note: John Avlon is a CNN contributor.",
      "By Gary Graves, USA TODAY",
      "By Jane Smith",
      "TT",
      "Read more: the full report",
      "Follow us on Twitter @briefly",
    ]) {
      expect(cleanSentence(s).boilerplate, s).toBe(true);
    }
  });
});

describe("buildDocument", () => {
  it("drops a scraped preamble (caption, editor's note) before the dateline", () => {
    const units = buildDocument({
      title: "",
      paragraphs: [
        "A worker sets up a polling station in Florida. Editor's note: John Avlon is a CNN contributor. He is co-editor of a book. (CNN) -- Republican turnout is down this year. It is a sign of an enthusiasm gap.",
      ],
    });
    expect(units.filter((u) => u.eligible).map((u) => u.text)).toEqual([
      "Republican turnout is down this year.",
      "It is a sign of an enthusiasm gap.",
    ]);
  });

  it("drops Daily Mail style header fragments set off with ' . '", () => {
    const units = buildDocument({
      title: "",
      paragraphs: [
        "By . Daily Mail Reporter . PUBLISHED: . 04:55 EST, 2 May 2013 . | . UPDATED: . 05:49 EST, 2 May 2013 . The bishop of the Fargo diocese has exposed hundreds of church members to hepatitis A. Officials say the risk is low but want to alert people anyway.",
      ],
    });
    expect(units.filter((u) => u.eligible).map((u) => u.text)).toEqual([
      "The bishop of the Fargo diocese has exposed hundreds of church members to hepatitis A.",
      "Officials say the risk is low but want to alert people anyway.",
    ]);
  });

  it("marks the caption, headings, the title and repeats ineligible", () => {
    const units = buildDocument({
      title: "Talks resume in Cairo",
      caption: "Delegates arrive in Cairo on Monday.",
      headings: ["What comes next"],
      paragraphs: [
        "Talks resume in Cairo",
        "Delegates arrive in Cairo on Monday.",
        "Negotiators met in Cairo on Monday to restart the talks.",
        "What comes next",
        "Negotiators met in Cairo on Monday to restart the talks.",
      ],
    });
    expect(units.filter((u) => u.eligible).map((u) => u.text)).toEqual([
      "Negotiators met in Cairo on Monday to restart the talks.",
    ]);
  });
});
