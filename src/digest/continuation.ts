/**
 * "N more" under a scheduled digest: the stories that did not fit. Re-composing them needs the
 * window the digest covered (its reader's previous digest → the tick's instant), and only the
 * moment the digest is recorded knows both. So the repository the delivery service writes through
 * remembers each chat's latest window in memory; a press re-composes exactly that window. After a
 * restart the memory is empty and the button says so (the reader can send /digest).
 */
import type { Article } from "../domain/article.js";
import type { Subscription } from "../domain/subscription.js";
import type { SubscriptionRepo } from "../store/subscription-repo.js";
import { composeDigest, DEFAULT_DIGEST_SIZE, DEFAULT_FOLLOW_UP_MS, digestSince } from "./compose.js";
import { type DigestButtonData, type RenderedDigest, renderDigest } from "./render.js";

/** The arrival window a sent digest covered: (since, until]. */
export interface DigestWindow {
  /** The reader's previous digest (ISO), or null for a first digest. */
  since: string | null;
  /** The instant the digest was composed (ISO). */
  until: string;
}

/** The latest digest window of each chat, in memory and bounded. */
export interface DigestWindows {
  remember(chatId: number, window: DigestWindow): void;
  get(chatId: number): DigestWindow | undefined;
}

/** Create the memory; beyond `limit` chats the oldest entries are forgotten. */
export function createDigestWindows(limit = 500_000): DigestWindows {
  const windows = new Map<number, DigestWindow>();
  return {
    remember(chatId, window) {
      windows.delete(chatId);
      windows.set(chatId, window);
      if (windows.size > limit) windows.delete(windows.keys().next().value!);
    },
    get: (chatId) => windows.get(chatId),
  };
}

/**
 * The repository as the delivery service should see it: every write that moves a subscription's
 * `lastDigestAt` forward (a digest was sent) also remembers the window that digest covered.
 */
export function rememberingWindows(repo: SubscriptionRepo, windows: DigestWindows): SubscriptionRepo {
  return {
    ...repo,
    all: () => repo.all(),
    async put(sub) {
      const before = await repo.get(sub.chatId);
      await repo.put(sub);
      if (sub.lastDigestAt && before && before.lastDigestAt !== sub.lastDigestAt) {
        windows.remember(sub.chatId, { since: before.lastDigestAt, until: sub.lastDigestAt });
      }
    },
  };
}

/** What {@link renderContinuation} needs. */
export interface ContinuationInput {
  sub: Subscription;
  window: DigestWindow;
  /** Articles that arrived after an instant (the digest's candidate source). */
  articles: (since: Date) => Promise<Article[]>;
  /** Stories already shown (the "N more" button's offset). */
  offset: number;
  buttons: DigestButtonData;
}

/** Re-compose the digest of `window` and render it from `offset` (a "nothing new" note if none are left). */
export async function renderContinuation(input: ContinuationInput): Promise<RenderedDigest> {
  const { sub, window, offset } = input;
  const until = new Date(window.until);
  const base: Subscription = { ...sub, lastDigestAt: window.since };
  const fetched = await input.articles(new Date(digestSince(base, until) - DEFAULT_FOLLOW_UP_MS));
  const articles = fetched.filter((a) => Date.parse(a.ingestedAt) <= until.getTime());
  const maxItems = offset + (sub.size || DEFAULT_DIGEST_SIZE);
  const digest = composeDigest({ sub: base, articles, now: until, maxItems, forceNotifyEmpty: true })!;
  return renderDigest(digest, { timezone: sub.timezone, offset, buttons: input.buttons });
}
