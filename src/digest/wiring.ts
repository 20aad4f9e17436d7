/**
 * The digest pipeline over the opened store: cached subscription repository, delivery ledger with
 * claims, the subscriptions service the bot calls, and, when there is a way to send, the delivery
 * service and the scheduler tick. createApp and scripts/digest.ts both build it here, so the
 * script's forced digest goes through the very path scheduled ones take.
 */
import os from "node:os";
import type { Article } from "../domain/article.js";
import { createDeliveryLedger, type DeliveryLedger } from "../store/delivery-ledger.js";
import { type ClaimStore, createLocalClaimStore } from "../store/digest-claims.js";
import type { Store } from "../store/keyv-store.js";
import {
  createCachedSubscriptionRepo,
  createSubscriptionRepo,
  type SubscriptionRepo,
} from "../store/subscription-repo.js";
import { createDigestWindows, rememberingWindows, renderContinuation } from "./continuation.js";
import { createDeliveryService, type DeliveryReport, type DeliveryService } from "./deliver.js";
import type { DigestButtonData, RenderedDigest } from "./render.js";
import { createDigestTicker, type DigestTickResult } from "./run.js";
import { type DigestScheduler, startDigestScheduler } from "./scheduler.js";
import type { SubscriptionDefaults } from "./subscription-defaults.js";
import { createSubscriptionsService, type SubscriptionsService } from "./subscriptions-service.js";
import type { DigestLogger, SendPort } from "./types.js";

/** Missed digests are still sent (marked late) up to this long after they were due. */
export const DIGEST_GRACE_MINUTES = 60;
/** Sends in flight at once: enough for 30/s at Telegram's latency; paid broadcasts need more. */
const CONCURRENCY = { free: 8, paid: 100 } as const;

/** Options of {@link createDigestPipeline}. */
export interface DigestPipelineOptions {
  store: Pick<Store, "kv" | "location">;
  /** Articles that arrived after an instant (services.recent.since). */
  articles: (since: Date) => Promise<Article[]>;
  clock: () => Date;
  logger: DigestLogger;
  /** DEFAULT_TIMEZONE and DEFAULT_DIGEST_TIME for new subscribers. */
  defaults: SubscriptionDefaults;
  /** Callback data of digest buttons: `scheduled` for sent digests, `preview` for /digest. */
  buttons: { scheduled: DigestButtonData; preview: DigestButtonData };
  /** How digests reach Telegram; without it (the terminal chat) nothing can be sent or scheduled. */
  send?: SendPort;
  /** PAID_BROADCAST: 1,000 messages a second with `allow_paid_broadcast`. */
  paidBroadcast?: boolean;
  /** Claim owner; default {@link instanceOwner} (a restarted bot takes its own claims back at once). */
  owner?: string;
  /** Default: claims in the store's `claims` namespace, serialised in this process. */
  claims?: ClaimStore;
  graceMinutes?: number;
}

/** The assembled pipeline. */
export interface DigestPipeline {
  subs: SubscriptionRepo;
  ledger: DeliveryLedger;
  subscriptions: SubscriptionsService;
  /** The rest of this chat's latest scheduled digest from `offset`; null when it is not at hand. */
  continuation(chatId: number, offset: number): Promise<RenderedDigest | null>;
  /** Null without a send port. */
  delivery: DeliveryService | null;
  /** One scheduler tick (the window since the last one). @throws Error without a send port */
  tick(signal?: AbortSignal): Promise<DigestTickResult>;
  /** Start ticking on a node-cron expression (DIGEST_TICK). @throws Error without a send port */
  startScheduler(cron: string): DigestScheduler;
  /** Send this chat's digest now through the delivery path (scripts/digest.ts --send). */
  forceSend(chatId: number): Promise<{ report: DeliveryReport; message: RenderedDigest }>;
}

/**
 * The claim owner of this bot installation: host and store location. It is stable across
 * restarts, so a restarted process resumes the digests its predecessor had claimed without
 * waiting for their lease to expire. One bot process per store is assumed throughout (the
 * subscription cache assumes it too); a second host gets another owner and is held off by leases.
 */
export function instanceOwner(store: Pick<Store, "location">): string {
  return `briefly@${os.hostname()}:${store.location}`;
}

/** Build the pipeline. Starts nothing. */
export function createDigestPipeline(options: DigestPipelineOptions): DigestPipeline {
  const { store, clock, logger, articles } = options;
  const subs = createCachedSubscriptionRepo(createSubscriptionRepo(store.kv("subscriptions")));
  const ledger = createDeliveryLedger({
    kv: store.kv("ledger"),
    claims: options.claims ?? createLocalClaimStore(store.kv("claims")),
  });
  const subscriptions = createSubscriptionsService({
    subs,
    ledger,
    articles,
    clock,
    defaults: options.defaults,
    render: { buttons: options.buttons.preview },
  });
  const windows = createDigestWindows();
  const paid = options.paidBroadcast === true;
  const delivery = options.send
    ? createDeliveryService({
        ledger,
        send: options.send,
        subs: rememberingWindows(subs, windows),
        clock,
        logger,
        pace: { perSecond: 30, perChatPerSecond: 1, paidBroadcast: paid, paidPerSecond: 1000 },
        concurrency: paid ? CONCURRENCY.paid : CONCURRENCY.free,
        owner: options.owner ?? instanceOwner(store),
      })
    : null;
  const needDelivery = (): DeliveryService => {
    if (!delivery) throw new Error("digests cannot be sent without a Bot API connection (offline mode)");
    return delivery;
  };
  const ticker = delivery
    ? createDigestTicker({
        clock,
        subs,
        articles,
        ledger,
        delivery,
        graceMinutes: options.graceMinutes ?? DIGEST_GRACE_MINUTES,
        render: { buttons: options.buttons.scheduled },
        logger,
      })
    : null;

  return {
    subs,
    ledger,
    subscriptions,
    delivery,
    async continuation(chatId, offset) {
      const window = windows.get(chatId);
      const sub = await subs.get(chatId);
      if (!window || !sub) return null;
      return renderContinuation({ sub, window, articles, offset, buttons: options.buttons.scheduled });
    },
    tick(signal) {
      needDelivery();
      return ticker!.tick(signal);
    },
    startScheduler(cron) {
      needDelivery();
      return startDigestScheduler({ cron, tick: (signal) => ticker!.tick(signal), logger });
    },
    async forceSend(chatId) {
      const service = needDelivery();
      const now = clock();
      const { message } = await subscriptions.previewDigest(chatId, now);
      const job = { id: ledger.jobId(chatId, now), chatId, dueAt: now, late: false };
      const outgoing = {
        text: message.text,
        parseMode: "HTML" as const,
        ...(message.buttons.length ? { buttons: message.buttons } : {}),
      };
      await ledger.recordDue([job], now);
      const report = await service.deliver([{ ...job, message: outgoing, coversUntil: now }]);
      return { report, message };
    },
  };
}
