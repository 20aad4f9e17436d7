/** New subscriptions and the settings readers may change (pure). */
import type { DigestFrequency, Subscription } from "../domain/subscription.js";

/** What a new subscriber starts with (DEFAULT_TIMEZONE, DEFAULT_DIGEST_TIME). */
export interface SubscriptionDefaults {
  /** Stored zone name, e.g. "UTC" or "Europe/Berlin". */
  timezone: string;
  /** "HH:MM". */
  time: string;
  /** Items per digest; default 10. */
  size?: number;
}

/** Smallest digest size a reader may choose. */
export const MIN_DIGEST_SIZE = 1;
/** Largest digest size a reader may choose (keeps a digest within one message). */
export const MAX_DIGEST_SIZE = 20;

/** A setting outside what the bot offers (size, weekday, frequency). The message says what is allowed. */
export class SettingError extends Error {
  override name = "SettingError";
}

/** The chat has no subscription to change. */
export class NotSubscribedError extends Error {
  override name = "NotSubscribedError";
  constructor(readonly chatId: number) {
    super("You are not subscribed yet. Send /subscribe for a daily digest of all news, or /subscribe TOPIC.");
  }
}

/** A fresh daily subscription to all news. */
export function newSubscription(chatId: number, defaults: SubscriptionDefaults, now: Date): Subscription {
  return {
    chatId,
    topics: [],
    time: defaults.time,
    timezone: defaults.timezone,
    frequency: "daily",
    weekday: 1,
    size: defaults.size ?? 10,
    notifyEmpty: false,
    active: true,
    pausedReason: null,
    lastDigestAt: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

const FREQUENCIES: readonly DigestFrequency[] = ["daily", "weekdays", "weekly", "paused"];

/** Check a frequency (and weekday, for weekly) a reader picked. @throws SettingError */
export function checkFrequency(frequency: string, weekday?: number): DigestFrequency {
  if (!FREQUENCIES.includes(frequency as DigestFrequency)) {
    throw new SettingError(`Frequency must be one of ${FREQUENCIES.join(", ")}.`);
  }
  if (weekday !== undefined && !(Number.isInteger(weekday) && weekday >= 1 && weekday <= 7)) {
    throw new SettingError("Weekday must be 1 (Monday) to 7 (Sunday).");
  }
  return frequency as DigestFrequency;
}

/** Check a digest size. @throws SettingError */
export function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < MIN_DIGEST_SIZE || size > MAX_DIGEST_SIZE) {
    throw new SettingError(
      `Digest size must be a whole number from ${MIN_DIGEST_SIZE} to ${MAX_DIGEST_SIZE}.`,
    );
  }
  return size;
}
