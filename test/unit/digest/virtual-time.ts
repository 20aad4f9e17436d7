/**
 * Virtual time for delivery tests: `sleep` registers a timer, and `run` drives a promise to
 * completion by draining the event loop and then jumping to the next timer. No real waiting and
 * no wall clock: pacing and retry_after are measured in virtual milliseconds.
 */
export function createVirtualTime(start: string) {
  let now = Date.parse(start);
  let seq = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  const drain = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    clock: () => new Date(now),
    nowMs: () => now,
    set(iso: string) {
      now = Date.parse(iso);
    },
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        timers.push({ at: now + Math.max(0, ms), seq: seq++, resolve });
      }),
    drain,
    /** Drive `promise` to completion through virtual time. */
    async run<T>(promise: Promise<T>): Promise<T> {
      let settled = false;
      promise.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      for (let idle = 0; ; ) {
        await drain();
        if (settled) return promise;
        if (timers.length === 0) {
          if (++idle > 50) throw new Error("virtual time: stuck with no timers");
          continue;
        }
        idle = 0;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const timer = timers.shift()!;
        now = Math.max(now, timer.at);
        timer.resolve();
      }
    },
  };
}
