/**
 * The digest pipeline over the opened store: cached subscription repository, delivery ledger with
 * claims, the subscriptions service the bot calls, and, when there is a way to send, the delivery
 * service and the scheduler tick. createApp and scripts/digest.ts both build it here, so the
 * script's forced digest goes through the very path scheduled ones take.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Article } from "../domain/article.js";
import {
  createDeliveryLedger,
  type DeliveryLedger,
  type DeliveryLedgerDeps,
} from "../store/delivery-ledger.js";
import { type ClaimStore, createLocalClaimStore } from "../store/digest-claims.js";
import type { Store } from "../store/keyv-store.js";
import type { DayCounters } from "../store/redis-counters.js";
import {
  createCachedSubscriptionRepo,
  createSubscriptionRepo,
  type SubscriptionRepo,
} from "../store/subscription-repo.js";
import { createDigestWindows, rememberingWindows, renderContinuation } from "./continuation.js";
import { createDeliveryService, type DeliveryReport, type DeliveryService } from "./deliver.js";
import type { Pacer } from "./pacer.js";
import type { DigestButtonData, RenderedDigest } from "./render.js";
import { createDigestTicker, type DigestTickResult } from "./run.js";
import { type DigestScheduler, type DigestSchedulerOptions, startDigestScheduler } from "./scheduler.js";
import type { SubscriptionDefaults } from "./subscription-defaults.js";
import { createSubscriptionsService, type SubscriptionsService } from "./subscriptions-service.js";
import type { DigestLogger, SendPort } from "./types.js";

/** Missed digests are still sent (marked late) up to this long after they were due. */
export const DIGEST_GRACE_MINUTES = 60;
/** Sends in flight at once: enough for 30/s at Telegram's latency; paid broadcasts need more. */
const CONCURRENCY = { free: 8, paid: 100 } as const;
/** Telegram's overall limits in messages a second: free broadcasts, and with `allow_paid_broadcast`. */
const PACE = { free: 30, paid: 1000 } as const;

/** Default claim lease: how long a dead process's claimed digests wait before another sends them. */
export const DEFAULT_LEASE_MS = 120_000;

/**
 * What several bot processes on one Redis share so that each due digest is sent once
 * (src/services/cluster.ts builds it): claims with a server-side expiry, atomic day counters,
 * set-if-absent ledger entries, one pace for the bot across processes, and node-cron's
 * distributed mode for the tick.
 */
export interface DigestSharing {
  claims: ClaimStore;
  counters: DayCounters;
  insertMissing: NonNullable<DeliveryLedgerDeps["insertMissing"]>;
  /** A pacer shared by every process at `perSecond`. */
  pacer(perSecond: number): Pacer;
  /** How the scheduler creates its node-cron task (distributed: one run per fire across processes). */
  createTask: NonNullable<DigestSchedulerOptions["createTask"]>;
}

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
  /**
   * Several processes on one store: shared claims, counters, pace and tick. The subscription
   * cache is then off (another process may change a subscription) and each process is its own
   * claim owner. Takes precedence over `claims`.
   */
  sharing?: DigestSharing;
  /** How long a claim lasts without renewal (DIGEST_LEASE_SECONDS); default {@link DEFAULT_LEASE_MS}. */
  leaseMs?: number;
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
 * waiting for their lease to expire. Without `sharing`, one bot process per store is assumed (the
 * subscription cache assumes it too); with it, every process gets an owner of its own.
 */
export function instanceOwner(store: Pick<Store, "location">): string {
  return `briefly@${os.hostname()}:${store.location}`;
}

/** Build the pipeline. Starts nothing. */
export function createDigestPipeline(options: DigestPipelineOptions): DigestPipeline {
  const { store, clock, logger, articles, sharing } = options;
  const plainSubs = createSubscriptionRepo(store.kv("subscriptions"));
  // The cache assumes this process is the only writer: not so when processes share the store.
  const subs = sharing ? plainSubs : createCachedSubscriptionRepo(plainSubs);
  const ledger = createDeliveryLedger({
    kv: store.kv("ledger"),
    claims: sharing?.claims ?? options.claims ?? createLocalClaimStore(store.kv("claims")),
    ...(sharing ? { insertMissing: sharing.insertMissing, counters: sharing.counters } : {}),
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
  // A shared store needs one owner per process: a restarted process waits for its old leases.
  const owner =
    options.owner ??
    (sharing ? `${instanceOwner(store)}:${process.pid}:${randomUUID().slice(0, 8)}` : instanceOwner(store));
  const delivery = options.send
    ? createDeliveryService({
        ledger,
        send: options.send,
        subs: rememberingWindows(subs, windows),
        clock,
        logger,
        pace: { perSecond: PACE.free, perChatPerSecond: 1, paidBroadcast: paid, paidPerSecond: PACE.paid },
        concurrency: paid ? CONCURRENCY.paid : CONCURRENCY.free,
        owner,
        leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
        ...(sharing ? { pacer: sharing.pacer(paid ? PACE.paid : PACE.free) } : {}),
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
      return startDigestScheduler({
        cron,
        tick: (signal) => ticker!.tick(signal),
        logger,
        ...(sharing ? { createTask: sharing.createTask } : {}),
      });
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
