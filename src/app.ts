/**
 * createApp: the composition root used by main.ts, the terminal chat, the benches and the tests.
 * Opens the services, loads CONTENT_DIR into an empty store, builds the digest pipeline and the
 * bot over them. The digest scheduler is built but not started: main.ts starts it.
 */
import { Api, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext } from "./bot/context.js";
import { createBot } from "./bot/create-bot.js";
import { adminFeature } from "./bot/features/admin/index.js";
import { digestButtonData, subscriptionsFeature } from "./bot/features/subscriptions/index.js";
import { createMemoryUpdateClaims } from "./bot/middleware/dedupe-updates.js";
import type { Config } from "./config.js";
import type { DigestScheduler } from "./digest/scheduler.js";
import { createTelegramSendPort } from "./digest/telegram-port.js";
import type { SendPort } from "./digest/types.js";
import { createDigestPipeline, type DigestPipeline } from "./digest/wiring.js";
import { createLogger, type Logger } from "./logger.js";
import { createAdminService } from "./services/admin.js";
import { openServices, type Services } from "./services/container.js";

export interface AppOverrides {
  logger?: Logger;
  clock?: () => Date;
  /** Skip getMe (tests, the terminal chat): the bot uses this identity. */
  botInfo?: UserFromGetMe;
  /** No Telegram at all (the terminal chat): a placeholder token and a fixed botInfo; digests cannot be sent. */
  offline?: boolean;
  /** How digests are sent; default grammY's Api on BOT_TOKEN and TELEGRAM_API_ROOT. */
  send?: SendPort;
}

/** The digest scheduler as main.ts drives it. */
export interface AppScheduler {
  /** Start ticking on DIGEST_TICK. Idempotent. @throws Error in offline mode or on an invalid DIGEST_TICK */
  start(): void;
  /** Stop ticking and wait for a running tick (no new sends start). Idempotent. */
  stop(): Promise<void>;
}

export interface App {
  bot: Bot<BotContext>;
  services: Services;
  digest: DigestPipeline;
  scheduler: AppScheduler;
  config: Config;
  logger: Logger;
  /** Stop the scheduler, then close the store and the index. Idempotent. */
  close(): Promise<void>;
}

/** The identity the bot uses when it never talks to Telegram (terminal chat, tests). */
export const OFFLINE_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "Briefly",
  username: "briefly_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** Build the application. Never starts polling, a server or the scheduler: main.ts decides that. */
export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, secrets: [config.botToken] });
  const clock = overrides.clock ?? (() => new Date());
  const services = await openServices(config, { logger, clock });
  await loadContentIfEmpty(services, config.contentDir, logger);
  const token = overrides.offline ? "0:offline" : config.botToken;
  if (!token) throw new Error("BOT_TOKEN is not set");
  // Digests get their own Api without auto-retry: the delivery service waits out 429s for every sender.
  const send = overrides.offline
    ? undefined
    : (overrides.send ?? createTelegramSendPort(new Api(token, { apiRoot: config.apiRoot })));
  const digest = createDigestPipeline({
    store: services.store,
    articles: (since) => services.recent.since(since),
    clock,
    logger: logger.child({ component: "digest" }),
    defaults: { timezone: config.defaultTimezone, time: config.defaultDigestTime },
    buttons: { scheduled: digestButtonData(true), preview: digestButtonData(false) },
    ...(send ? { send } : {}),
    paidBroadcast: config.paidBroadcast,
    leaseMs: config.digestLeaseMs,
    ...(services.cluster ? { sharing: services.cluster.digest } : {}),
  });
  const admin = createAdminService({
    deliveryStats: (now) => digest.subscriptions.stats(now),
    meta: services.meta,
    ingest: services.ingest,
    contentDir: config.contentDir,
    clock,
  });
  const bot = createBot({
    token,
    apiRoot: config.apiRoot,
    botInfo: overrides.offline ? (overrides.botInfo ?? OFFLINE_BOT_INFO) : overrides.botInfo,
    reader: services.reader,
    logger,
    adminIds: config.adminIds,
    clock,
    ...(services.cluster
      ? {
          // Any process may get any update: handled once across them, one flood window per user.
          updateClaims: services.cluster.updateClaims,
          rateLimitStore: (windowMs: number) => services.cluster!.rateLimitStore(windowMs),
        }
      : config.mode.kind === "webhook"
        ? { updateClaims: createMemoryUpdateClaims() }
        : {}),
    extraFeatures: [
      subscriptionsFeature({
        subscriptions: digest.subscriptions,
        topics: services.topics,
        continuation: (chatId, offset) => digest.continuation(chatId, offset),
        clock,
      }),
      adminFeature({ adminIds: config.adminIds, admin }),
    ],
  });
  let running: DigestScheduler | undefined;
  let closed: Promise<void> | undefined;
  const scheduler: AppScheduler = {
    start() {
      running ??= digest.startScheduler(config.digestTick);
    },
    async stop() {
      await running?.stop();
    },
  };
  return {
    bot,
    services,
    digest,
    scheduler,
    config,
    logger,
    close() {
      closed ??= (async () => {
        // The scheduler writes to the store: it stops (and its running tick finishes) first.
        await scheduler.stop();
        await services.close();
      })();
      return closed;
    },
  };
}

/** On a store with no articles, load CONTENT_DIR once so a first start is never empty. */
async function loadContentIfEmpty(services: Services, contentDir: string, logger: Logger): Promise<void> {
  const meta = await services.meta.get();
  if (meta.articleCount > 0) return;
  const report = await services.ingest.ingestPaths([contentDir]);
  logger.info(
    { contentDir, added: report.added, failed: report.failed },
    report.failed ? "loaded CONTENT_DIR with failures" : "loaded CONTENT_DIR into the empty store",
  );
  for (const e of report.errors) logger.warn({ file: e.file, line: e.line }, e.message);
}
