/**
 * Stories (pure): articles that tell the same story (same headline, or SimHash within
 * {@link STORY_DUPLICATE_BITS} bits) are merged, and each story is scored once per tick. The
 * result is shared by every subscriber's digest, which is what keeps 100,000 digests cheap.
 */
import type { Article, TopicRef } from "../domain/article.js";
import { fingerprintTokens } from "../ingest/fingerprint.js";

/** One story: the articles that carry it, told through its lead. */
export interface Story {
  /** Id of the earliest-arriving article: stable while the story grows. */
  id: string;
  /** The newest article, which the digest shows. */
  lead: Article;
  members: Article[];
  /** Distinct sources among the members. */
  sources: number;
  /** When the story first became available (epoch ms of the earliest `ingestedAt`). */
  firstArrival: number;
  /** News time of the newest member (published, else ingested; epoch ms). */
  latest: number;
  /** Importance, higher first: coverage (articles, sources) and recency. */
  score: number;
  /** Position in {@link StoryIndex.stories} (0 = most important). */
  rank: number;
  /** Union of the members' topics, heaviest first. */
  topics: TopicRef[];
}

/**
 * Stories of one article set at one instant, ready for per-subscriber selection. Sets of
 * stories are bitsets over ranks (bit r = the story of rank r), so "new since T on these
 * topics" is a few word-wide ORs and ANDs, and the lowest set bits are the most important.
 */
export interface StoryIndex {
  now: number;
  /** Ordered by importance. */
  stories: Story[];
  /** 32-bit words per bitset. */
  words: number;
  /** Topic id → bitset of its stories. */
  topicMasks: Map<string, Uint32Array>;
  /** "since" (epoch ms) → bitset of stories first arrived in (since, now]; filled on demand. */
  freshMasks: Map<number, Uint32Array>;
}

const HOUR_MS = 3_600_000;
/**
 * Articles whose SimHashes differ in at most this many of 64 bits are one story in a digest.
 * Kept at 3 (stricter than ingest's own threshold) so distinct stories are never merged; the
 * 4-band index below is exact for it (pigeonhole).
 */
export const STORY_DUPLICATE_BITS = 3;
/** Recency halves every this many hours. */
export const RECENCY_HALF_LIFE_HOURS = 12;

/** Epoch ms an article became available to readers. */
export function arrivalOf(a: Article): number {
  return Date.parse(a.ingestedAt);
}

function newsTimeOf(a: Article): number {
  const t = Date.parse(a.published ?? a.ingestedAt);
  return Number.isNaN(t) ? arrivalOf(a) : t;
}

/** Importance of a story: coverage counts more than freshness, but a fresh lone story still ranks. */
export function storyScore(articles: number, sources: number, ageMs: number): number {
  const recency = 2 ** -(Math.max(0, ageMs) / (RECENCY_HALF_LIFE_HOURS * HOUR_MS));
  return 1 + Math.log2(articles) + 1.5 * Math.log2(Math.max(1, sources)) + 2 * recency;
}

/** Group articles into stories and rank them at `now`. */
export function buildStoryIndex(articles: readonly Article[], now: Date): StoryIndex {
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  linkSameTitles(articles, union);
  linkNearDuplicates(articles, union);

  const groups = new Map<number, Article[]>();
  articles.forEach((a, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(a);
    groups.set(root, list);
  });
  const nowMs = now.getTime();
  const stories = [...groups.values()].map((members) => toStory(members, nowMs));
  stories.sort((a, b) => b.score - a.score || b.latest - a.latest || (a.id < b.id ? -1 : 1));
  const words = Math.ceil(stories.length / 32);
  const topicMasks = new Map<string, Uint32Array>();
  stories.forEach((s, i) => {
    s.rank = i;
    for (const t of s.topics) {
      const mask = topicMasks.get(t.id) ?? new Uint32Array(words);
      topicMasks.set(t.id, mask);
      mask[i >>> 5]! |= 1 << (i & 31);
    }
  });
  return { now: nowMs, stories, words, topicMasks, freshMasks: new Map() };
}

/** Bitset of the stories whose first article arrived in (since, now]. Cached per `since`. */
export function freshMask(index: StoryIndex, since: number): Uint32Array {
  let mask = index.freshMasks.get(since);
  if (mask) return mask;
  mask = new Uint32Array(index.words);
  index.stories.forEach((s, i) => {
    if (s.firstArrival > since && s.firstArrival <= index.now) mask[i >>> 5]! |= 1 << (i & 31);
  });
  index.freshMasks.set(since, mask);
  return mask;
}

function toStory(members: Article[], nowMs: number): Story {
  const byArrival = [...members].sort((a, b) => arrivalOf(a) - arrivalOf(b) || (a.id < b.id ? -1 : 1));
  const lead = [...members].sort((a, b) => newsTimeOf(b) - newsTimeOf(a) || (a.id < b.id ? -1 : 1))[0]!;
  const sources = new Set(members.map((a) => (a.source ?? a.origin.file).toLowerCase())).size;
  const latest = newsTimeOf(lead);
  const topics = new Map<string, TopicRef>();
  for (const a of members) {
    for (const t of a.topics) {
      const seen = topics.get(t.id);
      if (!seen || t.weight > seen.weight) topics.set(t.id, t);
    }
  }
  return {
    id: byArrival[0]!.id,
    lead,
    members,
    sources,
    firstArrival: arrivalOf(byArrival[0]!),
    latest,
    score: storyScore(members.length, sources, nowMs - latest),
    rank: 0,
    topics: [...topics.values()].sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1)),
  };
}

function linkSameTitles(articles: readonly Article[], union: (a: number, b: number) => void): void {
  const seen = new Map<string, number>();
  articles.forEach((a, i) => {
    const key = fingerprintTokens(a.title).join(" ");
    if (!key) return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else union(first, i);
  });
}

/** SimHash neighbours through 4 bands of 16 bits: hashes within 3 bits share a band. */
function linkNearDuplicates(articles: readonly Article[], union: (a: number, b: number) => void): void {
  const hashes = articles.map((a) => parseSimhash(a.simhash));
  const bands = new Map<string, number[]>();
  hashes.forEach((h, i) => {
    if (!h) return;
    for (let b = 0; b < 4; b++) {
      const key = `${b}:${h.hex.slice(b * 4, b * 4 + 4)}`;
      const bucket = bands.get(key) ?? [];
      for (const j of bucket) {
        const other = hashes[j]!;
        if (popcount(h.hi ^ other.hi) + popcount(h.lo ^ other.lo) <= STORY_DUPLICATE_BITS) union(j, i);
      }
      bucket.push(i);
      bands.set(key, bucket);
    }
  });
}

/** 16 hex chars → two 32-bit halves; null for malformed or all-zero (no text) hashes. */
function parseSimhash(hex: string): { hex: string; hi: number; lo: number } | null {
  if (!/^[0-9a-f]{16}$/i.test(hex) || /^0+$/.test(hex)) return null;
  const h = hex.toLowerCase();
  return { hex: h, hi: Number.parseInt(h.slice(0, 8), 16), lo: Number.parseInt(h.slice(8), 16) };
}

/** Set bits in a 32-bit word. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
