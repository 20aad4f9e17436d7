/** Argument parsing and table printing shared by scripts/bench.ts and standalone bench files. */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { BotBenchOptions } from "./bot.js";
import type { BenchOptions, BenchTable } from "./types.js";

export const DEFAULT_DATASET = "../shared/datasets/bbc-news-summary/pairs.jsonl";

/** Parse `--sizes 1000,10000 --dataset PATH` (and the bot bench's `--bot-*` options) into BenchOptions. */
export function standaloneOptions(
  argv: string[],
  defaultSizes: number[],
): BenchOptions & BotBenchOptions & { json: boolean; only?: string[] } {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string" },
      dataset: { type: "string" },
      json: { type: "boolean" },
      only: { type: "string" },
      "work-dir": { type: "string" },
      "bot-articles": { type: "string" },
      "bot-reader": { type: "string" },
      "bot-rebuild": { type: "boolean" },
      "bot-no-typos": { type: "boolean" },
    },
    allowPositionals: false,
    strict: true,
  });
  const sizes = values.sizes ? values.sizes.split(",").map((s) => Number(s.trim())) : defaultSizes;
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`--sizes takes positive whole numbers, got "${values.sizes}"`);
  const botArticles = values["bot-articles"] === undefined ? undefined : Number(values["bot-articles"]);
  if (botArticles !== undefined && (!Number.isInteger(botArticles) || botArticles <= 0))
    throw new Error(`--bot-articles takes a positive whole number, got "${values["bot-articles"]}"`);
  const botReader = values["bot-reader"];
  if (botReader !== undefined && botReader !== "store" && botReader !== "fixture")
    throw new Error(`--bot-reader takes "store" or "fixture", got "${botReader}"`);
  return {
    sizes,
    dataset: path.resolve(values.dataset ?? DEFAULT_DATASET),
    workDir: path.resolve(values["work-dir"] ?? path.join(os.tmpdir(), "briefly-bench")),
    json: values.json ?? false,
    only: values.only?.split(",").map((s) => s.trim()),
    ...(botArticles !== undefined ? { botArticles } : {}),
    ...(botReader !== undefined ? { botReader } : {}),
    ...(values["bot-rebuild"] ? { botRebuild: true } : {}),
    ...(values["bot-no-typos"] ? { botNoTypos: true } : {}),
  };
}

/** Print tables as aligned text (or JSON). */
export function printTables(tables: BenchTable[], json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(tables, null, 2)}\n`);
    return;
  }
  for (const t of tables) {
    const cells = [t.columns, ...t.rows.map((r) => r.map(String))];
    const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
    const line = (r: (string | number)[]) =>
      `| ${r.map((c, i) => String(c).padEnd(widths[i]!)).join(" | ")} |`;
    process.stdout.write(
      `\n## ${t.name}\n\n${line(t.columns)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|\n`,
    );
    for (const r of t.rows) process.stdout.write(`${line(r)}\n`);
    for (const n of t.notes ?? []) process.stdout.write(`\n${n}\n`);
  }
}
