/**
 * Digest composition (pure): the stories that are new to this reader since their previous
 * digest, on their topics (all news when they chose none), most important first, each story
 * once, grouped by topic. Stories are built once per article set and instant (see stories.ts),
 * and identical selections (same "since", topics and size) are shared, so composing for a
 * hundred thousand subscribers costs little more than composing for a few hundred.
 */
import type { Article } from "../domain/article.js";
import type { Subscription } from "../domain/subscription.js";
import { groupStories } from "./group.js";
import { buildStoryIndex, freshMask, popcount, type Story, type StoryIndex } from "./stories.js";
import type { Digest, DigestGroup, DigestItem } from "./types.js";

/** How far back a first digest (no previous one) looks, by arrival time. */
export const FIRST_DIGEST_LOOKBACK_MS = 24 * 3_600_000;
/** However long ago the previous digest was, a digest looks back at most this far (a week and a day). */
export const MAX_DIGEST_LOOKBACK_MS = 8 * 24 * 3_600_000;
/** How far before a reader's "since" to fetch articles, so follow-ups of told stories are recognised. */
export const DEFAULT_FOLLOW_UP_MS = 72 * 3_600_000;
/** Items in a digest when neither the call nor the subscription says. */
export const DEFAULT_DIGEST_SIZE = 10;

/** What {@link composeDigest} needs: the reader, the candidate articles and the instant. */
export interface ComposeInput {
  sub: Subscription;
  /**
   * Candidate articles. Pass the same array for every subscriber of a tick: the story index is
   * cached per array and instant. It should include articles from somewhat before the reader's
   * `lastDigestAt`, so that follow-ups of stories already told are recognised as such.
   */
  articles: readonly Article[];
  now: Date;
  /** Overrides `sub.size`. */
  maxItems?: number;
  /** Compose a "nothing new" digest even if the subscriber did not ask for one (previews). */
  forceNotifyEmpty?: boolean;
}

interface Selection {
  groups: DigestGroup[];
  total: number;
}

interface Cached {
  index: StoryIndex;
  generatedAt: string;
  selections: Map<string, Selection>;
}

const cache = new WeakMap<readonly Article[], Cached>();

function cachedIndex(articles: readonly Article[], now: Date): Cached {
  const hit = cache.get(articles);
  if (hit && hit.index.now === now.getTime()) return hit;
  const fresh = {
    index: buildStoryIndex(articles, now),
    generatedAt: now.toISOString(),
    selections: new Map<string, Selection>(),
  };
  cache.set(articles, fresh);
  return fresh;
}

/**
 * Compose one subscriber's digest, or null when nothing is new and they did not ask for a
 * "nothing new" note. A story counts as new when its first article arrived after
 * `sub.lastDigestAt` (or within {@link FIRST_DIGEST_LOOKBACK_MS} for a first digest), so a
 * follow-up article of a story already told is not told again.
 */
export function composeDigest(input: ComposeInput): Digest | null {
  const { sub, now } = input;
  const limit = Math.max(1, input.maxItems ?? (sub.size || DEFAULT_DIGEST_SIZE));
  const since = digestSince(sub, now);
  const cached = cachedIndex(input.articles, now);
  const key = `${since}|${limit}|${sub.topics.join(",")}`;
  let selection = cached.selections.get(key);
  if (!selection) {
    selection = select(cached.index, sub.topics, since, limit);
    cached.selections.set(key, selection);
  }
  if (selection.total === 0 && !(sub.notifyEmpty || input.forceNotifyEmpty)) return null;
  return {
    chatId: sub.chatId,
    generatedAt: cached.generatedAt,
    since: sub.lastDigestAt,
    groups: selection.groups,
    total: selection.total,
    empty: selection.total === 0,
  };
}

/**
 * Epoch ms after which an article's arrival makes it new to this reader: their previous digest,
 * else {@link FIRST_DIGEST_LOOKBACK_MS} ago; never more than {@link MAX_DIGEST_LOOKBACK_MS} ago.
 */
export function digestSince(sub: Pick<Subscription, "lastDigestAt">, now: Date): number {
  const floor = now.getTime() - MAX_DIGEST_LOOKBACK_MS;
  if (!sub.lastDigestAt) return now.getTime() - FIRST_DIGEST_LOOKBACK_MS;
  const last = Date.parse(sub.lastDigestAt);
  return Number.isNaN(last) ? now.getTime() - FIRST_DIGEST_LOOKBACK_MS : Math.max(floor, last);
}

function select(index: StoryIndex, topics: readonly string[], since: number, limit: number): Selection {
  const fresh = freshMask(index, since);
  let mask = fresh;
  if (topics.length > 0) {
    mask = new Uint32Array(index.words);
    for (const t of topics) {
      const tm = index.topicMasks.get(t);
      if (tm) for (let w = 0; w < index.words; w++) mask[w]! |= tm[w]!;
    }
    for (let w = 0; w < index.words; w++) mask[w]! &= fresh[w]!;
  }
  let total = 0;
  const picked: Story[] = [];
  for (let w = 0; w < index.words; w++) {
    let bits = mask[w]!;
    if (bits === 0) continue;
    total += popcount(bits);
    // Lowest set bits first: lower rank = more important.
    while (bits !== 0 && picked.length < limit) {
      const low = bits & -bits;
      picked.push(index.stories[(w << 5) + (31 - Math.clz32(low))]!);
      bits ^= low;
    }
  }
  const groups = groupStories(picked, topics).map(({ topic, stories }) => ({
    topic,
    items: stories.map(toItem),
  }));
  return { groups, total };
}

// One item object per story, shared by every digest that tells it (render caches on it).
const items = new WeakMap<Story, DigestItem>();

function toItem(s: Story): DigestItem {
  const cached = items.get(s);
  if (cached) return cached;
  const item: DigestItem = {
    storyId: s.id,
    articleId: s.lead.id,
    title: s.lead.title,
    summary: s.lead.summary.slice(0, 2),
    source: s.lead.source,
    published: s.lead.published,
    articles: s.members.length,
    sources: s.sources,
    score: Math.round(s.score * 1000) / 1000,
  };
  items.set(s, item);
  return item;
}
