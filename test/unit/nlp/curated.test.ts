import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { curatedMatchers } from "../../../src/nlp/curated.js";
import { loadCuratedTopics } from "../../../src/nlp/index.js";
import { TOPICS_FILE } from "./seed-fixture.js";

describe("loadCuratedTopics", () => {
  it("loads the shipped content/topics.json", () => {
    const topics = loadCuratedTopics(fs.readFileSync(TOPICS_FILE, "utf8"), "content/topics.json");
    expect(topics.length).toBeGreaterThan(5);
    expect(topics.find((t) => t.id === "united-states")?.aliases).toEqual(
      expect.arrayContaining(["US", "U.S."]),
    );
    expect(topics.find((t) => t.id === "united-nations")?.aliases).toContain("UN");
  });

  it("fills optional lists", () => {
    expect(loadCuratedTopics('{"topics":[{"id":"nato","name":"NATO"}]}')).toEqual([
      { id: "nato", name: "NATO", aliases: [], keywords: [] },
    ]);
  });

  it("names the file, the JSON path and what is wrong", () => {
    expect(() =>
      loadCuratedTopics(
        '{"topics":[{"id":"ok","name":"Ok"},{"id":"Gaza War","name":"Gaza"}]}',
        "content/topics.json",
      ),
    ).toThrow(/content\/topics\.json: topics\[1\]\.id: must be lower-case letters/);
    expect(() => loadCuratedTopics('{"topics":[{"id":"a","name":"","aliases":[3]}]}', "t.json")).toThrow(
      /t\.json: topics\[0\]\.name: must not be empty[\s\S]*t\.json: topics\[0\]\.aliases\[0\]/,
    );
    expect(() => loadCuratedTopics("[]", "t.json")).toThrow(/t\.json: \(root\)/);
    expect(() => loadCuratedTopics("{oops", "t.json")).toThrow(/t\.json: not valid JSON/);
  });

  it("rejects a repeated id or a name claimed by two topics", () => {
    expect(() =>
      loadCuratedTopics('{"topics":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}', "t.json"),
    ).toThrow('t.json: topics[1].id: "a" is already used by topics[0]');
    expect(() =>
      loadCuratedTopics(
        '{"topics":[{"id":"a","name":"Gaza"},{"id":"b","name":"B","aliases":["gaza"]}]}',
        "t.json",
      ),
    ).toThrow(/topics\[1\]: name or alias "gaza" is already used by topics\[0\]/);
  });
});

describe("curated matching", () => {
  const [us] = curatedMatchers([
    { id: "united-states", name: "United States", aliases: ["US", "U.S."], keywords: [] },
  ]);

  it("matches acronyms only in capitals and as whole words", () => {
    const count = (raw: string) => us?.count(raw, ` ${raw.toLowerCase().replace(/[^a-z0-9]+/g, " ")} `);
    expect(count("The US envoy met the U.S. team.")).toBe(2);
    expect(count("He told us about the USA and USB sticks.")).toBe(0);
    expect(count("Troops of the United States arrived.")).toBe(1);
  });
});
