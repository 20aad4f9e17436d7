/**
 * The delivery ledger: one persistent entry per (chat, due instant), so that a restart neither
 * loses a due digest nor sends one twice. States:
 *
 *   due ──claim──▶ claimed ──▶ sent | failed
 *    └──────────(nothing new)──▶ skipped
 *
 * `late` marks digests that went out after their due minute (a late tick, or picked up after a
 * restart). Claiming goes through a {@link ClaimStore} with an expiring lease: a claimed entry
 * whose process died is taken over once the lease has expired. Daily counters (UTC days) back
 * `/stats` without scanning the ledger. This file is the only one that knows the key formats.
 */
import type Keyv from "keyv";
import type { ClaimStore } from "./digest-claims.js";
import { createKeyedMutex } from "./digest-mutex.js";
import type { DayCounters } from "./redis-counters.js";

/** Where a digest is in its life. `sent`, `failed` and `skipped` are final. */
export type LedgerState = "due" | "claimed" | "sent" | "failed" | "skipped";

/** One digest for one chat at one due instant. */
export interface LedgerEntry {
  id: string;
  chatId: number;
  /** The due instant (ISO-8601). */
  dueAt: string;
  state: LedgerState;
  /** Delivered (or picked up) after its due minute. */
  late: boolean;
  /** Claims taken so far (a second claim means a process died holding the first). */
  attempts: number;
  owner: string | null;
  claimedAt: string | null;
  sentAt: string | null;
  /** The chat it was finally sent to (differs from chatId after a group migration). */
  sentTo: number | null;
  messageId: number | null;
  /** Why it failed or was skipped. */
  reason: string | null;
  updatedAt: string;
}

/** What one job needs to be recorded. */
export interface LedgerJob {
  id: string;
  chatId: number;
  dueAt: Date;
  late: boolean;
}

/** Result of a claim: ours to send, already final, or held by a live claim elsewhere. */
export type ClaimResult =
  | { kind: "claimed"; entry: LedgerEntry }
  | { kind: "done"; entry: LedgerEntry }
  | { kind: "held" };

/** Counts for one UTC day. */
export interface DayCounts {
  sent: number;
  late: number;
  failed: number;
  skipped: number;
}

const FINAL: ReadonlySet<LedgerState> = new Set(["sent", "failed", "skipped"]);

