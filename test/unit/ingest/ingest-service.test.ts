/** The ingest service on real files and the real seed: statuses, atomicity per file, defaults, bad input. */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../../src/services/container.js";
import { openTestServices, SEED_FILE } from "../../helpers/services.js";
import { tmpDir } from "../../helpers/tmp.js";

const SEED_TITLES = [
  "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
  "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
  "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
  "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
];

let services: Services;
let close: () => Promise<void>;
let files: { dir: string; cleanup: () => void };

beforeEach(async () => {
  ({ services, cleanup: close } = await openTestServices());
  files = tmpDir("briefly-files-");
});
afterEach(async () => {
  await close();
  files.cleanup();
});

const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(files.dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
};

const seedBody = (title: string) => {
  const seed = fs.readFileSync(SEED_FILE, "utf8");
  const start = seed.lastIndexOf(`${title}\n`);
  const next = SEED_TITLES.map((t) => seed.indexOf(`${t}\n`, start + title.length)).filter((i) => i > start);
  return seed.slice(start, next.length ? Math.min(...next) : undefined);
};

describe("ingest of the seed", () => {
  it("adds four articles with the sidecar's source and the right dates, then reports them unchanged", async () => {
    const first = await services.ingest.ingestPaths(["content"], { collectArticles: true });
    expect(first).toMatchObject({ files: 1, added: 4, updated: 0, unchanged: 0, duplicates: 0, failed: 0 });
    expect(first.articles.map((a) => a.title)).toEqual(SEED_TITLES);
    expect(first.articles.map((a) => a.source)).toEqual(Array(4).fill("Asharq Al-Awsat"));
    // Dates the text gives win; the Kremlin article gives none, so the sidecar's day applies.
    expect(first.articles.map((a) => a.published?.slice(0, 10))).toEqual([
      "2025-11-09",
      "2025-11-09",
      "2025-11-08",
      "2025-11-08",
    ]);
    for (const a of first.articles) {
      expect(a.summary.length).toBeGreaterThan(0);
      expect(a.summary.length).toBeLessThanOrEqual(3);
      expect(a.topics.length).toBeGreaterThan(0);
    }
    // The same file, however its path is spelled, is unchanged: nothing is written again.
    for (const spelling of ["content", SEED_FILE, `./${path.relative(process.cwd(), SEED_FILE)}`]) {
      const again = await services.ingest.ingestPaths([spelling], { collectArticles: true });
      expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4, duplicates: 0, failed: 0 });
      expect(again.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
    }
    expect((await services.meta.get()).changeStamp).toBe(1);
    expect((await services.meta.get()).articleCount).toBe(4);
  });

  it("stores articles readable through the repository and the search index", async () => {
    const report = await services.ingest.ingestPaths(["content"], { collectArticles: true });
    const stored = await services.articles.get(report.articles[2]!.id);
    expect(stored?.title).toBe(SEED_TITLES[2]);
    expect(stored?.credit).toBe("AP");
    expect(stored?.blocks.some((b) => b.text === "TT")).toBe(false);
    expect(await services.search.count()).toBe(4);
  });

  it("recognises the same story in another format as a duplicate and stores it once", async () => {
    await services.ingest.ingestPaths(["content"]);
    const body = seedBody(SEED_TITLES[2]!).split("\n").slice(5).join("\n");
    const md = write(
      "rafah.md",
      `---\ntitle: "Rafah fighters will not surrender, Hamas says"\nsource: Wire copy\n---\n\n${body}`,
    );
    const report = await services.ingest.ingestPaths([md], { collectArticles: true });
    expect(report).toMatchObject({ added: 0, duplicates: 1, failed: 0 });
    expect(await services.search.count()).toBe(4);
  });

  it("recognises a lightly edited copy as a near-duplicate", async () => {
    await services.ingest.ingestPaths(["content"]);
    const body = seedBody(SEED_TITLES[3]!)
      .split("\n")
      .slice(5)
      .join("\n")
      .replace("Sunday", "Monday")
      .replace("Likud", "Likud party");
    const file = write(
      "goldin.json",
      JSON.stringify({ title: "Hadar Goldin's remains returned", text: body, source: "Elsewhere" }),
    );
    const report = await services.ingest.ingestPaths([file]);
    expect(report).toMatchObject({ added: 0, duplicates: 1 });
  });

  it("reports a changed body under the same identity as updated", async () => {
    const v1 = write(
      "a.json",
      JSON.stringify({
        title: "Budget talks resume",
        text: "Ministers met on Monday to resume budget talks after a week of delays.",
        source: "Desk",
      }),
    );
    await services.ingest.ingestPaths([v1]);
    fs.writeFileSync(
      v1,
      JSON.stringify({
        title: "Budget talks resume",
        text: "Ministers met on Tuesday and agreed a new budget after long talks.",
        source: "Desk",
      }),
    );
    const report = await services.ingest.ingestPaths([v1], { collectArticles: true });
    expect(report).toMatchObject({ added: 0, updated: 1 });
    const stored = await services.articles.get(report.articles[0]!.id);
    expect(stored?.blocks[0]?.text).toContain("Tuesday");
  });
});

