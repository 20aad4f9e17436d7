/**
 * Search benchmark:
 * `npx tsx bench/search.ts [--sizes 1000,10000,100000] [--dataset PATH] [--work-dir DIR] [--reuse] [--json]`
 * (or `npm run bench -- --only search ...`, without --reuse).
 *
 * For each size it builds our index (SQLite FTS5 + typo layer) in a child process, then opens the
 * persisted file in a fresh child (cold start = spawn → first answered query) that times word,
 * typo and topic queries, and the same queries through plain FTS5 (exact BM25 over all matches,
 * no typo/prefix layer) on the same file. MiniSearch (prefix + fuzzy 0.2) runs on the same docs
 * and queries up to 10,000 docs. `--reuse` keeps an index built by an earlier run (same size and
 * dataset) in the work dir: a 100k build takes minutes. The parts live in bench/search/.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { printTables, standaloneOptions } from "./cli.js";
import { runSearchBench } from "./search/run.js";
import { runChildTask, type Task } from "./search/tasks.js";

export { runSearchBench, type SearchBenchOptions } from "./search/run.js";

/** Splits off the flags only this bench knows; the rest go to the shared option parser. */
function ownFlags(argv: string[]): { reuse: boolean; rest: string[] } {
  const { values, tokens } = parseArgs({
    args: argv,
    options: { reuse: { type: "boolean" } },
    strict: false,
    tokens: true,
  });
  const rest = argv.filter(
    (_, i) => !tokens.some((t) => t.kind === "option" && t.name === "reuse" && t.index === i),
  );
  return { reuse: values.reuse === true, rest };
}

if (process.argv[2] === "--child") {
  await runChildTask(JSON.parse(process.argv[3] ?? "{}") as Task);
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { reuse, rest } = ownFlags(process.argv.slice(2));
  const opts = standaloneOptions(rest, [1000, 10_000, 100_000]);
  printTables(await runSearchBench({ ...opts, reuse }), opts.json);
}
