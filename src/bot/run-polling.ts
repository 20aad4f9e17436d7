/** Long polling on @grammyjs/runner (concurrent across chats, sequential within one via createBot). */
import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "./context.js";

/** A running poller. */
export interface PollingHandle {
  /** Resolves once the webhook is removed and polling has begun (rejects if start-up failed). */
  ready: Promise<void>;
  /** Stop fetching updates and wait for in-flight updates to finish. Idempotent. */
  stop(): Promise<void>;
}

/** Options for {@link runPolling}. */
export interface PollingOptions {
  /** Long-poll timeout passed to getUpdates, in seconds (default 30). */
  timeoutSeconds?: number;
  /** Longest wait for in-flight updates on stop, in ms (default 10 000). */
  drainMs?: number;
  /** Most updates handled at once (default {@link DEFAULT_CONCURRENCY}); more wait at Telegram. */
  concurrency?: number;
}

/**
 * Updates in flight at once. The runner's own default (500) lets a burst put hundreds of half-done
 * replies on the heap at the same time; the garbage collector then copies them again and again and
 * the bot gets slower exactly when it is busiest. A few dozen keep both cores busy (the bot's work
 * is short and the rest is waiting on Telegram), so a burst drains faster (bench/bot.ts).
 */
export const DEFAULT_CONCURRENCY = 64;

/** Delete any webhook, then poll with the runner. Failures to fetch are logged, not printed. */
export function runPolling(
  bot: Bot<BotContext>,
  logger: Logger,
  options: PollingOptions = {},
): PollingHandle {
  let handle: RunnerHandle | undefined;
  let stopping: Promise<void> | undefined;
  let stopped = false;
  const ready = (async () => {
    await bot.init();
    await bot.api.deleteWebhook();
    if (stopped) return;
    handle = run(bot, {
      runner: { fetch: { timeout: options.timeoutSeconds ?? 30 }, silent: true },
      sink: { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY },
    });
    handle.task()?.catch((err: unknown) => logger.error({ err }, "polling stopped with an error"));
    logger.info({ username: bot.botInfo.username }, "polling for updates");
  })();
  ready.catch((err: unknown) => logger.error({ err }, "could not start polling"));
  return {
    ready,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await ready.catch(() => undefined);
        if (!handle) return;
        if (handle.isRunning()) await handle.stop();
        const deadline = Date.now() + (options.drainMs ?? 10_000);
        while (handle.size() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        logger.info("polling stopped");
      })();
      return stopping;
    },
  };
}
