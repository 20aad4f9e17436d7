/**
 * Claims: who may send a digest right now. Keyv has no atomic compare-and-set, so claiming sits
 * behind {@link ClaimStore}. {@link createLocalClaimStore} serialises claims with a mutex inside one
 * process over a Keyv namespace (safe for one bot process on SQLite); a Redis `SET NX PX`
 * implementation is what several processes will need.
 */
import type Keyv from "keyv";
import { createKeyedMutex } from "./digest-mutex.js";

/** A held claim as stored. Expiry is explicit (not a Keyv TTL) so that an injected clock decides. */
export interface ClaimRecord {
  owner: string;
  /** Epoch milliseconds after which anyone may take the claim over. */
  expiresAt: number;
}

/** Exclusive, expiring claims on keys. */
export interface ClaimStore {
  /**
   * Take (or renew) the claim on `key` for `owner` until `now + ttlMs`. False when another owner
   * holds a claim that has not expired at `now`.
   */
  acquire(key: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Give the claim back; a no-op unless `owner` holds it. */
  release(key: string, owner: string): Promise<void>;
}

/** A claim store for a single process: a mutex per key over the given Keyv (the `claims` namespace). */
export function createLocalClaimStore(kv: Keyv<ClaimRecord>): ClaimStore {
  const mutex = createKeyedMutex();
  return {
    acquire(key, owner, ttlMs, now) {
      return mutex.run(key, async () => {
        const held = await kv.get(key);
        if (held && held.owner !== owner && held.expiresAt > now.getTime()) return false;
        await kv.set(key, { owner, expiresAt: now.getTime() + ttlMs });
        return true;
      });
    },
    release(key, owner) {
      return mutex.run(key, async () => {
        const held = await kv.get(key);
        if (held?.owner === owner) await kv.delete(key);
      });
    },
  };
}
