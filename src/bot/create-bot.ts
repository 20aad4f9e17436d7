/**
 * createBot: the composition of the reader features. Middleware order matters:
 * update dedupe (webhook) → per-chat sequencing → per-update logger → every callback answered → error boundary →
 * rate limit → reader features → extraFeatures → placeholders → plain-text search → unhandled.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Composer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { NewsReader } from "../services/types.js";
import { createApiFetch } from "./api-fetch.js";
import type { BotContext } from "./context.js";
import { answerEveryCallback, createErrorHandler } from "./error-boundary.js";
import { articleFeature } from "./features/article.js";
import { comingSoonFeature } from "./features/coming-soon.js";
import { inlineFeature } from "./features/inline.js";
import { latestFeature } from "./features/latest.js";
import { plainTextSearch, searchFeature } from "./features/search.js";
import { startHelpFeature } from "./features/start-help.js";
import { topicFeature } from "./features/topic.js";
import { topicsFeature } from "./features/topics.js";
import { unhandledFeature } from "./features/unhandled.js";
import { dedupeUpdates, type UpdateClaims } from "./middleware/dedupe-updates.js";
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, type RateLimitStore, rateLimit } from "./rate-limit.js";

export { registerCommands } from "./commands.js";
export type { BotContext } from "./context.js";
export { type PollingHandle, type PollingOptions, runPolling } from "./run-polling.js";

/** Everything the bot needs; nothing is read from the environment. */
export interface BotDeps {
  /** Token from @BotFather. */
  token: string;
  /** Bot API base URL (TELEGRAM_API_ROOT); Telegram's by default. */
  apiRoot?: string;
  /** Skip the getMe call at start (tests, terminal chat). */
  botInfo?: UserFromGetMe;
  /** The only way features read news. */
  reader: NewsReader;
  logger: Logger;
  /** Telegram user ids allowed to use admin commands. */
  adminIds: number[];
  /** Installed after the reader features, before the placeholders and the unhandled fallback. */
  extraFeatures?: Composer<BotContext>[];
  /** Time source for rate-limit windows. */
  clock?: () => Date;
  /** Per-user flood limit; `false` turns it off (benchmarks). Default 12 updates per 6 s. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Webhook mode: claim each update id before handling it, so a redelivered update (Telegram
   * retries, or a load balancer sends it to another process) is handled once.
   */
  updateClaims?: UpdateClaims;
  /** Where rate-limit windows live (Redis when several processes serve one bot); default memory. */
  rateLimitStore?: (windowMs: number) => RateLimitStore;
  /** HTTP client for Bot API calls: default undici over a keep-alive pool (api-fetch.ts); `null` keeps grammY's own (node-fetch). */
  fetch?: typeof fetch | null;
  /** auto-retry bounds: attempts after a 429/5xx and the longest retry_after honoured, in seconds. */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number };
}

/** Build the bot with every reader feature installed. Starts nothing: see runPolling / startWebhookServer. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: {
      ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}),
      ...(deps.fetch === null ? {} : { fetch: deps.fetch ?? createApiFetch() }),
    },
  });
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: deps.retry?.maxRetryAttempts ?? 3,
      maxDelaySeconds: deps.retry?.maxDelaySeconds ?? 30,
      rethrowHttpErrors: true,
    }),
  );
  const clock = deps.clock ?? (() => new Date());
  const reader = deps.reader;

  if (deps.updateClaims) bot.use(dedupeUpdates(deps.updateClaims));
  // One chat's updates in order; inline queries need no order, so they never wait on each other.
  bot.use(sequentialize((ctx) => (ctx.inlineQuery ? undefined : (ctx.chat?.id ?? ctx.from?.id)?.toString())));
  bot.use((ctx, next) => {
    ctx.logger = deps.logger.child({ update_id: ctx.update.update_id });
    return next();
  });
  bot.use(answerEveryCallback());
  const onError = createErrorHandler(deps.logger);
  const guarded = bot.errorBoundary(onError);
  if (deps.rateLimit !== false) {
    const options = deps.rateLimit ?? DEFAULT_RATE_LIMIT;
    guarded.use(rateLimit(options, clock, deps.rateLimitStore?.(options.windowMs)));
  }
  guarded.use(
    startHelpFeature({ adminIds: deps.adminIds }),
    topicsFeature({ reader }),
    topicFeature({ reader }),
    searchFeature({ reader }),
    latestFeature({ reader }),
    articleFeature({ reader }),
    inlineFeature({ reader }),
  );
  for (const feature of deps.extraFeatures ?? []) guarded.use(feature);
  guarded.use(
    comingSoonFeature({ adminIds: deps.adminIds }),
    plainTextSearch({ reader }),
    unhandledFeature(),
  );
  bot.catch(onError);
  return bot;
}
