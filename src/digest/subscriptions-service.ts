/**
 * What the bot's subscription features call: subscribe and unsubscribe, settings with clear
 * errors, "when is my next digest", a preview for /digest, and counts for /stats. Handlers never
 * touch the repository or the ledger themselves.
 */
import type { Article } from "../domain/article.js";
import type { DigestFrequency, Subscription } from "../domain/subscription.js";
import type { DeliveryLedger } from "../store/delivery-ledger.js";
import type { SubscriptionRepo } from "../store/subscription-repo.js";
import { composeDigest, DEFAULT_FOLLOW_UP_MS, digestSince } from "./compose.js";
import { nextDigestAt } from "./due.js";
import { type RenderedDigest, type RenderOptions, renderDigest } from "./render.js";
import {
  checkFrequency,
  checkSize,
  NotSubscribedError,
  newSubscription,
  type SubscriptionDefaults,
} from "./subscription-defaults.js";
import { parseTimeOfDay } from "./time-of-day.js";
import { formatLocal, parseTimezone } from "./timezone.js";
import type { Digest } from "./types.js";

/** Dependencies of {@link createSubscriptionsService}. */
export interface SubscriptionsServiceDeps {
  subs: SubscriptionRepo;
  ledger: DeliveryLedger;
  /** Articles that arrived (ingestedAt) after `since`. */
  articles: (since: Date) => Promise<Article[]>;
  clock: () => Date;
  defaults: SubscriptionDefaults;
  render?: Pick<RenderOptions, "buttons">;
}

/** The result of /unsubscribe. */
export type UnsubscribeResult =
  | { kind: "not-subscribed" }
  | { kind: "removed" }
  | { kind: "updated"; sub: Subscription; notSubscribed: string[] };

/** Figures for /stats. "Today" is the UTC day of `now`. */
export interface DigestStats {
  subscribers: number;
  active: number;
  paused: number;
  sentToday: number;
  lateToday: number;
  failedToday: number;
  skippedToday: number;
}

/** Subscription management for the bot. Setting methods throw typed errors with reader-facing messages. */
export interface SubscriptionsService {
  get(chatId: number): Promise<Subscription | undefined>;
  /** Subscribe (or resume): no topics means all news; topics are added to those already chosen. */
  subscribe(chatId: number, topicIds: string[]): Promise<{ sub: Subscription; created: boolean }>;
  /** Without topics: remove the subscription. With topics: drop them (dropping the last removes it). */
  unsubscribe(chatId: number, topicIds?: string[]): Promise<UnsubscribeResult>;
  /** @throws TimeOfDayError, NotSubscribedError */
  setTime(chatId: number, input: string): Promise<Subscription>;
  /** @throws TimezoneError (with suggestions), NotSubscribedError */
  setTimezone(chatId: number, input: string): Promise<Subscription>;
  /** @throws SettingError, NotSubscribedError */
  setFrequency(chatId: number, frequency: DigestFrequency, weekday?: number): Promise<Subscription>;
  /** @throws SettingError, NotSubscribedError */
  setSize(chatId: number, size: number): Promise<Subscription>;
  /** @throws NotSubscribedError */
  setNotifyEmpty(chatId: number, notifyEmpty: boolean): Promise<Subscription>;
  /** "Tue 26 Nov, 07:30 (Europe/Berlin)", or null when no digest is scheduled. */
  describeNext(chatId: number, now: Date): Promise<string | null>;
  /** The digest this chat would get now (all news with defaults for non-subscribers); the schedule is untouched. */
  previewDigest(
    chatId: number,
    now: Date,
    options?: { offset?: number },
  ): Promise<{ digest: Digest; message: RenderedDigest }>;
  stats(now: Date): Promise<DigestStats>;
}

/** "Tue 26 Nov, 07:30 (Europe/Berlin)": an instant in the reader's own zone. */
export function describeInstant(instant: Date, timezone: string): string {
  return `${formatLocal(instant, timezone, "dayTime")} (${timezone})`;
}

