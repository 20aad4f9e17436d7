/**
 * Set-up for the subscription feature tests: the real digest pipeline over in-memory Keyv stores,
 * the seed articles (arrived two hours before the pinned instant), a topic directory that knows
 * their topics, and the bot with the API recorder. Scheduled digests go to a recording send port.
 */
import Keyv from "keyv";
import { digestButtonData, subscriptionsFeature } from "../../src/bot/features/subscriptions/index.js";
import type { OutgoingMessage, SendPort } from "../../src/digest/types.js";
import { silentLogger } from "../../src/digest/types.js";
import { createDigestPipeline } from "../../src/digest/wiring.js";
import type { Article } from "../../src/domain/article.js";
import { createTopicDirectory } from "../../src/nlp/index.js";
import type { Namespace } from "../../src/store/keyv-store.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";
import { seedArticles } from "../unit/digest/fixtures.js";
import { setup } from "./setup.js";

/** Monday 25 Nov 2024, 20:00 UTC. */
export const NOW = new Date("2024-11-25T20:00:00.000Z");

/** A bot with the subscription features over a fresh pipeline; `clock.set` moves time. */
export function subscriptionsSetup(options: { articles?: Article[] } = {}) {
  const articles = options.articles ?? seedArticles("2024-11-25T18:00:00.000Z");
  let now = NOW;
  const clock = () => now;
  const kv = new Map<Namespace, Keyv>();
  const store = {
    location: "memory",
    kv: <T>(ns: Namespace) => {
      if (!kv.has(ns)) kv.set(ns, new Keyv());
      return kv.get(ns)! as unknown as Keyv<T>;
    },
  };
  const sent: { chatId: number; message: OutgoingMessage }[] = [];
  const send: SendPort = async (chatId, message) => {
    sent.push({ chatId, message });
    return { messageId: 500 + sent.length };
  };
  const topics = createTopicDirectory([]);
  for (const a of articles) for (const t of a.topics) topics.add(t);
  topics.add({ id: "saudi-arabia", name: "Saudi Arabia", kind: "place", weight: 1 });
  const digest = createDigestPipeline({
    store,
    articles: async (since) => articles.filter((a) => Date.parse(a.ingestedAt) > since.getTime()),
    clock,
    logger: silentLogger,
    defaults: { timezone: "UTC", time: "08:00" },
    buttons: { scheduled: digestButtonData(true), preview: digestButtonData(false) },
    send,
    owner: "test",
  });
  const feature = subscriptionsFeature({
    subscriptions: digest.subscriptions,
    topics,
    continuation: (chatId, offset) => digest.continuation(chatId, offset),
    clock,
  });
  const bot = setup({
    reader: createFixtureReader(articles),
    extraFeatures: [feature],
    clock,
    rateLimit: false,
  });
  return {
    ...bot,
    digest,
    sent,
    clock: {
      set(iso: string) {
        now = new Date(iso);
      },
    },
  };
}
