/** Builders shared by the digest tests: subscriptions, the seed articles, in-memory stores. */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import Keyv from "keyv";
import type { Article, TopicRef } from "../../../src/domain/article.js";
import type { Subscription } from "../../../src/domain/subscription.js";
import { simhash } from "../../../src/ingest/fingerprint.js";
import { createDeliveryLedger } from "../../../src/store/delivery-ledger.js";
import { createLocalClaimStore } from "../../../src/store/digest-claims.js";
import { createSubscriptionRepo } from "../../../src/store/subscription-repo.js";
import { makeArticle } from "../../helpers/articles.js";

/** A daily all-news subscription at 08:00 UTC; override what the test is about. */
export function makeSub(overrides: Partial<Subscription> = {}): Subscription {
  return {
    chatId: 1,
    topics: [],
    time: "08:00",
    timezone: "UTC",
    frequency: "daily",
    weekday: 1,
    size: 10,
    notifyEmpty: false,
    active: true,
    pausedReason: null,
    lastDigestAt: null,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

const topic = (id: string, name: string, kind: TopicRef["kind"], weight: number): TopicRef => ({
  id,
  name,
  kind,
  weight,
});

/** Topics for the four seed stories, as the language stage would tag them (by hand here). */
const SEED_TOPICS: TopicRef[][] = [
  [
    topic("kremlin", "Kremlin", "organization", 0.9),
    topic("russia", "Russia", "place", 0.8),
    topic("syria", "Syria", "place", 0.7),
  ],
  [
    topic("gaza", "Gaza", "place", 0.9),
    topic("israel", "Israel", "place", 0.8),
    topic("turkey", "Turkey", "place", 0.6),
  ],
  [
    topic("hamas", "Hamas", "organization", 0.9),
    topic("rafah", "Rafah", "place", 0.8),
    topic("gaza", "Gaza", "place", 0.7),
  ],
  [
    topic("hamas", "Hamas", "organization", 0.9),
    topic("israel", "Israel", "place", 0.8),
    topic("gaza", "Gaza", "place", 0.6),
  ],
];

/** The seed file split into its four articles (title, caption lines and the "TT" marker dropped). */
export function seedArticles(ingestedAt = "2025-11-09T06:00:00.000Z"): Article[] {
  const file = fileURLToPath(new URL("../../../content/asharq-al-awsat-2025-11-09.txt", import.meta.url));
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const marks = lines.flatMap((l, i) => (l.trim() === "TT" ? [i] : []));
  return marks.map((t, k) => {
    const title = lines[t - 4]!.trim();
    const caption = lines[t - 1]!.trim();
    const end = k + 1 < marks.length ? marks[k + 1]! - 4 : lines.length;
    const paragraphs = lines
      .slice(t + 1, end)
      .map((l) => l.trim())
      .filter((l) => l !== "" && l !== title && l !== caption);
    const body = paragraphs.join("\n\n");
    const sentences = body.split(/(?<=[.!?”])\s+(?=[A-Z“])/).filter((s) => s.length > 20);
    return makeArticle({
      id: `seed-${k + 1}`,
      title,
      blocks: paragraphs.map((text) => ({ kind: "paragraph" as const, text })),
      caption,
      source: "Asharq Al-Awsat",
      published: "2025-11-09T00:00:00.000Z",
      topics: SEED_TOPICS[k]!,
      summary: sentences.slice(0, 3),
      sentences: sentences.map((text, i) => ({ text, score: 1 / (i + 1) })),
      simhash: simhash(body),
      contentHash: `seed-${k + 1}`,
      origin: { file: "asharq-al-awsat-2025-11-09.txt", format: "text" },
      ingestedAt,
    });
  });
}

/** Fresh in-memory stores and the repos over them (Keyv's Map store). */
export function memoryStores() {
  const kv = { subscriptions: new Keyv(), ledger: new Keyv(), claims: new Keyv() };
  const subs = createSubscriptionRepo(kv.subscriptions);
  const ledger = createDeliveryLedger({ kv: kv.ledger, claims: createLocalClaimStore(kv.claims) });
  return { kv, subs, ledger };
}

/** A pinned instant that advances with monotonic time. */
export function pinnedClock(iso: string): () => Date {
  const base = Date.parse(iso);
  const start = performance.now();
  return () => new Date(base + (performance.now() - start));
}
