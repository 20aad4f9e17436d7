/**
 * The bot benchmark's tables from plan results: throughput, latency percentiles and bot CPU per
 * update, per run and per kind of update, and notes naming what went unanswered or failed.
 */
import type { PlanResult } from "./bot-session.js";

/** One measured run. */
export interface Row {
  label: string;
  result: PlanResult;
}

function latencies(r: PlanResult, kind?: string): number[] {
  return r.queued
    .filter(([id, , k]) => (kind === undefined || k === kind) && r.done.has(id))
    .map(([id, at]) => r.done.get(id)! - at)
    .sort((a, b) => a - b);
}

function at(sorted: number[], p: number): string {
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(1);
}

function counts(r: PlanResult, kind?: string) {
  const mine = r.queued.filter(([, , k]) => kind === undefined || k === kind);
  return {
    updates: mine.length,
    unanswered: mine.filter(([id]) => !r.replied.has(id) || !r.done.has(id)).length,
    failed: mine.filter(([id]) => r.failed.has(id)).length,
  };
}

/** The main table's row of a run. */
export function summaryRow({ label, result }: Row): (string | number)[] {
  const sorted = latencies(result);
  const started = Math.min(...result.queued.map(([, queuedAt]) => queuedAt));
  const finished = Math.max(...[...result.done.values()]);
  const c = counts(result);
  return [
    label,
    c.updates,
    Math.round(sorted.length / ((finished - started) / 1000)),
    at(sorted, 0.5),
    at(sorted, 0.99),
    (sorted.at(-1) ?? 0).toFixed(1),
    (result.cpuMs / Math.max(1, c.updates)).toFixed(2),
    c.unanswered,
    c.failed,
  ];
}

/** Rows per kind of update of one run: kind, updates, p50, p99, max, unanswered, failed. */
export function byKind(r: PlanResult): (string | number)[][] {
  const kinds = [...new Set(r.queued.map(([, , k]) => k))].sort();
  return kinds.map((kind) => {
    const sorted = latencies(r, kind);
    const c = counts(r, kind);
    return [
      kind,
      c.updates,
      at(sorted, 0.5),
      at(sorted, 0.99),
      (sorted.at(-1) ?? 0).toFixed(1),
      c.unanswered,
      c.failed,
    ];
  });
}

/** Notes naming what went wrong, by kind, with a few examples: a bench that only times out explains nothing. */
export function problems(rows: Row[]): string[] {
  const out: string[] = [];
  for (const { label, result: r } of rows) {
    const unfinished = r.queued.filter(([id]) => !r.done.has(id));
    const unanswered = r.queued.filter(([id]) => r.done.has(id) && !r.replied.has(id));
    const tally = (list: typeof r.queued) => {
      const m = new Map<string, number>();
      for (const [, , k] of list) m.set(k, (m.get(k) ?? 0) + 1);
      return [...m].map(([k, n]) => `${k} ${n}`).join(", ");
    };
    if (unfinished.length)
      out.push(`${label}: ${unfinished.length} still running at the deadline (${tally(unfinished)}).`);
    if (unanswered.length)
      out.push(`${label}: ${unanswered.length} handled without any reply (${tally(unanswered)}).`);
    const failures = [...new Set([...r.failed.values()].flat())];
    if (failures.length) out.push(`${label}: refused calls, e.g. ${failures.slice(0, 3).join("; ")}.`);
    if (r.botErrors.length)
      out.push(`${label}: ${r.botErrors.length} bot log lines at warn+, e.g. ${r.botErrors[0]}`);
  }
  return out;
}
