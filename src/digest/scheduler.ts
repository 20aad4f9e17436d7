/**
 * node-cron wiring only: call `tick` on the DIGEST_TICK expression, never two ticks at once (a
 * tick that is still delivering when the next one is due makes that one a no-op; the next tick
 * after it covers the gap), and stop cleanly: no new ticks, the running one is asked to stop
 * starting sends and is awaited.
 */
import { type Logger as CronLogger, createTask, type ScheduledTask, validate } from "node-cron";
import type { DigestLogger } from "./types.js";

/** Options of {@link startDigestScheduler}. */
export interface DigestSchedulerOptions {
  /** node-cron expression (5 or 6 fields), e.g. "* * * * *". */
  cron: string;
  /** One tick; the signal aborts when the scheduler stops. */
  tick: (signal: AbortSignal) => Promise<unknown>;
  logger: DigestLogger;
  /** How the task is created: tests, and node-cron's distributed mode for several processes (default createTask). */
  createTask?: (cron: string, run: () => Promise<void>) => Pick<ScheduledTask, "start" | "stop" | "destroy">;
}

/** A running scheduler. */
export interface DigestScheduler {
  /** Stop ticking and wait for a running tick to finish. Idempotent. */
  stop(): Promise<void>;
}

/** Start ticking. @throws Error when `cron` is not a valid node-cron expression. */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  if (!validate(options.cron)) {
    throw new Error(
      `DIGEST_TICK "${options.cron}" is not a cron expression; use e.g. "* * * * *" (every minute).`,
    );
  }
  const { logger } = options;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let stopped: Promise<void> | null = null;

  const run = async (): Promise<void> => {
    if (abort.signal.aborted) return;
    if (running) {
      logger.debug({}, "digest: previous tick still running, skipping this one");
      return;
    }
    running = (async () => {
      try {
        await options.tick(abort.signal);
      } catch (error) {
        logger.error({ err: error }, "digest: tick failed");
      }
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };

  const make =
    options.createTask ??
    ((cron: string, fn: () => Promise<void>) =>
      createTask(cron, fn, { name: "digest-tick", noOverlap: true, logger: cronLogger(logger) }));
  const task = make(options.cron, run);
  void task.start();

  return {
    stop() {
      stopped ??= (async () => {
        abort.abort();
        await task.stop();
        await task.destroy();
        if (running) await running;
      })();
      return stopped;
    },
  };
}

/** node-cron's own messages through our logger; a blocked overlap is expected, so it is debug. */
export function cronLogger(logger: DigestLogger): CronLogger {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m) => logger.debug({}, `node-cron: ${m}`),
    debug: (m) => logger.debug({}, `node-cron: ${text(m)}`),
    warn: (m) =>
      /overlap/i.test(m) ? logger.debug({}, `node-cron: ${m}`) : logger.warn({}, `node-cron: ${m}`),
    error: (m, err) => logger.error({ err: err ?? m }, `node-cron: ${text(m)}`),
  };
}
