/**
 * Preparing a file on the main thread leaves room for other work (the previous file's SQLite
 * statements) between articles, so preparing and writing overlap instead of alternating; and
 * what it gives is the same.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepareFile } from "../../../src/ingest/prepare.js";
import type { Analyzer } from "../../../src/nlp/index.js";
import { tmpDir } from "../../helpers/tmp.js";

let files: { dir: string; cleanup: () => void };
beforeEach(() => {
  files = tmpDir("briefly-slices-");
});
afterEach(() => files.cleanup());

const pause = new Int32Array(new SharedArrayBuffer(4));
/** An analyzer that blocks its thread 1 ms per article (Atomics.wait sleeps without a timer). */
const slowAnalyzer = (calls: { n: number }): Analyzer => ({
  analyze(input) {
    Atomics.wait(pause, 0, 0, 1);
    calls.n++;
    return { topics: [], summary: [input.title], sentences: [{ text: input.title, score: 1 }] };
  },
});

function jsonl(n: number): string {
  const file = path.join(files.dir, "many.jsonl");
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({ title: `Story number ${i}`, text: `Body of story ${i}, which says something new.` }),
  );
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("prepareFile on the main thread", () => {
  it("lets queued callbacks run while it works through a file", async () => {
    const file = jsonl(40);
    const calls = { n: 0 };
    // A chain of callbacks like SQLite's finished statements: each queues the next.
    const seenAt: number[] = [];
    let running = true;
    const hop = () => {
      seenAt.push(calls.n);
      if (running) setImmediate(hop);
    };
    setImmediate(hop);
    const result = await prepareFile(
      { file, originFile: "many.jsonl", ingestedAt: "2025-11-10T00:00:00.000Z" },
      slowAnalyzer(calls),
    );
    running = false;
    expect(result.ok && result.articles.length).toBe(40);
    // 40 ms of blocking in slices of a few ms: the chain ran in between articles, many times.
    const during = seenAt.filter((n) => n > 0 && n < 40);
    expect(new Set(during).size).toBeGreaterThanOrEqual(4);
  });
});
