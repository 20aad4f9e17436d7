/**
 * `npm run summarize -- [--sentences N | --words N] [--jsonl]`
 * Prints the summary the bot would show for an article read from stdin: by default the first
 * line is the headline and the rest the body, and the summary is printed one sentence a line.
 * With --jsonl, each input line is {"id","title"?,"text"} and each output line {"id","summary"}
 * (or {"id","error"} for a bad line, and the run goes on). Usage errors exit 2.
 */
import { parseArgs } from "node:util";
// The summariser alone: no lexicon to load, so the command starts fast.
import { type SummaryBudget, summarize } from "../src/nlp/summarize.js";

const USAGE = "usage: npm run summarize -- [--sentences N | --words N] [--jsonl] < article.txt";

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0)
    throw new Error(`--${name} takes a positive whole number, got "${value}"`);
  return n;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** One --jsonl line in, one JSON line out. */
function jsonlLine(line: string, budget: SummaryBudget): string {
  let id: unknown = null;
  try {
    const o = JSON.parse(line) as unknown;
    if (typeof o !== "object" || o === null || Array.isArray(o)) throw new Error("expected a JSON object");
    const rec = o as Record<string, unknown>;
    id = rec.id ?? null;
    if (typeof rec.text !== "string") throw new Error('"text" must be a string');
    if (rec.title !== undefined && typeof rec.title !== "string") throw new Error('"title" must be a string');
    return JSON.stringify({ id, summary: summarize({ title: rec.title ?? "", text: rec.text }, budget) });
  } catch (e) {
    return JSON.stringify({ id, error: (e as Error).message });
  }
}

async function main(): Promise<number> {
  let budget: SummaryBudget;
  let jsonl: boolean;
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        sentences: { type: "string" },
        words: { type: "string" },
        jsonl: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const sentences = positive("sentences", values.sentences);
    const words = positive("words", values.words);
    budget =
      words === undefined ? { sentences: sentences ?? 3 } : { words, ...(sentences ? { sentences } : {}) };
    jsonl = values.jsonl ?? false;
  } catch (e) {
    process.stderr.write(`summarize: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const input = await readStdin();
  if (jsonl) {
    for (const line of input.split(/\r?\n/))
      if (line.trim() !== "") process.stdout.write(`${jsonlLine(line, budget)}\n`);
    return 0;
  }
  const text = input.replace(/^\uFEFF/, "").replace(/^\s*\n/, "");
  if (text.trim() === "") {
    process.stderr.write(
      `summarize: stdin is empty: pipe an article (first line its headline, the rest its body)\n${USAGE}\n`,
    );
    return 2;
  }
  const newline = text.indexOf("\n");
  const title = (newline < 0 ? text : text.slice(0, newline)).trim();
  const body = newline < 0 ? "" : text.slice(newline + 1);
  for (const sentence of summarize({ title, text: body }, budget)) process.stdout.write(`${sentence}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`summarize: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
