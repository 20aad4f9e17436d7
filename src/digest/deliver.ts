/**
 * The one path for proactive sends. Each job is claimed in the persistent ledger, paced (overall
 * and per chat), sent through the {@link SendPort}, and recorded. Telegram's answers steer it:
 * 429 waits `retry_after` (and holds every sender back as long), a migrated group is followed to
 * its new id (the subscription is re-keyed), 403 / "chat not found" pauses the subscription with
 * the reason, 5xx and network errors are retried with backoff, anything else fails the job.
 *
 * The window Telegram cannot close
 * --------------------------------
 * Telegram has no idempotency key: if the process dies after `sendMessage` returned but before
 * the ledger says "sent", the claim's lease expires and the digest is sent again (late). We keep
 * that window to a single store write: the ledger entry is marked `sent` immediately after the
 * API returns, from the claimed entry already in memory (no read first), before anything else —
 * counters, releasing the claim and moving the subscription's `lastDigestAt` all come after.
 * A crash anywhere else is harmless: before the send, the lease expires and the job is sent
 * once, late; after the "sent" write, the job is final.
 */
import { randomUUID } from "node:crypto";
import type { Subscription } from "../domain/subscription.js";
import type { DeliveryLedger, LedgerEntry, LedgerJob } from "../store/delivery-ledger.js";
import type { SubscriptionRepo } from "../store/subscription-repo.js";
import { createKeyedPacer, createPacer, type Pacer, type Sleep } from "./pacer.js";
import { classifySendError } from "./send-errors.js";
import type { DigestLogger, OutgoingMessage, SendPort } from "./types.js";

/** One digest to deliver. */
export interface DeliveryJob extends LedgerJob {
  message: OutgoingMessage;
  /** On success the subscription's `lastDigestAt` moves here (the instant the digest was composed). */
  coversUntil: Date;
}

/** Telegram's free broadcast limits and the paid-broadcast switch. */
export interface PaceOptions {
  /** Messages a second overall (Telegram: about 30 without paid broadcasts). */
  perSecond: number;
  /** Messages a second to one chat (Telegram: 1). */
  perChatPerSecond: number;
  /** Send with `allow_paid_broadcast` and raise the overall pace to `paidPerSecond`. */
  paidBroadcast?: boolean;
  /** Overall pace with paid broadcasts; default 1,000 (Telegram's paid limit). */
  paidPerSecond?: number;
}

/** Dependencies of {@link createDeliveryService}. */
export interface DeliveryDeps {
  ledger: DeliveryLedger;
  send: SendPort;
  subs: SubscriptionRepo;
  clock: () => Date;
  logger: DigestLogger;
  pace: PaceOptions;
  /** Sends in flight at once. */
  concurrency: number;
  /** Default: real timers. Tests pass virtual time. */
  sleep?: Sleep;
  /** Claim owner; default a random id per service (one per process). */
  owner?: string;
  /** How long a claim lasts without renewal; default 10 minutes. */
  leaseMs?: number;
  /** Tries per job for 429 and transient errors; default 5. */
  maxAttempts?: number;
  /**
   * The overall pace, when it is shared with other processes (createRedisPacer: Telegram's limit
   * is per bot, not per instance). Default: this service's own pacer at `pace`.
   */
  pacer?: Pacer;
}

/** What one `deliver` call did. */
export interface DeliveryReport {
  sent: number;
  /** Of `sent`, those marked late. */
  late: number;
  failed: number;
  /** Subscriptions paused because the chat blocked the bot or is gone. */
  paused: number;
  migrated: number;
  /** 429 answers that were waited out. */
  rateLimited: number;
  /** Already final in the ledger (sent before, e.g. a tick run twice). */
  done: number;
  /** Not finished here: claimed by another live owner, or not started because the run was aborted. */
  unfinished: DeliveryJob[];
  /** Store or unexpected errors (logged; the job is also in `unfinished`, to be retried). */
  errors: number;
}

