/** Human and JSON output of the ingest CLI. */
import cliProgress from "cli-progress";
import type { IngestReport } from "../src/ingest/report.js";

/** The JSON object INTERFACES.md fixes, key for key. */
export function toJsonReport(r: IngestReport) {
  return {
    files: r.files,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    duplicates: r.duplicates,
    failed: r.failed,
    errors: r.errors,
    articles: r.articles,
  };
}

/** The closing summary for people: errors with file and line, warnings, counts, time and rate. */
export function formatReport(r: IngestReport, opts: { dryRun: boolean }): string {
  const lines: string[] = [];
  for (const e of r.errors) lines.push(`✗ ${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`);
  for (const w of r.warnings.slice(0, 50))
    lines.push(`! ${w.file}${w.line ? `:${w.line}` : ""}: ${w.message}`);
  if (r.warnings.length > 50) lines.push(`! … and ${r.warnings.length - 50} more warnings`);
  const articles = r.added + r.updated + r.unchanged + r.duplicates;
  const seconds = r.ms / 1000;
  lines.push(
    `${opts.dryRun ? "Dry run (nothing stored): " : ""}${r.files} file${r.files === 1 ? "" : "s"}: ` +
      `${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.duplicates} duplicates, ${r.failed} failed ` +
      `in ${seconds.toFixed(2)} s (${seconds > 0 ? Math.round(articles / seconds) : articles} articles/s)`,
  );
  return `${lines.join("\n")}\n`;
}

/** A progress bar on a terminal when there are many files; a line every 10% otherwise. */
export function progressReporter(stream: NodeJS.WriteStream) {
  const MANY = 20;
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = 0;
  return {
    update(done: number, total: number) {
      if (total < MANY) return;
      if (stream.isTTY) {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            { stream, format: "ingest [{bar}] {value}/{total} files | {percentage}% | ETA {eta_formatted}" },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
        return;
      }
      const tenth = Math.floor((done * 10) / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`… ${done}/${total} files\n`);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
