/**
 * Keeping every instance's local search index in step with the shared store (several bot
 * processes on one Redis). Each instance has its own FTS index, rebuilt from the store at start;
 * after an ingest, the ingesting instance publishes the ids it changed, and every other instance
 * reads those articles from the store and upserts them into its index within seconds.
 *
 * Redis holds a change log, so a lost message loses nothing:
 * - `<prefix>:seq`   a counter, one step per published change set;
 * - `<prefix>:log`   a sorted set: article id → the seq of its latest change;
 * - `<prefix>:stamp` the store's change stamp at the latest change set (optional);
 * - `<channel>`      a pub/sub wake-up carrying the new seq.
 * An instance remembers the seq it has applied; on a message, and every `pollMs` anyway, it
 * reads the ids changed since then and the head seq in one MULTI and applies them. Applying is
 * idempotent, so a duplicate or reordered wake-up is harmless.
 */

import type { Article } from "../domain/article.js";
import type { RedisClient } from "../store/redis-client.js";
import { indexDoc } from "./index-doc.js";
import type { SearchIndex } from "./types.js";

/** Appends ids to the log, bumps the seq, records the stamp and publishes, all at once. */
const PUBLISH = `
local seq = redis.call('INCR', KEYS[1])
for i = 3, #ARGV do redis.call('ZADD', KEYS[2], seq, ARGV[i]) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2]) end
redis.call('PUBLISH', ARGV[1], tostring(seq))
return seq`;

/** What one catch-up found: the ids changed since the last one, and where the log stands. */
export interface ChangeBatch {
  ids: string[];
  /** The seq now applied. */
  seq: number;
  /** The store change stamp recorded with the newest change set, if the publisher gave one. */
  stamp: string | null;
}

/** Options of {@link startSearchSync}. */
export interface SearchSyncOptions {
  /** A normal client: log reads and publishes. */
  publisher: RedisClient;
  /** A dedicated client for SUBSCRIBE: a second `connectRedis(url, { onError })` (it has an error listener, `duplicate()` has none). */
  subscriber: RedisClient;
  /** Key prefix of the log, e.g. "briefly:search". */
  prefix: string;
  /** Pub/sub channel; default `<prefix>:changed`. */
  channel?: string;
  /** Apply changed ids to the local index (see {@link createIndexUpdater}); awaited, one batch at a time. */
  onChanged: (batch: ChangeBatch) => Promise<void>;
  /** The log went backwards (Redis was emptied): rebuild the whole index from the store. */
  onReset?: () => Promise<void>;
  /** The seq the local index already reflects; default the head at start (read it before rebuilding). */
  since?: number;
  /** Milliseconds between safety polls of the head seq; default 2,000. */
  pollMs?: number;
  /** Failures of a catch-up (retried at the next poll). */
  onError: (error: unknown) => void;
}

/** A running sync. */
export interface SearchSync {
  /** After storing changed articles: log and announce them; returns their seq. `stamp`: the store's change stamp. */
  publishChanged(ids: readonly string[], stamp?: string): Promise<number>;
  /** Apply whatever is pending now (tests, and after an ingest elsewhere is known to have finished). */
  catchUp(): Promise<void>;
  /** The seq applied locally. */
  applied(): number;
  /** Unsubscribe, stop polling, wait for a running catch-up. Does not close the clients. */
  stop(): Promise<void>;
}

/** The head seq of the log: read it before rebuilding an index, pass it as `since`. */
export async function readChangeHead(client: RedisClient, prefix: string): Promise<number> {
  return Number((await client.get(`${prefix}:seq`)) ?? 0);
}

/**
 * Log and announce changed ids without following the log (a one-shot ingest script); returns
 * their seq. `channel` defaults to `<prefix>:changed`, as in {@link startSearchSync}.
 */
export async function publishChanges(
  client: RedisClient,
  prefix: string,
  ids: readonly string[],
  stamp?: string,
  channel = `${prefix}:changed`,
): Promise<number> {
  return Number(
    await client.eval(PUBLISH, {
      keys: [`${prefix}:seq`, `${prefix}:log`, `${prefix}:stamp`],
      arguments: [channel, stamp ?? "", ...ids],
    }),
  );
}

/** Subscribe, start polling, and catch up once at once. */
export async function startSearchSync(options: SearchSyncOptions): Promise<SearchSync> {
  const { publisher, prefix } = options;
  const channel = options.channel ?? `${prefix}:changed`;
  const keys = { seq: `${prefix}:seq`, log: `${prefix}:log`, stamp: `${prefix}:stamp` };
  let applied = options.since ?? (await readChangeHead(publisher, prefix));
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const runCatchUp = async () => {
    const [ids, head, stamp] = (await publisher
      .multi()
      .zRangeByScore(keys.log, `(${applied}`, "+inf")
      .get(keys.seq)
      .get(keys.stamp)
      .exec()) as unknown as [string[], string | null, string | null];
    const seq = Number(head ?? 0);
    if (seq < applied) {
      // The log restarted under us: only a full rebuild is safe.
      await options.onReset?.();
      applied = seq;
      return;
    }
    if (seq === applied) return;
    await options.onChanged({ ids, seq, stamp });
    applied = Math.max(applied, seq);
  };
  const report = (error: unknown) => {
    try {
      options.onError(error);
    } catch {
      // A throwing reporter must not stop the sync: the chain below has to stay usable.
    }
  };
  // One catch-up at a time, in order; a failure is reported and retried by the next poll.
  const catchUp = () => {
    chain = chain.then(() => (stopped ? undefined : runCatchUp())).catch(report);
    return chain;
  };

  await options.subscriber.subscribe(channel, (message) => {
    if (Number(message) > applied) void catchUp();
  });
  const timer = setInterval(() => {
    void readChangeHead(publisher, prefix).then((head) => {
      if (head !== applied) return catchUp();
    }, report);
  }, options.pollMs ?? 2000);
  timer.unref();
  await catchUp();

  return {
    async publishChanged(ids, stamp) {
      if (ids.length === 0) return applied;
      const seq = await publishChanges(publisher, prefix, ids, stamp, channel);
      // Our own change is already in our index: skip it, unless someone else's came in between.
      if (applied === seq - 1) applied = seq;
      return seq;
    },
    catchUp,
    applied: () => applied,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await options.subscriber.unsubscribe(channel);
      await chain;
    },
  };
}

/** What {@link createIndexUpdater} needs of the article repository. */
export interface ArticleSource {
  /** In the order of `ids`; missing ones left out. */
  getMany(ids: readonly string[]): Promise<Article[]>;
}

/**
 * The usual `onChanged`: read the changed articles from the store in batches, upsert those that
 * exist, remove those that are gone, and record the publisher's stamp in the index (so a restart
 * skips the rebuild when nothing changed since).
 */
export function createIndexUpdater(deps: {
  articles: ArticleSource;
  index: Pick<SearchIndex, "upsert" | "remove" | "setStamp">;
  batchSize?: number;
}): (batch: ChangeBatch) => Promise<void> {
  const size = deps.batchSize ?? 500;
  return async ({ ids, stamp }) => {
    for (let i = 0; i < ids.length; i += size) {
      const slice = ids.slice(i, i + size);
      const found = await deps.articles.getMany(slice);
      const present = new Set(found.map((a) => a.id));
      await deps.index.upsert(found.map((a) => indexDoc(a)));
      const gone = slice.filter((id) => !present.has(id));
      if (gone.length > 0) await deps.index.remove(gone);
    }
    if (stamp !== null) await deps.index.setStamp(stamp);
  };
}
