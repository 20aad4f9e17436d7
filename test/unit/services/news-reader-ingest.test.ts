/** Through the real store, index and ingest: what the reader cached never hides an ingest. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../../src/services/container.js";
import { openTestServices } from "../../helpers/services.js";
import { tmpDir } from "../../helpers/tmp.js";

const RAFAH = "Hamas Says Fighters Holed up in Rafah Will Not Surrender";
const QUOKKA = {
  title: "Quokka Colony Found on Gaza Coast Surprises Zoologists",
  text: "Zoologists said on Sunday they had found a quokka colony on the Gaza coast, far from Australia. The quokka, a small marsupial, had never been recorded in the region. Officials in Gaza said the animals would be protected while scientists study how they arrived.",
  date: "2025-11-09",
  source: "Test Wire",
};

let services: Services;
let cleanup: () => Promise<void>;
const files = tmpDir();

beforeAll(async () => {
  ({ services, cleanup } = await openTestServices());
  await services.ingest.ingestPaths(["content"]);
});
afterAll(async () => {
  await cleanup();
  files.cleanup();
});

async function ingest(name: string, ...articles: object[]) {
  const file = path.join(files.dir, name);
  fs.writeFileSync(file, `${articles.map((a) => JSON.stringify(a)).join("\n")}\n`);
  return services.ingest.ingestPaths([file]);
}

describe("NewsReader after an ingest", () => {
  it("shows a new article at once in search, latest and its topic, though all were cached", async () => {
    const reader = services.reader;
    const read = async () => ({
      search: await reader.search("quokka"),
      latest: await reader.latest({ limit: 10 }),
      gaza: await reader.topic("gaza", { limit: 10 }),
    });
    const before = await read();
    await read();
    expect(before.search.items).toEqual([]);
    expect(before.latest.total).toBe(4);
    expect(reader.stats?.().lists.hits).toBeGreaterThan(0);

    const report = await ingest("quokka.jsonl", QUOKKA);
    expect(report.added).toBe(1);
    const after = await read();
    expect(after.search.items.map((a) => a.title)).toEqual([QUOKKA.title]);
    expect(after.latest.total).toBe(5);
    expect(after.latest.items.map((a) => a.title)).toContain(QUOKKA.title);
    if (after.gaza.kind !== "found" || before.gaza.kind !== "found") throw new Error("gaza not found");
    expect(after.gaza.page.total).toBe(before.gaza.page.total + 1);
    expect(after.gaza.page.items.map((a) => a.title)).toContain(QUOKKA.title);
  });

  it("shows an updated article's new text on the card it had cached", async () => {
    const reader = services.reader;
    const [hit] = (await reader.search("Rafah fighters")).items;
    expect(hit?.title).toBe(RAFAH);
    const id = hit!.id;
    expect((await reader.article(id))?.summary.join(" ")).not.toContain("tunnel ceasefire talks");
    const report = await ingest("rafah.jsonl", {
      title: RAFAH,
      text: "Hamas said on Sunday its fighters holed up in Rafah will not surrender. Mediators resumed tunnel ceasefire talks in Cairo as the deadline passed. Israel said the fighters must lay down their arms.",
      date: "2025-11-09",
      source: "Asharq Al-Awsat",
    });
    expect(report.updated).toBe(1);
    const updated = await reader.article(id);
    expect(updated?.blocks.map((b) => b.text).join(" ")).toContain("tunnel ceasefire talks");
    const page = await reader.search("Rafah fighters");
    expect(page.items.find((a) => a.id === id)?.blocks[0]?.text).toContain("tunnel ceasefire talks");
  });
});