describe("defaults and dry run", () => {
  it("applies --source and --date only where the file does not say", async () => {
    const a = write(
      "a.json",
      JSON.stringify([
        {
          title: "With source",
          text: "Some text about the harbour strike that closed the port.",
          source: "Own",
          date: "2024-05-06",
        },
        { title: "Without source", text: "Other text about the election results announced today." },
      ]),
    );
    const report = await services.ingest.ingestPaths([a], {
      source: "Default",
      date: "2025-01-02",
      collectArticles: true,
    });
    expect(report.articles.map((x) => [x.source, x.published?.slice(0, 10)])).toEqual([
      ["Own", "2024-05-06"],
      ["Default", "2025-01-02"],
    ]);
  });

  it("falls back to the file's time when nothing gives a date", async () => {
    const f = write(
      "t.json",
      JSON.stringify({ title: "Undated", text: "An undated text about rain in the north of the country." }),
    );
    const when = new Date("2024-02-03T04:05:06Z");
    fs.utimesSync(f, when, when);
    const report = await services.ingest.ingestPaths([f], { collectArticles: true });
    expect(report.articles[0]?.published).toBe(when.toISOString());
  });

  it("--dry-run reports but stores nothing", async () => {
    const report = await services.ingest.ingestPaths(["content"], { dryRun: true, collectArticles: true });
    expect(report.added).toBe(4);
    expect(await services.search.count()).toBe(0);
    expect((await services.meta.get()).articleCount).toBe(0);
    expect(await services.articles.get(report.articles[0]!.id)).toBeUndefined();
  });
});

describe("bad input never loses stored data", () => {
  it("fails bad files with clear messages while good files load", async () => {
    await services.ingest.ingestPaths(["content"]);
    const good = write(
      "good.json",
      JSON.stringify({ title: "A good one", text: "This article about trains is perfectly fine and loads." }),
    );
    const bad = [
      write("empty.txt", ""),
      write("blank.md", "   \n\n  \n"),
      write("binary.bin", new Uint8Array([0, 1, 2, 3, 0, 255, 0, 12])),
      write("latin1.txt", new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6c, 0xe9, 0x0a])),
      write("truncated.json", '{"title": "Cut", "text": "this file was cut off'),
    ];
    const missing = path.join(files.dir, "does-not-exist.txt");
    const report = await services.ingest.ingestPaths([...bad, missing, good]);
    expect(report).toMatchObject({ files: 7, added: 1, failed: 6 });
    const messages = Object.fromEntries(report.errors.map((e) => [path.basename(e.file), e.message]));
    expect(messages["empty.txt"]).toMatch(/empty/i);
    expect(messages["binary.bin"]).toMatch(/binary/i);
    expect(messages["latin1.txt"]).toMatch(/UTF-8/i);
    expect(messages["truncated.json"]).toMatch(/JSON/i);
    expect(messages["does-not-exist.txt"]).toMatch(/no such file/);
    expect(report.errors.find((e) => e.file.endsWith("truncated.json"))?.line).toBe(1);
    expect((await services.meta.get()).articleCount).toBe(5);
    expect(await services.search.count()).toBe(5);
  });

  it("loads the good items of a feed with broken items and warns about the rest", async () => {
    const rss = write(
      "feed.xml",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>Port reopens</title><description>&lt;p&gt;The port reopened on Monday after a &amp;quot;long&amp;quot; strike.&lt;/p&gt;</description><pubDate>Mon, 03 Nov 2025 10:00:00 GMT</pubDate></item>
      <item></item>
      <item><title>Rail strike ends</title><description>Rail workers returned to work after the agreement was signed.</description></item>
      </channel></rss>`,
    );
    const report = await services.ingest.ingestPaths([rss], { collectArticles: true });
    expect(report).toMatchObject({ added: 2, failed: 0 });
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.articles.map((a) => a.source)).toEqual(["Wire", "Wire"]);
  });

  it("walks folders recursively and skips sidecars and topics.json", async () => {
    for (let i = 0; i < 30; i++) {
      write(
        `deep/${i % 3}/n${i}.json`,
        JSON.stringify({
          title: `Story number ${i}`,
          text: `Unique story ${i}: ${"word".repeat(i + 1)} happened in town ${i * 7}.`,
        }),
      );
    }
    write("deep/topics.json", "[]");
    write("deep/0/n0.json.meta.json", JSON.stringify({ source: "Sidecar Source" }));
    let calls = 0;
    const report = await services.ingest.ingestPaths([path.join(files.dir, "deep")], {
      collectArticles: true,
      onProgress: () => calls++,
    });
    expect(report).toMatchObject({ files: 30, added: 30, failed: 0 });
    expect(calls).toBe(30);
    expect(report.articles.find((a) => a.title === "Story number 0")?.source).toBe("Sidecar Source");
  });

  it("expands globs and reports a glob that matches nothing", async () => {
    write(
      "g/a.json",
      JSON.stringify({ title: "Glob A", text: "The first globbed article is about bridges." }),
    );
    write("g/b.md", "# Glob B\n\nThe second globbed article is about tunnels and roads.\n");
    const report = await services.ingest.ingestPaths([`${files.dir}/g/*.json`, `${files.dir}/g/*.nothing`]);
    expect(report).toMatchObject({ added: 1, failed: 1 });
    expect(report.errors[0]?.message).toMatch(/no file matches/);
  });
});
