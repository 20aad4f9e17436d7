/**
 * One scheduler tick: select the subscriptions due since the previous tick (or, after a restart,
 * within the grace window), compose and render their digests, record them in the ledger, and
 * deliver. Running the same window twice sends nothing twice: the ledger knows what is final.
 */
import type { Article } from "../domain/article.js";
import type { Subscription } from "../domain/subscription.js";
import type { DeliveryLedger, LedgerEntry } from "../store/delivery-ledger.js";
import { composeDigest, DEFAULT_FOLLOW_UP_MS, digestSince } from "./compose.js";
import type { DeliveryJob, DeliveryService } from "./deliver.js";
import { selectDueSubscriptions } from "./due.js";
import { type RenderOptions, renderDigest } from "./render.js";
import { type DigestLogger, silentLogger } from "./types.js";

const MINUTE_MS = 60_000;

/** Everything one tick needs; `now` and `lastTickAt` pin the window, the rest are ports. */
export interface DigestTickInput {
  now: Date;
  /** End of the previous completed window (the previous result's `nextLastTickAt`); null after a fresh start. */
  lastTickAt: Date | null;
  subs: { all(): AsyncIterable<Subscription> };
  /** Articles that arrived (ingestedAt) after `since`. */
  articles: (since: Date) => Promise<Article[]>;
  ledger: DeliveryLedger;
  delivery: DeliveryService;
  /** How far back missed digests are still sent (late) after a restart or a stalled scheduler. */
  graceMinutes: number;
  /** A digest delivered more than this after its due instant is marked late; default 2. */
  lateAfterMinutes?: number;
  /** Articles fetched from before the oldest reader's previous digest, to recognise follow-ups; default 72 h. */
  followUpHours?: number;
  render?: Pick<RenderOptions, "buttons" | "maxLength">;
  logger?: DigestLogger;
  signal?: AbortSignal;
}

/** Counts of one tick, and the cursor to pass as the next `lastTickAt`. */
export interface DigestTickResult {
  window: { from: Date; to: Date };
  /** Subscriptions due in the window. */
  due: number;
  /** Already final in the ledger before this tick (the window ran before). */
  alreadyDone: number;
  /** Nothing new, no message (recorded as skipped). */
  empty: number;
  sent: number;
  late: number;
  failed: number;
  paused: number;
  migrated: number;
  rateLimited: number;
  /** Left for a later tick (claimed elsewhere, aborted, or a store error). */
  unfinished: number;
  errors: number;
  /** Pass as `lastTickAt` next time: `now`, or just before the earliest unfinished digest. */
  nextLastTickAt: Date;
}

/** Run one tick. */
export async function runDigestTick(input: DigestTickInput): Promise<DigestTickResult> {
  const { now, ledger } = input;
  const logger = input.logger ?? silentLogger;
  const graceStart = now.getTime() - input.graceMinutes * MINUTE_MS;
  const from = new Date(Math.max(input.lastTickAt?.getTime() ?? graceStart, graceStart));
  const window = { from, to: now };
  const result: DigestTickResult = {
    window,
    due: 0,
    alreadyDone: 0,
    empty: 0,
    sent: 0,
    late: 0,
    failed: 0,
    paused: 0,
    migrated: 0,
    rateLimited: 0,
    unfinished: 0,
    errors: 0,
    nextLastTickAt: now,
  };
  if (from.getTime() >= now.getTime()) return result;

  const subs: Subscription[] = [];
  for await (const sub of input.subs.all()) subs.push(sub);
  const selected = selectDueSubscriptions(subs, window);
  result.due = selected.length;
  if (selected.length === 0) return result;

  const ids = selected.map(({ sub, dueAt }) => ledger.jobId(sub.chatId, dueAt));
  const entries = await ledger.getMany(ids);
  const open = (e: LedgerEntry | undefined) => e === undefined || e.state === "due" || e.state === "claimed";
  const pending = selected.filter((_, i) => open(entries[i]));
  result.alreadyDone = selected.length - pending.length;
  if (pending.length === 0) return result;

  const articles = await input.articles(
    new Date(
      oldestSince(
        pending.map((p) => p.sub),
        now,
        input.followUpHours,
      ),
    ),
  );
  const lateAfterMs = (input.lateAfterMinutes ?? 2) * MINUTE_MS;
  const jobs: DeliveryJob[] = [];
  for (const { sub, dueAt } of pending) {
    const job = {
      id: ledger.jobId(sub.chatId, dueAt),
      chatId: sub.chatId,
      dueAt,
      late: now.getTime() - dueAt.getTime() > lateAfterMs,
    };
    const digest = composeDigest({ sub, articles, now });
    if (!digest) {
      await ledger.markSkipped(job, "nothing new", now);
      result.empty++;
      continue;
    }
    const rendered = renderDigest(digest, { ...input.render, timezone: sub.timezone });
    jobs.push({
      ...job,
      message: {
        text: rendered.text,
        parseMode: "HTML",
        ...(rendered.buttons.length ? { buttons: rendered.buttons } : {}),
      },
      coversUntil: now,
    });
  }
  await ledger.recordDue(jobs, now);
  const report = await input.delivery.deliver(jobs, { signal: input.signal });
  Object.assign(result, {
    sent: report.sent,
    late: report.late,
    failed: report.failed,
    paused: report.paused,
    migrated: report.migrated,
    rateLimited: report.rateLimited,
    alreadyDone: result.alreadyDone + report.done,
    unfinished: report.unfinished.length,
    errors: report.errors,
  });
  if (report.unfinished.length) {
    const earliest = report.unfinished.reduce((min, j) => Math.min(min, j.dueAt.getTime()), Infinity);
    result.nextLastTickAt = new Date(Math.min(now.getTime(), earliest - 1));
  }
  logger.info(
    { ...result, window: { from: from.toISOString(), to: now.toISOString() } },
    "digest: tick done",
  );
  return result;
}

/** The earliest arrival any of these readers could still count as new, minus the follow-up margin. */
function oldestSince(subs: readonly Subscription[], now: Date, followUpHours?: number): number {
  let oldest = now.getTime();
  for (const sub of subs) oldest = Math.min(oldest, digestSince(sub, now));
  return oldest - (followUpHours === undefined ? DEFAULT_FOLLOW_UP_MS : followUpHours * 3_600_000);
}

/** A tick function that keeps its own cursor in the ledger, for the scheduler to call. */
export function createDigestTicker(
  deps: Omit<DigestTickInput, "now" | "lastTickAt" | "signal"> & { clock: () => Date },
): { tick(signal?: AbortSignal): Promise<DigestTickResult> } {
  return {
    async tick(signal) {
      const lastTickAt = await deps.ledger.getCursor();
      const result = await runDigestTick({ ...deps, now: deps.clock(), lastTickAt, signal });
      await deps.ledger.setCursor(result.nextLastTickAt);
      return result;
    },
  };
}
