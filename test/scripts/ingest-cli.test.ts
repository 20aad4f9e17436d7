/** `npm run ingest` as admins run it: a real child process, exit codes, JSON on stdout, messages on stderr. */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeFsError } from "../../src/ingest/expand-paths.js";
import { tmpDir } from "../helpers/tmp.js";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");
let work: { dir: string; cleanup: () => void };

async function ingest(args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(TSX, ["scripts/ingest.ts", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "" },
      maxBuffer: 16 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(() => {
  work = tmpDir("briefly-cli-");
});
afterAll(() => work.cleanup());

describe("npm run ingest", { timeout: 120_000 }, () => {
  it("--json reports the four seed articles with headlines, dates and sources", async () => {
    const data = path.join(work.dir, "d1");
    const r = await ingest(["--json", "content/"], data);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual([
      "files",
      "added",
      "updated",
      "unchanged",
      "duplicates",
      "failed",
      "errors",
      "articles",
    ]);
    expect(report).toMatchObject({
      files: 1,
      added: 4,
      updated: 0,
      unchanged: 0,
      duplicates: 0,
      failed: 0,
      errors: [],
    });
    expect(
      report.articles.map((a: { title: string; published: string; source: string; status: string }) => [
        a.title,
        a.published.slice(0, 10),
        a.source,
        a.status,
      ]),
    ).toEqual([
      [
        "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties",
        "2025-11-09",
        "Asharq Al-Awsat",
        "added",
      ],
      [
        "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
        "2025-11-09",
        "Asharq Al-Awsat",
        "added",
      ],
      ["Hamas Says Fighters Holed up in Rafah Will Not Surrender", "2025-11-08", "Asharq Al-Awsat", "added"],
      [
        "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
        "2025-11-08",
        "Asharq Al-Awsat",
        "added",
      ],
    ]);
    for (const a of report.articles) {
      expect(a.id).toMatch(/^[0-9a-f]{16}$/);
      expect(Array.isArray(a.topics) && a.topics.length > 0).toBe(true);
      expect(a.summary.length).toBeGreaterThan(0);
    }
    expect(r.stderr).toMatch(/4 added, 0 updated, 0 unchanged, 0 duplicates, 0 failed/);
    const again = await ingest(["--json", "content/"], data);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, unchanged: 4 });
  });

  it("exits 1 when a file fails, names it with the line, and still loads the others", async () => {
    const data = path.join(work.dir, "d2");
    const bad = path.join(work.dir, "bad.jsonl");
    fs.writeFileSync(bad, '{"title":"ok"\n{broken\n');
    const huge = path.join(work.dir, "huge.txt");
    fs.writeFileSync(huge, "");
    fs.truncateSync(huge, 65 * 1024 * 1024); // sparse: no real disk use
    const r = await ingest(["--json", bad, huge, "content/", path.join(work.dir, "missing.md")], data);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ files: 4, added: 4, failed: 3 });
    const byFile = Object.fromEntries(report.errors.map((e: { file: string }) => [path.basename(e.file), e]));
    expect(byFile["bad.jsonl"].message).toMatch(/JSON/);
    expect(byFile["huge.txt"].message).toMatch(/65 MB; the limit is 64 MB/);
    expect(byFile["missing.md"].message).toMatch(/no such file or folder/);
    expect(r.stderr).toMatch(/✗ .*missing\.md: no such file or folder/);
  });

  it("--dry-run stores nothing", async () => {
    const data = path.join(work.dir, "d3");
    const dry = await ingest(["--dry-run", "--json", "content/"], data);
    expect(JSON.parse(dry.stdout)).toMatchObject({ added: 4 });
    expect(dry.stderr).toMatch(/Dry run \(nothing stored\)/);
    const real = await ingest(["--json", "content/"], data);
    expect(JSON.parse(real.stdout)).toMatchObject({ added: 4 });
  });

  it("exits 2 with usage on bad arguments", async () => {
    for (const args of [
      [],
      ["--date", "2025-13-45", "content"],
      ["--bogus", "content"],
      ["--source", " ", "content"],
    ]) {
      const r = await ingest(args, path.join(work.dir, "d4"));
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/Usage: npm run ingest/);
    }
  });

  it("--help prints usage and exits 0", async () => {
    const r = await ingest(["--help"], path.join(work.dir, "d5"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--dry-run/);
  });
});

describe("describeFsError", () => {
  it("explains permission and folder errors in words", () => {
    expect(describeFsError(Object.assign(new Error("x"), { code: "EACCES" }))).toMatch(/permission denied/);
    expect(describeFsError(Object.assign(new Error("x"), { code: "EISDIR" }))).toMatch(/folder/);
  });
});
