/**
 * `npm run ingest -- [options] PATH...`: load article files, folders (recursive) and globs into the store.
 * Exit status: 0 every file loaded, 1 some file failed (the others still loaded), 2 usage error.
 */
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { formatReport, progressReporter, toJsonReport } from "./ingest-output.js";

const USAGE = `Usage: npm run ingest -- [options] PATH...

Loads article files, folders (recursively) and globs ("content/**/*.md") into the store.
Formats (detected by content): plain-text dumps, Markdown with YAML front matter, JSON, JSON Lines,
RSS 2.0, Atom, saved HTML pages. A file "<name>.meta.json" beside a file may give {"source","date"}.

Options:
  --dry-run          parse and report, store nothing
  --json             print one JSON report on stdout (human output goes to stderr)
  --source NAME      source for files that do not name one
  --date YYYY-MM-DD  publication day for articles that do not give one (else the file's time)
  -h, --help         show this help

Exit status: 0 all files loaded, 1 some file failed (the others still load), 2 usage error.`;

function usageError(message: string): never {
  process.stderr.write(`ingest: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  const OPTIONS = {
    "dry-run": { type: "boolean" },
    json: { type: "boolean" },
    source: { type: "string" },
    date: { type: "string" },
    help: { type: "boolean", short: "h" },
  } as const;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) usageError("no PATH given");
  if (values.date !== undefined && !isDay(values.date))
    usageError(`--date must be a real day as YYYY-MM-DD, got "${values.date}"`);
  if (values.source !== undefined && values.source.trim() === "") usageError("--source must not be empty");

  const read = readConfig();
  if (!read.ok) usageError(read.message);
  const { config } = read;
  const logger = createLogger({
    level: process.env.LOG_LEVEL ? config.logLevel : "error",
    secrets: [config.botToken],
  });
  // Loaded after the arguments are checked, so usage errors answer at once.
  const { openServices } = await import("../src/services/container.js");
  // On Redis the script publishes what it stored; it need not follow other processes.
  const services = await openServices(config, { logger, clock: () => new Date(), followCluster: false });
  try {
    const progress = progressReporter(process.stderr);
    const report = await services.ingest.ingestPaths(positionals, {
      dryRun: values["dry-run"] ?? false,
      source: values.source?.trim(),
      date: values.date,
      collectArticles: values.json ?? false,
      onProgress: progress.update,
    });
    progress.stop();
    process.stderr.write(formatReport(report, { dryRun: values["dry-run"] ?? false }));
    if (values.json) process.stdout.write(`${JSON.stringify(toJsonReport(report))}\n`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    await services.close();
  }
}

function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`ingest: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
