/**
 * The delivery ledger's per-day counters on Redis. The ledger's own counters are a
 * read-modify-write of one Keyv record behind an in-process mutex: correct for one process,
 * but two processes on one Redis would lose increments. Here every increment is one `HINCRBY`
 * on a hash per UTC day, atomic on the server however many processes count at once.
 */
import type { DayCounts } from "./delivery-ledger.js";
import type { RedisClient } from "./redis-client.js";

/** Atomic per-UTC-day counters of digest outcomes. */
export interface DayCounters {
  /** Count one outcome on the UTC day containing `at`; `alsoLate` also counts it as late. */
  add(at: Date, field: keyof DayCounts, alsoLate: boolean): Promise<void>;
  /** The counts of the UTC day containing `day` (zeros when nothing was counted). */
  get(day: Date): Promise<DayCounts>;
  /** Delete the counters of UTC days before the day containing `before`; returns how many days. */
  prune(before: Date): Promise<number>;
}

/** Options of {@link createRedisDayCounters}. */
export interface RedisDayCountersOptions {
  /** Days a day's hash is kept after its last increment (a safety net besides `prune`); default 400. */
  retainDays?: number;
}

const DAY_MS = 86_400_000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Counters in hashes named `<prefix>:<YYYY-MM-DD>`, e.g. prefix "briefly:ledger-day". */
export function createRedisDayCounters(
  client: RedisClient,
  prefix: string,
  options: RedisDayCountersOptions = {},
): DayCounters {
  const key = (at: Date) => `${prefix}:${dayOf(at)}`;
  const retainMs = (options.retainDays ?? 400) * DAY_MS;
  return {
    async add(at, field, alsoLate) {
      const multi = client.multi().hIncrBy(key(at), field, 1);
      if (alsoLate && field !== "late") multi.hIncrBy(key(at), "late", 1);
      await multi.pExpire(key(at), retainMs).exec();
    },
    async get(day) {
      const hash = await client.hGetAll(key(day));
      const read = (field: keyof DayCounts) => Number(hash[field] ?? 0);
      return { sent: read("sent"), late: read("late"), failed: read("failed"), skipped: read("skipped") };
    },
    async prune(before) {
      const last = key(before);
      const doomed: string[] = [];
      for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500, TYPE: "hash" })) {
        // ISO dates compare as strings; the prefix is the same for every key.
        for (const k of keys) if (k < last) doomed.push(k);
      }
      if (doomed.length > 0) await client.del(doomed);
      return doomed.length;
    },
  };
}
