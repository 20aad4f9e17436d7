/**
 * `npm run eval -- [--dataset PATH] [--newsroom PATH] [--limit N] [--json]`
 * Scores our summaries against Lead-3 and Lead-k (k = the reference's sentence count, and ours
 * at budget k) under ROUGE-1/2/L F1 on the BBC set and the newsroom sample, side by side.
 * A dataset that is missing is skipped with a message. Usage errors exit 2.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bbcPair, type EvalPair, type EvalRow, evaluatePairs, newsroomPair } from "../src/nlp/evaluate.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: npm run eval -- [--dataset PATH] [--newsroom PATH] [--limit N] [--json]";

interface DatasetResult {
  name: string;
  file: string;
  rows: EvalRow[] | null;
  skipped?: string;
}

function load(file: string, read: (line: string) => EvalPair | null, limit: number | undefined): EvalPair[] {
  const pairs = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map(read)
    .filter((p): p is EvalPair => p !== null);
  return limit === undefined ? pairs : pairs.slice(0, limit);
}

function run(
  name: string,
  file: string,
  read: (l: string) => EvalPair | null,
  limit?: number,
): DatasetResult {
  if (!fs.existsSync(file)) return { name, file, rows: null, skipped: `not found: ${file}` };
  return { name, file, rows: evaluatePairs(load(file, read, limit)) };
}

function table(results: DatasetResult[]): string {
  const present = results.filter((r) => r.rows);
  const header = ["system", ...present.flatMap((r) => [`${r.name} R-1`, "R-2", "R-L"])];
  const systems = present[0]?.rows?.map((r) => r.system) ?? [];
  const rows = systems.map((s, i) => [
    s,
    ...present.flatMap((r) => {
      const row = r.rows?.[i];
      return row ? [row.rouge1.toFixed(1), row.rouge2.toFixed(1), row.rougeL.toFixed(1)] : ["", "", ""];
    }),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((x, c) => x.padEnd(widths[c] ?? 0)).join(" | ")} |`;
  const counts = present.map((r) => `${r.name}: ${r.rows?.[0]?.articles ?? 0} articles`).join(", ");
  return [
    line(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...rows.map(line),
    "",
    counts,
  ].join("\n");
}

function main(): number {
  let values: { dataset?: string; newsroom?: string; limit?: string; json?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: {
        dataset: { type: "string" },
        newsroom: { type: "string" },
        limit: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
    if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit))
      throw new Error(`--limit takes a positive whole number, got "${values.limit}"`);
  } catch (e) {
    process.stderr.write(`eval: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  const bbc = path.resolve(ROOT, values.dataset ?? "../shared/datasets/bbc-news-summary/pairs.jsonl");
  const newsroom = path.resolve(ROOT, values.newsroom ?? "../shared/datasets/newsroom-sample/pairs.jsonl");
  const results = [run("BBC", bbc, bbcPair, limit), run("Newsroom", newsroom, newsroomPair, limit)];
  for (const r of results) if (r.skipped) process.stderr.write(`eval: skipping ${r.name}: ${r.skipped}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return 0;
  }
  if (!results.some((r) => r.rows)) {
    process.stderr.write("eval: no dataset found; pass --dataset PATH and/or --newsroom PATH\n");
    return 1;
  }
  process.stdout.write(
    `ROUGE F1 x100 (lower-cased alphanumeric tokens, Porter stems for tokens over 3 characters, summary-level L)\n\n${table(results)}\n`,
  );
  return 0;
}

process.exitCode = main();
