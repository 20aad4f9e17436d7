/**
 * Pacing that a server counting arrivals in a sliding window cannot catch out. Two rules per
 * send, enforced in ticket order:
 * 1. spacing: starts are at least 1/perSecond apart (no bursts);
 * 2. window: a send starts only after every send `perSecond` tickets earlier has *completed*,
 *    plus the window. A request arrives at the server before it completes, so any
 *    `perSecond + 1` sends are at least one window apart at the server, however jittery the
 *    network or event loop is. The cost is one round-trip per window (≈ 1% on loopback).
 * A 429's retry_after holds everyone back (`holdFor`). Clock and sleep are injected.
 */

/** Sleep for `ms` milliseconds (real timers in production, virtual time in tests). */
export type Sleep = (ms: number) => Promise<void>;

/** Call when the request has completed (succeeded or failed). Idempotent. */
export type Release = () => void;

/** Paces sends overall. */
export interface Pacer {
  /** Wait for this send's turn; call the returned function when the request has completed. */
  take(): Promise<Release>;
  /** No send starts before `ms` from now (Telegram asked us to back off). */
  holdFor(ms: number): void;
}

/** Options of {@link createPacer}. */
export interface PacerOptions {
  perSecond: number;
  clock: () => Date;
  sleep: Sleep;
  /** A request still running after this long is assumed to have arrived (so a hung request cannot stall sending). Default 10 s. */
  assumeArrivedAfterMs?: number;
}

const WINDOW_MS = 1000;
/** Slots of lateness that may be made up after a stall. */
const CATCH_UP = 3;

/** Create a pacer allowing `perSecond` sends in any one-second window. */
export function createPacer(opts: PacerOptions): Pacer {
  const now = () => opts.clock().getTime();
  const interval = WINDOW_MS / opts.perSecond;
  const capacity = Math.max(1, Math.floor(opts.perSecond));
  const cap = opts.assumeArrivedAfterMs ?? 10_000;
  const ring: { done: Promise<number>; finished: boolean; startedAt: number }[] = [];
  let issued = 0;
  let next = Number.NEGATIVE_INFINITY;
  let holdUntil = Number.NEGATIVE_INFINITY;
  let windowFloor = Number.NEGATIVE_INFINITY;
  let gate: Promise<void> = Promise.resolve();

  const waitUntil = async (target: () => number) => {
    // Loop: a timer may fire a little early, and a hold may begin while we sleep.
    for (let t = target(); now() < t; t = target()) await opts.sleep(t - now());
  };

  return {
    take() {
      const index = issued++;
      const prior = index >= capacity ? ring[index % capacity] : undefined;
      let resolveDone!: (at: number) => void;
      const ticket = {
        done: new Promise<number>((r) => (resolveDone = r)),
        finished: false,
        startedAt: Infinity,
      };
      ring[index % capacity] = ticket;
      const turn = gate.then(async () => {
        if (prior) {
          const completedAt = prior.finished
            ? await prior.done
            : await Promise.race([
                prior.done,
                opts.sleep(prior.startedAt + cap - now()).then(() => prior.startedAt + cap),
              ]);
          windowFloor = Math.max(windowFloor, completedAt + WINDOW_MS + 1);
        }
        let target = Number.NEGATIVE_INFINITY;
        await waitUntil(() => {
          target = Math.max(next, holdUntil, windowFloor);
          return target;
        });
        ticket.startedAt = now();
        // Space from the planned slot, not from when the timer actually fired: wake-up delays and
        // a slow round-trip would otherwise be lost for good. Up to CATCH_UP slots are made up
        // (sent closer together); the window rule still bounds every one-second window.
        const planned = Number.isFinite(target) ? target : ticket.startedAt;
        next = Math.max(planned, ticket.startedAt - CATCH_UP * interval) + interval;
      });
      gate = turn.catch(() => undefined);
      return turn.then(() => () => {
        if (ticket.finished) return;
        ticket.finished = true;
        resolveDone(now());
      });
    },
    holdFor(ms) {
      holdUntil = Math.max(holdUntil, now() + ms);
    },
  };
}

/** Paces sends per key (per chat). */
export interface KeyedPacer {
  take(key: number): Promise<Release>;
}

/** Per-key pacing: the next send to a key starts `1/perSecond` after the previous one completed. */
export function createKeyedPacer(opts: { perSecond: number; clock: () => Date; sleep: Sleep }): KeyedPacer {
  const interval = WINDOW_MS / opts.perSecond + 1;
  const next = new Map<number, number>();
  const now = () => opts.clock().getTime();
  return {
    async take(key) {
      // Reserve synchronously so two concurrent sends to one chat queue up, not collide.
      const slot = Math.max(now(), next.get(key) ?? Number.NEGATIVE_INFINITY);
      next.set(key, slot + interval);
      if (next.size > 10_000) for (const [k, t] of next) if (t < now()) next.delete(k);
      for (let t = slot; now() < t; ) await opts.sleep(t - now());
      let released = false;
      return () => {
        if (released) return;
        released = true;
        next.set(key, Math.max(next.get(key) ?? 0, now() + interval));
      };
    },
  };
}
