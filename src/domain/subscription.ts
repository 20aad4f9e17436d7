/** Subscriber state: who gets a digest, when, and of what. */

export type DigestFrequency = "daily" | "weekdays" | "weekly" | "paused";

/** One chat's subscription. A chat has at most one. */
export interface Subscription {
  chatId: number;
  /** Topic ids; empty means all news. */
  topics: string[];
  /** Local time "HH:MM". */
  time: string;
  /** IANA zone name, e.g. "Europe/Berlin" (fixed offsets are stored as "UTC+05:30"). */
  timezone: string;
  frequency: DigestFrequency;
  /** ISO weekday 1–7 for weekly digests. */
  weekday: number;
  /** Maximum items in one digest. */
  size: number;
  /** Send a short note when nothing is new. */
  notifyEmpty: boolean;
  /** False once Telegram said the chat blocked the bot or is gone. */
  active: boolean;
  /** Why the subscription was paused by the system (e.g. "403: bot was blocked by the user"). */
  pausedReason: string | null;
  /** Instant (ISO) up to which articles were covered by the previous digest; null before the first. */
  lastDigestAt: string | null;
  createdAt: string;
  updatedAt: string;
}