/** Delivers digests with pacing, retries and a persistent ledger. */
export interface DeliveryService {
  /** Deliver jobs; an aborted `signal` stops starting new ones (those in flight finish). */
  deliver(jobs: readonly DeliveryJob[], options?: { signal?: AbortSignal }): Promise<DeliveryReport>;
}

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Create the delivery service. */
export function createDeliveryService(deps: DeliveryDeps): DeliveryService {
  const { ledger, send, subs, clock, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const owner = deps.owner ?? `digest-${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const paid = deps.pace.paidBroadcast === true;
  const perSecond = paid
    ? Math.max(deps.pace.perSecond, deps.pace.paidPerSecond ?? 1000)
    : deps.pace.perSecond;
  // One pacer per service, shared by every run: back-to-back runs cannot exceed the pace either.
  const overall = deps.pacer ?? createPacer({ perSecond, clock, sleep });
  const perChat = createKeyedPacer({ perSecond: deps.pace.perChatPerSecond, clock, sleep });

  /** Read-modify-write of one subscription; `patch` returns null to leave it as is. */
  const updateSub = async (chatId: number, patch: (s: Subscription) => Partial<Subscription> | null) => {
    const sub = await subs.get(chatId);
    if (!sub) return;
    const changes = patch(sub);
    if (changes) await subs.put({ ...sub, ...changes, updatedAt: clock().toISOString() });
  };

  async function deliverOne(job: DeliveryJob, report: DeliveryReport): Promise<void> {
    const claim = await ledger.claim(job, owner, clock(), leaseMs);
    if (claim.kind === "held") return void report.unfinished.push(job);
    if (claim.kind === "done") return void report.done++;
    let entry: LedgerEntry = claim.entry;
    let chatId = job.chatId;
    let attempts = 0;
    let hops = 0;
    const message: OutgoingMessage = paid ? { ...job.message, allowPaidBroadcast: true } : job.message;
    for (;;) {
      const releaseChat = await perChat.take(chatId);
      const release = await overall.take();
      // A long wait for a slot (a 429 hold shared by every instance) may outlast half the lease:
      // renew the claim before sending, or leave the job if someone else has taken it meanwhile.
      if (clock().getTime() - Date.parse(entry.claimedAt ?? "") > leaseMs / 2) {
        const renewed = await ledger.claim(job, owner, clock(), leaseMs).catch((error: unknown) => {
          release();
          releaseChat();
          throw error;
        });
        if (renewed.kind !== "claimed") {
          release();
          releaseChat();
          return void (renewed.kind === "done" ? report.done++ : report.unfinished.push(job));
        }
        entry = renewed.entry;
      }
      let messageId: number;
      try {
        ({ messageId } = await send(chatId, message).finally(() => {
          release();
          releaseChat();
        }));
      } catch (error) {
        const failure = classifySendError(error);
        if (failure.kind === "migrated" && hops < 3) {
          hops++;
          report.migrated++;
          logger.info({ chatId, to: failure.toChatId }, "digest: chat migrated, following it");
          await subs.rekey(chatId, failure.toChatId);
          chatId = failure.toChatId;
          continue;
        }
        attempts++;
        const retryIn =
          failure.kind === "rate-limited"
            ? failure.retryAfterMs
            : failure.kind === "transient"
              ? Math.min(30_000, 1000 * 2 ** (attempts - 1))
              : -1;
        if (retryIn >= 0 && attempts < maxAttempts) {
          if (failure.kind === "rate-limited") {
            report.rateLimited++;
            overall.holdFor(retryIn);
          }
          logger.warn(
            { chatId, reason: failure.reason, retryInMs: retryIn },
            "digest: send failed, retrying",
          );
          await sleep(retryIn);
          const renewed = await ledger.claim(job, owner, clock(), leaseMs);
          if (renewed.kind !== "claimed") return void report.unfinished.push(job);
          entry = renewed.entry;
          continue;
        }
        if (failure.kind === "gone") {
          report.paused++;
          await updateSub(chatId, () => ({ active: false, pausedReason: failure.reason }));
          logger.info({ chatId, reason: failure.reason }, "digest: chat gone, subscription paused");
        } else {
          logger.warn({ chatId, reason: failure.reason }, "digest: send failed");
        }
        report.failed++;
        await ledger.markFailed(entry, failure.reason, clock());
        return;
      }
      // Sent. Record it before anything else (see the comment block at the top).
      await ledger.markSent(entry, { sentTo: chatId, messageId }, clock());
      report.sent++;
      if (entry.late) report.late++;
      if (chatId !== job.chatId) {
        const moved = { ...job, id: ledger.jobId(chatId, job.dueAt), chatId };
        await ledger.recordMigrated(moved, entry, clock());
      }
      await updateSub(chatId, (sub) =>
        sub.lastDigestAt && Date.parse(sub.lastDigestAt) >= job.coversUntil.getTime()
          ? null
          : { lastDigestAt: job.coversUntil.toISOString() },
      );
      return;
    }
  }

  return {
    async deliver(jobs, options = {}) {
      const report: DeliveryReport = {
        sent: 0,
        late: 0,
        failed: 0,
        paused: 0,
        migrated: 0,
        rateLimited: 0,
        done: 0,
        unfinished: [],
        errors: 0,
      };
      let next = 0;
      const worker = async () => {
        while (next < jobs.length && !options.signal?.aborted) {
          const job = jobs[next++]!;
          try {
            await deliverOne(job, report);
          } catch (error) {
            report.errors++;
            report.unfinished.push(job);
            logger.error({ err: error, chatId: job.chatId, job: job.id }, "digest: delivery error");
          }
        }
      };
      const workers = Math.max(1, Math.min(deps.concurrency, jobs.length));
      await Promise.all(Array.from({ length: workers }, worker));
      report.unfinished.push(...jobs.slice(next));
      return report;
    },
  };
}
