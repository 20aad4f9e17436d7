/** The read side on the real seed, through the real store, index and topic directory. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/services/container.js";
import { openTestServices } from "../../helpers/services.js";

const KREMLIN = "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties";
const TURKISH = "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza";
const RAFAH = "Hamas Says Fighters Holed up in Rafah Will Not Surrender";
const GOLDIN = "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin";

let services: Services;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  // A year after the seed: nothing is "recent", which the trending list must survive.
  ({ services, cleanup } = await openTestServices({ now: new Date("2026-11-26T09:00:00Z") }));
  await services.ingest.ingestPaths(["content"]);
});
afterAll(() => cleanup());

const titles = (items: { title: string }[]) => items.map((a) => a.title);

describe("NewsReader on the seed", () => {
  it.each([
    ["gaza", [TURKISH, RAFAH, GOLDIN]],
    ["GAZA", [TURKISH, RAFAH, GOLDIN]],
    ["hamas", [RAFAH, GOLDIN]],
    ["russia", [KREMLIN]],
    ["Russian", [KREMLIN]],
    ["putin", [KREMLIN]],
    ["al-Sharaa", [KREMLIN]],
    ["goldin", [GOLDIN]],
  ])("/topic %s finds exactly its articles", async (query, expected) => {
    const result = await services.reader.topic(query, { limit: 10 });
    expect(result.kind).toBe("found");
    if (result.kind !== "found") return;
    expect(titles(result.page.items).sort()).toEqual([...expected].sort());
    expect(result.page.total).toBe(expected.length);
  });

  it("lists a topic newest first and attributes every brief sentence to one of its articles", async () => {
    const result = await services.reader.topic("gaza", { limit: 10 });
    if (result.kind !== "found") throw new Error("gaza not found");
    const dates = result.page.items.map((a) => a.published ?? "");
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(result.brief.length).toBeGreaterThan(0);
    const ids = new Set(result.page.items.map((a) => a.id));
    for (const s of result.brief) expect(ids.has(s.articleId)).toBe(true);
  });

  it("suggests close topics for an unknown name", async () => {
    const result = await services.reader.topic("nosuchthing");
    expect(result.kind).toBe("unknown");
  });

  it("/search debt finds the Kremlin article first, and a typo still finds Gaza", async () => {
    const debt = await services.reader.search("debt");
    expect(debt.items[0]?.title).toBe(KREMLIN);
    const typo = await services.reader.search("gazza");
    expect(typo.items.length).toBeGreaterThan(0);
    expect(typo.corrected).toBeDefined();
    expect(titles(typo.items)).toContain(RAFAH);
  });

  it("pages without overlap and counts every match", async () => {
    const first = await services.reader.latest({ limit: 2 });
    const second = await services.reader.latest({ offset: 2, limit: 2 });
    expect(first.total).toBe(4);
    expect(new Set([...titles(first.items), ...titles(second.items)]).size).toBe(4);
  });

  it("offers topics even when nothing was published in the recent window", async () => {
    const trending = await services.reader.trendingTopics(8);
    expect(trending.length).toBe(8);
    expect(trending.map((t) => t.name)).toContain("Gaza");
  });

  it("reads an article by id and answers undefined for an unknown one", async () => {
    const [any] = (await services.reader.latest({ limit: 1 })).items;
    expect((await services.reader.article(any!.id))?.title).toBe(any!.title);
    expect(await services.reader.article("nope")).toBeUndefined();
  });
});
