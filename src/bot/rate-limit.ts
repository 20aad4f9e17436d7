/**
 * Per-user flood protection on @grammyjs/ratelimiter, with a window store driven by the
 * injected clock (the plugin's own memory store uses a wall-clock timer). Inline queries
 * are not limited: Telegram already throttles them as people type.
 */
import { limit } from "@grammyjs/ratelimiter";
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "./context.js";

/** How many updates one user may send per window. */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

/** Defaults: generous for people paging quickly, tight for scripts. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 12, windowMs: 6000 };

/** Shown once per window when a user goes over the limit. */
export const SLOW_DOWN = "You're going a bit fast — please wait a few seconds and try again.";

/** Where windows are counted: the shape @grammyjs/ratelimiter calls, plus the current count of a key. */
export interface RateLimitStore {
  incr(key: string): Promise<number>;
  pexpire(key: string, ms: number): Promise<number>;
  /** Hits of `key` in its current window, as last counted here. */
  hits(key: string): number;
}

/** A fixed-window counter keyed by user, in the shape the plugin's Redis store expects. */
export function createWindowStore(clock: () => Date): RateLimitStore {
  const windows = new Map<string, { count: number; expires: number }>();
  const sweep = (now: number) => {
    for (const [key, w] of windows) if (w.expires <= now) windows.delete(key);
  };
  return {
    async incr(key: string): Promise<number> {
      const now = clock().getTime();
      if (windows.size > 10_000) sweep(now);
      const w = windows.get(key);
      if (!w || w.expires <= now) {
        windows.set(key, { count: 1, expires: Number.POSITIVE_INFINITY });
        return 1;
      }
      w.count++;
      return w.count;
    },
    async pexpire(key: string, ms: number): Promise<number> {
      const w = windows.get(key);
      if (w) w.expires = clock().getTime() + ms;
      return w ? 1 : 0;
    },
    /** Hits of `key` in its current window. */
    hits(key: string): number {
      const w = windows.get(key);
      return w && w.expires > clock().getTime() ? w.count : 0;
    },
  };
}

/**
 * The rate-limit middleware: over the limit, a button press is answered with a note and a message
 * gets it once. `store`: shared windows (createRedisRateLimitStore); default in memory on `clock`.
 */
export function rateLimit(
  options: RateLimitOptions,
  clock: () => Date,
  store: RateLimitStore = createWindowStore(clock),
): MiddlewareFn<BotContext> {
  const prefix = "rate:";
  return limit<BotContext, RateLimitStore>({
    timeFrame: options.windowMs,
    limit: options.limit,
    storageClient: store,
    keyPrefix: prefix,
    alwaysReply: true,
    keyGenerator: (ctx) => (ctx.inlineQuery ? undefined : ctx.from?.id.toString()),
    onLimitExceeded: async (ctx) => {
      ctx.logger.info({ user: ctx.from?.id }, "rate limited");
      if (ctx.callbackQuery) {
        await ctx.answerCallbackQuery({ text: SLOW_DOWN });
        return;
      }
      const first = store.hits(`${prefix}${ctx.from?.id}`) === options.limit + 1;
      if (first && ctx.chat?.type === "private") await ctx.reply(SLOW_DOWN);
    },
  });
}
