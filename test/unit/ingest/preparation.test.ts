/**
 * The automatic choice between the main thread and workers: decided from the first file's
 * time, never changing what a file gives.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExpandedPath } from "../../../src/ingest/expand-paths.js";
import { defaultRecipe, planPreparation } from "../../../src/ingest/preparation.js";
import type { PreparedFile } from "../../../src/ingest/prepare.js";
import { createAnalyzer } from "../../../src/nlp/index.js";
import { SEED_FILE } from "../../helpers/services.js";
import { tmpDir } from "../../helpers/tmp.js";

let files: { dir: string; cleanup: () => void };
beforeEach(() => {
  files = tmpDir("briefly-plan-");
});
afterEach(() => files.cleanup());

const analyzer = createAnalyzer({ curated: [] });

function entries(): ExpandedPath[] {
  const seed = fs.readFileSync(SEED_FILE, "utf8");
  const out: ExpandedPath[] = [
    { file: path.join(files.dir, "missing.txt"), error: "no such file or folder" },
  ];
  for (let i = 0; i < 4; i++) {
    const file = path.join(files.dir, `copy-${i}.txt`);
    fs.writeFileSync(file, seed.replaceAll("Gaza", i % 2 ? "Gaza" : "Rafah"));
    out.push({ file });
  }
  return out;
}

async function prepareAll(minSeconds: number, workers?: number, maxBytesPerSecond?: number) {
  const list = entries();
  const plan = planPreparation({
    entries: list,
    jobFor: (file) => ({
      file,
      originFile: path.basename(file),
      date: "2025-11-09",
      ingestedAt: "2025-11-10T00:00:00.000Z",
    }),
    analyzer,
    recipe: defaultRecipe(analyzer),
    workers,
    minSeconds,
    ...(maxBytesPerSecond === undefined ? {} : { maxBytesPerSecond }),
  });
  const results: PreparedFile[] = [];
  try {
    for (let i = 1; i < list.length; i++) results.push(await plan.take(i));
    return { workers: plan.workers, results: results.map(({ timings: _t, ...r }) => r) };
  } finally {
    await plan.close();
  }
}

describe("planPreparation", () => {
  it("stays on the main thread when the rest of the run is short", async () => {
    const run = await prepareAll(3600);
    expect(run.workers).toBe(0);
    expect(run.results.every((r) => r.ok)).toBe(true);
  });

  it("hands the rest to workers when it is long, with the same results", async () => {
    const inline = await prepareAll(3600);
    const pooled = await prepareAll(0.000_001);
    expect(pooled.workers).toBeGreaterThan(0);
    expect(pooled.results).toEqual(inline.results);
  }, 60_000);

  it("stays on the main thread when preparing is fast, however long the run", async () => {
    // Under a limit of 1 byte a second, every file counts as fast to prepare.
    const run = await prepareAll(0.000_001, undefined, 1);
    expect(run.workers).toBe(0);
    expect(run.results.every((r) => r.ok)).toBe(true);
  });

  it("uses exactly the workers it is given, none for 0", async () => {
    expect((await prepareAll(0.000_001, 0)).workers).toBe(0);
    const one = await prepareAll(3600, 1);
    expect(one.workers).toBe(1);
    expect(one.results).toEqual((await prepareAll(3600, 0)).results);
  }, 60_000);

  it("prepares on the main thread a file that is too big for a worker's heap", async () => {
    const fixture = new URL("./fixtures/failing-analyzer.ts", import.meta.url).href;
    const { createAnalyzer: createFixture } = (await import(fixture)) as {
      createAnalyzer: typeof createAnalyzer;
    };
    const file = path.join(files.dir, "hog.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ title: "HOG of a story", text: "It needs a lot of memory, once." }),
    );
    const plan = planPreparation({
      entries: [{ file }, { file: SEED_FILE }],
      jobFor: (f) => ({ file: f, originFile: path.basename(f), date: "2025-11-09", ingestedAt: "x" }),
      analyzer: createFixture({ curated: [] }),
      recipe: { module: fixture, options: { curated: [] } },
      workers: 1,
      workerHeapMb: 32,
    });
    try {
      const hog = await plan.take(0);
      expect(hog.ok && hog.articles.map((a) => a.title)).toEqual(["HOG of a story"]);
      expect((await plan.take(1)).ok).toBe(true);
    } finally {
      await plan.close();
    }
  }, 60_000);

  it("has no recipe to give workers for an analyzer that createAnalyzer did not build", () => {
    expect(defaultRecipe({ analyze: analyzer.analyze })).toBeUndefined();
    const options = defaultRecipe(analyzer)?.options as {
      curated: unknown;
      wordClasses: Map<string, string>;
    };
    expect(options.curated).toEqual([]);
    // The lexicon travels with the recipe, so workers need not load compromise again.
    expect(options.wordClasses.size).toBeGreaterThan(20_000);
    expect(options.wordClasses.get("minister")).toBe("common");
  });
});