/** Persistent digest ledger. */
export interface DeliveryLedger {
  /** The id of the digest for `chatId` due at `dueAt`: the same pair always gives the same id. */
  jobId(chatId: number, dueAt: Date): string;
  get(id: string): Promise<LedgerEntry | undefined>;
  /** In the order of `ids`; undefined where there is no entry. */
  getMany(ids: readonly string[]): Promise<(LedgerEntry | undefined)[]>;
  /** Record jobs as `due` unless they already have an entry (existing entries are left alone). */
  recordDue(jobs: readonly LedgerJob[], now: Date): Promise<void>;
  /** Claim a job for `owner` for `leaseMs`. Re-claiming by the same owner renews the lease. */
  claim(job: LedgerJob, owner: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  /**
   * Record that Telegram accepted the message: one write of the claimed entry, with no read
   * first, so the sent-but-unrecorded window is a single store write. Releases the claim.
   */
  markSent(entry: LedgerEntry, sent: { sentTo: number; messageId: number }, now: Date): Promise<void>;
  markFailed(entry: LedgerEntry, reason: string, now: Date): Promise<void>;
  /**
   * After a digest followed a migrated group to its new chat id, record the same due instant
   * under the new id as already sent, so a later window cannot send it again under that id.
   */
  recordMigrated(job: LedgerJob, sent: LedgerEntry, now: Date): Promise<void>;
  /** Final without a message: nothing new for this chat. */
  markSkipped(job: LedgerJob, reason: string, now: Date): Promise<void>;
  /** Give a claimed job back as `due` (a run stopped before sending it). */
  release(entry: LedgerEntry, now: Date): Promise<void>;
  /** Counters of the UTC day containing `day`. */
  dayCounts(day: Date): Promise<DayCounts>;
  /** The end of the last completed scheduler window, persisted across restarts. */
  getCursor(): Promise<Date | null>;
  setCursor(at: Date): Promise<void>;
  /** Delete final entries due before `before` (and their day counters); returns how many. */
  prune(before: Date): Promise<number>;
}

type Stored = LedgerEntry | DayCounts | string;

function withZeros(counts: Partial<DayCounts> | undefined): DayCounts {
  return {
    sent: counts?.sent ?? 0,
    late: counts?.late ?? 0,
    failed: counts?.failed ?? 0,
    skipped: counts?.skipped ?? 0,
  };
}

/** Dependencies of {@link createDeliveryLedger}. */
export interface DeliveryLedgerDeps {
  /** The `ledger` namespace. */
  kv: Keyv;
  claims: ClaimStore;
  /**
   * Write entries (keys of this namespace) only where absent, atomically per key; per entry,
   * whether it was written (RedisStore.insertMissing). Needed when several processes record the
   * same due digests: without it `recordDue` reads then writes, and a second process could write
   * "due" over an entry the first had just marked sent, and send it again. Default: read, then
   * write (safe in one process: the scheduler never runs two ticks at once).
   */
  insertMissing?: (entries: readonly { key: string; value: LedgerEntry }[]) => Promise<boolean[]>;
  /** Atomic day counters shared by every process (Redis); default one Keyv record per day behind a mutex. */
  counters?: DayCounters;
}

/** Create the ledger over the `ledger` namespace, claiming through `claims`. */
export function createDeliveryLedger(deps: DeliveryLedgerDeps): DeliveryLedger {
  const kv = deps.kv as Keyv<Stored>;
  const mutex = createKeyedMutex();
  const jobKey = (id: string) => `job:${id}`;
  const dayKey = (at: Date) => `day:${at.toISOString().slice(0, 10)}`;
  const claimKey = (id: string) => `claim:${id}`;
  const counters = deps.counters;

  const count = (at: Date, field: keyof DayCounts, alsoLate: boolean) =>
    counters
      ? counters.add(at, field, alsoLate)
      : mutex.run(dayKey(at), async () => {
          const counts = withZeros((await kv.get(dayKey(at))) as DayCounts | undefined);
          counts[field] += 1;
          if (alsoLate) counts.late += 1;
          await kv.set(dayKey(at), counts);
        });

  const finish = async (entry: LedgerEntry, patch: Partial<LedgerEntry>, now: Date) => {
    const next: LedgerEntry = { ...entry, ...patch, updatedAt: now.toISOString() };
    await mutex.run(jobKey(entry.id), () => kv.set(jobKey(entry.id), next));
    if (entry.owner) await deps.claims.release(claimKey(entry.id), entry.owner);
    return next;
  };

  return {
    jobId: (chatId, dueAt) => `${chatId}@${dueAt.toISOString()}`,
    get: async (id) => (await kv.get(jobKey(id))) as LedgerEntry | undefined,
    async getMany(ids) {
      if (ids.length === 0) return [];
      const found = await kv.getMany(ids.map(jobKey));
      return found.map((e) => (e ?? undefined) as LedgerEntry | undefined);
    },
    async recordDue(jobs, now) {
      if (jobs.length === 0) return;
      if (deps.insertMissing) {
        await deps.insertMissing(jobs.map((j) => ({ key: jobKey(j.id), value: freshLedgerEntry(j, now) })));
        return;
      }
      const existing = await this.getMany(jobs.map((j) => j.id));
      const missing = jobs.filter((_, i) => existing[i] === undefined);
      if (missing.length === 0) return;
      await kv.setMany(missing.map((j) => ({ key: jobKey(j.id), value: freshLedgerEntry(j, now) })));
    },
    async claim(job, owner, now, leaseMs) {
      if (!(await deps.claims.acquire(claimKey(job.id), owner, leaseMs, now))) return { kind: "held" };
      return mutex.run(jobKey(job.id), async () => {
        const entry =
          ((await kv.get(jobKey(job.id))) as LedgerEntry | undefined) ?? freshLedgerEntry(job, now);
        if (FINAL.has(entry.state)) {
          await deps.claims.release(claimKey(job.id), owner);
          return { kind: "done", entry } as const;
        }
        const renewing = entry.state === "claimed" && entry.owner === owner;
        const claimed: LedgerEntry = {
          ...entry,
          state: "claimed",
          late: entry.late || job.late,
          attempts: renewing ? entry.attempts : entry.attempts + 1,
          owner,
          claimedAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
        await kv.set(jobKey(job.id), claimed);
        return { kind: "claimed", entry: claimed } as const;
      });
    },
    async markSent(entry, sent, now) {
      await finish(entry, { state: "sent", sentAt: now.toISOString(), ...sent, reason: null }, now);
      await count(now, "sent", entry.late);
    },
    async markFailed(entry, reason, now) {
      await finish(entry, { state: "failed", reason }, now);
      await count(now, "failed", false);
    },
    async recordMigrated(job, sent, now) {
      await mutex.run(jobKey(job.id), async () => {
        const entry =
          ((await kv.get(jobKey(job.id))) as LedgerEntry | undefined) ?? freshLedgerEntry(job, now);
        if (FINAL.has(entry.state)) return;
        const reason = `sent as ${sent.id} (group migrated)`;
        await kv.set(jobKey(job.id), {
          ...entry,
          state: "sent",
          reason,
          sentTo: job.chatId,
          updatedAt: now.toISOString(),
        });
      });
    },
    async markSkipped(job, reason, now) {
      const skipped = (entry: LedgerEntry): LedgerEntry => ({
        ...entry,
        state: "skipped",
        reason,
        updatedAt: now.toISOString(),
      });
      // Usually the job has no entry yet: then one atomic insert decides which process counts it.
      if (deps.insertMissing) {
        const [inserted] = await deps.insertMissing([
          { key: jobKey(job.id), value: skipped(freshLedgerEntry(job, now)) },
        ]);
        if (inserted) return count(now, "skipped", false);
      }
      const changed = await mutex.run(jobKey(job.id), async () => {
        const entry =
          ((await kv.get(jobKey(job.id))) as LedgerEntry | undefined) ?? freshLedgerEntry(job, now);
        if (FINAL.has(entry.state)) return false;
        await kv.set(jobKey(job.id), skipped(entry));
        return true;
      });
      if (changed) await count(now, "skipped", false);
    },
    async release(entry, now) {
      await finish(entry, { state: "due", owner: null, claimedAt: null }, now);
    },
    async dayCounts(day) {
      if (counters) return counters.get(day);
      return withZeros((await kv.get(dayKey(day))) as DayCounts | undefined);
    },
    async getCursor() {
      const at = (await kv.get("cursor")) as string | undefined;
      return at ? new Date(at) : null;
    },
    async setCursor(at) {
      await kv.set("cursor", at.toISOString());
    },
    async prune(before) {
      if (!kv.iterator) throw new Error("This store backend cannot list its entries");
      const doomed: string[] = [];
      const lastDay = `day:${before.toISOString().slice(0, 10)}`;
      for await (const [key, value] of kv.iterator(undefined) as AsyncIterable<[string, Stored]>) {
        if (key.startsWith("day:") && key < lastDay) doomed.push(key);
        if (!key.startsWith("job:")) continue;
        const entry = value as LedgerEntry;
        if (FINAL.has(entry.state) && Date.parse(entry.dueAt) < before.getTime()) doomed.push(key);
      }
      for (const key of doomed) await kv.delete(key);
      await counters?.prune(before);
      return doomed.filter((k) => k.startsWith("job:")).length;
    },
  };
}

/** The entry a due job starts with: state "due", no attempts, no owner. */
export function freshLedgerEntry(job: LedgerJob, now: Date): LedgerEntry {
  return {
    id: job.id,
    chatId: job.chatId,
    dueAt: job.dueAt.toISOString(),
    state: "due",
    late: job.late,
    attempts: 0,
    owner: null,
    claimedAt: null,
    sentAt: null,
    sentTo: null,
    messageId: null,
    reason: null,
    updatedAt: now.toISOString(),
  };
}
