/** Texts of the admin commands (pure, escaped). */
import type { IngestReport } from "../../../ingest/ingest-service.js";
import type { AdminStats } from "../../../services/admin.js";
import { escapeHtml } from "../../render/html.js";
import { clip } from "../../render/text.js";

/** The polite refusal for non-admins: it never says what the command would have shown. */
export const ADMINS_ONLY = "Sorry, this command is for the bot's admins only.";

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** /stats. */
export function renderStats(s: AdminStats): string {
  const last = s.lastIngest
    ? `${utc(s.lastIngest.at)} (${s.lastIngest.added} added, ${s.lastIngest.updated} updated, ${s.lastIngest.failed} failed)`
    : "never";
  return [
    "📊 <b>Briefly stats</b>",
    "",
    `Subscribers: ${s.subscribers.toLocaleString("en-US")} (${s.active.toLocaleString("en-US")} active, ${s.paused.toLocaleString("en-US")} paused)`,
    `Digests today (UTC ${s.at.slice(0, 10)}): ${s.sentToday.toLocaleString("en-US")} sent (${s.lateToday} late), ${plural(s.failedToday, "failure")}, ${s.skippedToday} with nothing new`,
    `Articles: ${s.articles.toLocaleString("en-US")}`,
    `Last ingest: ${last}`,
  ].join("\n");
}

/** /reload's answer: the counts, and the first few failures. */
export function renderReload(r: IngestReport): string {
  const lines = [
    `🔄 <b>Content reloaded</b> in ${(r.ms / 1000).toFixed(1)} s`,
    "",
    `${plural(r.files, "file")}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${plural(r.duplicates, "duplicate")}, ${r.failed} failed.`,
  ];
  for (const e of r.errors.slice(0, 5)) {
    lines.push(`• ${escapeHtml(clip(`${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`, 300))}`);
  }
  if (r.errors.length > 5) lines.push(`…and ${r.errors.length - 5} more (see the logs).`);
  return lines.join("\n");
}
