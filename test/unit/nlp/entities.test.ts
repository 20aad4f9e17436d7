import { describe, expect, it } from "vitest";
import { findEntities } from "../../../src/nlp/entities.js";
import { splitSentences } from "../../../src/nlp/index.js";
import { articleTopics } from "../../../src/nlp/topics.js";

const entities = (text: string) =>
  Object.fromEntries(
    findEntities(splitSentences(text)).map((e) => [e.name, { kind: e.kind, mentions: e.mentions }]),
  );

describe("findEntities", () => {
  it("reads titles, demonyms and surnames", () => {
    const found = entities(
      "Russian President Vladimir Putin met Syrian President Ahmed al-Sharaa in Moscow. Putin said ties were strong. Al-Sharaa agreed.",
    );
    expect(found["Vladimir Putin"]).toEqual({ kind: "person", mentions: 2 });
    expect(found["Ahmed al-Sharaa"]).toEqual({ kind: "person", mentions: 2 });
    expect(found.Russia?.kind).toBe("place");
    expect(found.Syria?.kind).toBe("place");
    expect(found.Moscow?.kind).toBe("place");
  });

  it("gives a surname to the full name just before it, else to the first one introduced", () => {
    const found = entities(
      "Hamas said it found the body of the soldier, Hadar Goldin. Goldin was killed in 2014. His mother Leah Goldin spoke on Sunday. Goldin said she was relieved. Officials later confirmed that Goldin had been identified.",
    );
    expect(found["Hadar Goldin"]?.mentions).toBe(3);
    expect(found["Leah Goldin"]?.mentions).toBe(2);
  });

  it("splits compounds and possessives, and drops capitals that only open a sentence", () => {
    const found = entities(
      "Displaced Palestinians walked past the Kremlin’s gates. Experts said the Russia-Syria talks and US-brokered deals continue.",
    );
    expect(Object.keys(found).sort()).toEqual(["Kremlin", "Palestine", "Russia", "Syria", "United States"]);
  });

  it("recognises organisations by head word and places by context", () => {
    const found = entities(
      "The Al-Qassam Brigades said fighters in Rafah would not surrender. The UN Security Council met. Two attacks hit Rafah.",
    );
    expect(found["Al-Qassam Brigades"]?.kind).toBe("organization");
    expect(found["UN Security Council"]?.kind).toBe("organization");
    expect(found.Rafah).toEqual({ kind: "place", mentions: 2 });
  });
});

describe("articleTopics", () => {
  it("keeps repeated or headline entities and boosts headline ones", () => {
    const topics = articleTopics(
      "Gaza talks stall",
      splitSentences(
        "Mediators met in Cairo on Monday. Officials in Cairo said talks would resume. A man named John Smith watched.",
      ),
      [],
    );
    expect(topics.map((t) => t.id)).toEqual(["cairo", "gaza", "john-smith"]);
    expect(topics[0]?.weight).toBe(1);
  });
});
