/** `npm run summarize` end to end: the real script under tsx, stdin in, stdout out. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
/** Each spawn starts tsx; on a busy 2-core machine that alone can take seconds. */
const SLOW = 90_000;

function run(args: string[], input: string) {
  const r = spawnSync(TSX, ["scripts/summarize.ts", ...args], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ARTICLE = [
  "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
  "",
  "GAZA (Reuters) - Hamas fighters holed up in the Israeli-held Rafah area of Gaza will not surrender to Israel, the group's armed wing said on Sunday.",
  "",
  "Sources close to mediation efforts told Reuters on Thursday that fighters could surrender their arms in exchange for passage.",
  "",
  "Egyptian mediators have proposed that fighters still in Rafah surrender their arms to Egypt.",
  "",
  "The ceasefire took effect on October 10.",
].join("\n");

describe("scripts/summarize.ts", () => {
  it(
    "prints the summary of a plain article one sentence a line, dateline removed, the same every time",
    () => {
      const r = run(["--sentences", "2"], ARTICLE);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        "Hamas fighters holed up in the Israeli-held Rafah area of Gaza will not surrender to Israel, the group's armed wing said on Sunday.\n" +
          "Sources close to mediation efforts told Reuters on Thursday that fighters could surrender their arms in exchange for passage.\n",
      );
      expect(run(["--sentences", "2"], ARTICLE).stdout).toBe(r.stdout);
    },
    SLOW,
  );

  it(
    "summarises JSON lines in order and reports a bad line without stopping",
    () => {
      const input = [
        JSON.stringify({ id: "a", title: "Rafah", text: ARTICLE.split("\n").slice(2).join("\n") }),
        "{not json",
        JSON.stringify({ id: 7, title: "No text" }),
        JSON.stringify({ id: "b", text: "One short story about a council vote on Monday night. It passed." }),
      ].join("\n");
      const r = run(["--jsonl", "--words", "25"], input);
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(4);
      expect(lines[0].id).toBe("a");
      expect(lines[0].summary[0]).toMatch(/^Hamas fighters holed up/);
      expect(lines[1]).toEqual({ id: null, error: expect.any(String) });
      expect(lines[2]).toEqual({ id: 7, error: '"text" must be a string' });
      expect(lines[3]).toEqual({
        id: "b",
        summary: ["One short story about a council vote on Monday night."],
      });
    },
    SLOW,
  );

  it(
    "exits 2 with a message on a usage error",
    () => {
      const bad = run(["--sentences", "zero"], ARTICLE);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--sentences takes a positive whole number/);
      const unknown = run(["--bogus"], ARTICLE);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/usage: npm run summarize/);
      const empty = run([], "");
      expect(empty.code).toBe(2);
      expect(empty.stderr).toMatch(/stdin is empty/);
    },
    SLOW,
  );
});
