/**
 * Digest delivery benchmark: N subscribers due at one instant, one scheduler tick of the real
 * pipeline (createDigestPipeline: SQLite store, cached subscriptions, ledger, compose, render,
 * delivery service, grammY Api send port) over HTTP to the local fake Bot API enforcing
 * 30 messages a second overall and 1 a second per chat. Reports the sustained rate against the
 * limit, 429s received and left unhandled, duplicates and lost digests.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import { digestButtonData } from "../src/bot/features/subscriptions/data.js";
import { createTelegramSendPort } from "../src/digest/telegram-port.js";
import { type SendPort, silentLogger } from "../src/digest/types.js";
import { createDigestPipeline } from "../src/digest/wiring.js";
import type { Article } from "../src/domain/article.js";
import type { Subscription } from "../src/domain/subscription.js";
import { openStore } from "../src/store/keyv-store.js";
import type { BenchTable } from "./types.js";

const LIMIT = 30;

/** Wrap a port to record each call's round-trip (ms) into `durations`. */
function timed(port: SendPort, durations: number[]): SendPort {
  return async (c, m) => {
    const t = performance.now();
    try {
      return await port(c, m);
    } finally {
      durations.push(performance.now() - t);
    }
  };
}

function pct(values: number[], p: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1);
}

/**
 * Deliver the digests of `subs` (all due at `now`) in one tick. Null when the fake Bot API helper
 * is not present (it lives in test/helpers).
 */
export async function sendTable(
  subs: Subscription[],
  articles: Article[],
  now: Date,
  workDir: string,
): Promise<BenchTable | null> {
  const helper = fileURLToPath(new URL("../test/helpers/fake-bot-api.ts", import.meta.url));
  if (!fs.existsSync(helper)) return null;
  const { startFakeBotApi } = (await import(helper)) as typeof import("../test/helpers/fake-bot-api.js");
  const api = await startFakeBotApi({ rateLimit: { perSecond: LIMIT, perChatPerSecond: 1 } });
  const dataDir = path.join(workDir, `digest-send-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const store = await openStore({ dataDir });
  try {
    const durations: number[] = [];
    const t0 = performance.now();
    const clock = () => new Date(now.getTime() + (performance.now() - t0));
    const pipeline = createDigestPipeline({
      store,
      articles: async (since) => articles.filter((a) => Date.parse(a.ingestedAt) > since.getTime()),
      clock,
      logger: silentLogger,
      defaults: { timezone: "UTC", time: "08:00" },
      buttons: { scheduled: digestButtonData(true), preview: digestButtonData(false) },
      send: timed(createTelegramSendPort(new Api(api.token, { apiRoot: api.apiRoot })), durations),
      owner: "bench",
    });
    await store.transaction("subscriptions", async () => {
      for (const sub of subs) await pipeline.subs.put(sub);
    });
    await pipeline.ledger.setCursor(new Date(now.getTime() - 60_000));
    const started = performance.now();
    const result = await pipeline.tick();
    const wall = (performance.now() - started) / 1000;

    const sends = api.calls.filter((c) => c.method === "sendMessage");
    const ok = sends.filter((c) => c.status === 200).map((c) => c.at);
    const limited = sends.filter((c) => c.status === 429).length;
    const seconds = (Math.max(...ok) - Math.min(...ok)) / 1000;
    const rate = (ok.length - 1) / seconds;
    const perChat = subs.map((s) => api.messages(s.chatId).length);
    const expected = result.due - result.empty;
    const delivered = perChat.filter((c) => c > 0).length;
    return {
      name: `digest: send rate (one tick, fake Bot API over HTTP, limit ${LIMIT}/s)`,
      columns: [
        "subscribers",
        "due",
        "nothing new",
        "sent",
        "seconds",
        "messages/s",
        "% of limit",
        "429 received",
        "429 unhandled",
        "duplicates",
        "lost",
      ],
      rows: [
        [
          subs.length,
          result.due,
          result.empty,
          result.sent,
          seconds.toFixed(1),
          rate.toFixed(2),
          `${((rate / LIMIT) * 100).toFixed(1)}%`,
          limited,
          limited - result.rateLimited,
          perChat.filter((c) => c > 1).length,
          expected - delivered,
        ],
      ],
      notes: [
        `Tick wall time ${wall.toFixed(1)} s (select, compose, render, ledger, delivery); rate measured between the first and last accepted sendMessage.`,
        `sendMessage round-trip p50 ${pct(durations, 0.5)} ms, p90 ${pct(durations, 0.9)} ms, max ${pct(durations, 1)} ms (fake server in the same process).`,
        '"429 unhandled" = 429 answers the delivery service did not wait out and retry; "lost" = due digests with something new that no chat received.',
      ],
    };
  } finally {
    await store.close();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