/** Create the service. */
export function createSubscriptionsService(deps: SubscriptionsServiceDeps): SubscriptionsService {
  const { subs, clock } = deps;
  const stamp = () => clock().toISOString();

  const change = async (chatId: number, patch: (sub: Subscription) => Partial<Subscription>) => {
    const sub = await subs.get(chatId);
    if (!sub) throw new NotSubscribedError(chatId);
    const next = { ...sub, ...patch(sub), updatedAt: stamp() };
    await subs.put(next);
    return next;
  };
  // The reader is talking to us, so a system pause (blocked bot) no longer applies.
  const resumed = { active: true, pausedReason: null } as const;

  return {
    get: (chatId) => subs.get(chatId),
    async subscribe(chatId, topicIds) {
      const existing = await subs.get(chatId);
      const base = existing ?? newSubscription(chatId, deps.defaults, clock());
      const wanted = [...new Set(topicIds.map((t) => t.trim()).filter(Boolean))];
      const topics = wanted.length === 0 ? [] : [...new Set([...(existing?.topics ?? []), ...wanted])];
      const frequency = base.frequency === "paused" ? "daily" : base.frequency;
      const sub: Subscription = { ...base, ...resumed, topics, frequency, updatedAt: stamp() };
      await subs.put(sub);
      return { sub, created: !existing };
    },
    async unsubscribe(chatId, topicIds) {
      const sub = await subs.get(chatId);
      if (!sub) return { kind: "not-subscribed" };
      if (!topicIds || topicIds.length === 0) {
        await subs.delete(chatId);
        return { kind: "removed" };
      }
      const drop = new Set(topicIds);
      const topics = sub.topics.filter((t) => !drop.has(t));
      const notSubscribed = topicIds.filter((t) => !sub.topics.includes(t));
      if (sub.topics.length > 0 && topics.length === 0) {
        await subs.delete(chatId);
        return { kind: "removed" };
      }
      const next = { ...sub, topics, updatedAt: stamp() };
      await subs.put(next);
      return { kind: "updated", sub: next, notSubscribed };
    },
    async setTime(chatId, input) {
      const time = parseTimeOfDay(input);
      return change(chatId, () => ({ time }));
    },
    async setTimezone(chatId, input) {
      const timezone = parseTimezone(input);
      return change(chatId, () => ({ timezone }));
    },
    async setFrequency(chatId, frequency, weekday) {
      const checked = checkFrequency(frequency, weekday);
      return change(chatId, (sub) => ({
        frequency: checked,
        weekday: weekday ?? sub.weekday,
        ...(checked === "paused" ? {} : resumed),
      }));
    },
    async setSize(chatId, size) {
      const checked = checkSize(size);
      return change(chatId, () => ({ size: checked }));
    },
    async setNotifyEmpty(chatId, notifyEmpty) {
      return change(chatId, () => ({ notifyEmpty }));
    },
    async describeNext(chatId, now) {
      const sub = await subs.get(chatId);
      const next = sub ? nextDigestAt(sub, now) : null;
      return sub && next ? describeInstant(next, sub.timezone) : null;
    },
    async previewDigest(chatId, now, options = {}) {
      const sub = (await subs.get(chatId)) ?? newSubscription(chatId, deps.defaults, now);
      const offset = options.offset ?? 0;
      const articles = await deps.articles(new Date(digestSince(sub, now) - DEFAULT_FOLLOW_UP_MS));
      const maxItems = offset + (sub.size || 10);
      // forceNotifyEmpty: a preview always has a message, "nothing new" at worst.
      const digest = composeDigest({ sub, articles, now, maxItems, forceNotifyEmpty: true })!;
      const message = renderDigest(digest, { ...deps.render, timezone: sub.timezone, offset });
      return { digest, message };
    },
    async stats(now) {
      const counts = await subs.count();
      const day = await deps.ledger.dayCounts(now);
      return {
        subscribers: counts.total,
        active: counts.active,
        paused: counts.paused,
        sentToday: day.sent,
        lateToday: day.late,
        failedToday: day.failed,
        skippedToday: day.skipped,
      };
    },
  };
}
