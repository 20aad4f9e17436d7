/**
 * Two real bot processes (`tsx src/main.ts`, webhook mode) on one Redis (STORE_URL), against the
 * local fake Bot API over HTTP, which enforces Telegram's 30 messages a second per bot:
 *
 * 1. 1,000 subscribers due at once get exactly one digest each, the two processes sharing the
 *    work (node-cron's distributed tick, per-digest claims, one shared pace); an update
 *    delivered to both processes is answered once; an article loaded by /reload through one
 *    process is found by /search through the other.
 * 2. One process is SIGKILLed mid-run (its sends held unanswered by a proxy, so the kill falls
 *    outside the documented sent-but-unrecorded window): the other finishes its digests once the
 *    dead one's claims expire, and every subscriber still has exactly one digest.
 *
 * A child process cannot take a pinned clock, so subscriptions are due at the current UTC minute
 * (the scheduler's grace window covers a slow start). Needs REDIS_URL; each test uses its own key
 * prefix and deletes it.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openRedisStore } from "../../src/store/redis-store.js";
import { createSubscriptionRepo } from "../../src/store/subscription-repo.js";
import { exited, freePort, holdingProxy, kill, startBot, waitUntil } from "../helpers/bot-process.js";
import { startFakeBotApi } from "../helpers/fake-bot-api.js";
import { deleteKeysUnder } from "../helpers/redis.js";
import { tmpDir } from "../helpers/tmp.js";
import { makeSub } from "../unit/digest/fixtures.js";

const REDIS_URL = process.env.REDIS_URL;
const SEED = path.resolve("content/asharq-al-awsat-2025-11-09.txt");
const SUBSCRIBERS = 1000;
const CHATS = Array.from({ length: SUBSCRIBERS }, (_, i) => 100_000 + i);
const ADMIN = 42;
const READER = 43;
const SECRET = "cluster_secret";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Instance {
  child: ChildProcess;
  log: string[];
  port: number;
}

/** The shared setup: fake API, key prefix, content folder, 1,000 due subscriptions. */
async function setup() {
  const api = await startFakeBotApi({ rateLimit: { perSecond: 30, perChatPerSecond: 1 } });
  cleanups.push(() => api.close());
  const keyPrefix = `test:cluster:${process.pid}-${randomUUID().slice(0, 8)}`;
  cleanups.push(() => deleteKeysUnder(REDIS_URL!, keyPrefix));
  const tmp = tmpDir("briefly-cluster-");
  cleanups.push(() => tmp.cleanup());
  const contentDir = path.join(tmp.dir, "content");
  fs.mkdirSync(contentDir);
  fs.copyFileSync(SEED, path.join(contentDir, path.basename(SEED)));
  const startedAt = new Date();
  const store = await openRedisStore(REDIS_URL!, { keyPrefix, onError: () => undefined });
  const subs = createSubscriptionRepo(store.kv("subscriptions"));
  const time = startedAt.toISOString().slice(11, 16);
  await Promise.all(CHATS.map((chatId) => subs.put(makeSub({ chatId, time, timezone: "UTC" }))));
  await store.close();

  const env = (name: string, apiRoot: string, port: number): Record<string, string> => ({
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: apiRoot,
    STORE_URL: REDIS_URL!,
    REDIS_KEY_PREFIX: keyPrefix,
    DATA_DIR: path.join(tmp.dir, `data-${name}`),
    CONTENT_DIR: contentDir,
    DIGEST_TICK: "* * * * * *",
    DIGEST_LEASE_SECONDS: "5",
    WEBHOOK_URL: "https://briefly.example/webhook",
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    ADMIN_IDS: String(ADMIN),
    LOG_LEVEL: "info",
  });
  const start = async (name: string, apiRoot = api.apiRoot): Promise<Instance> => {
    const port = await freePort();
    const log: string[] = [];
    const child = startBot(env(name, apiRoot, port), log);
    cleanups.push(() => kill(child));
    return { child, log, port };
  };
  return { api, keyPrefix, contentDir, startedAt, start };
}

/** Wait for the webhook server's health check (the process is up and listening). */
async function ready(instance: Instance): Promise<void> {
  const healthy = { ok: false };
  const started = performance.now();
  while (!healthy.ok) {
    if (performance.now() - started > 60_000) {
      throw new Error(
        `instance on ${instance.port} never became healthy:\n${instance.log.join("").slice(-3000)}`,
      );
    }
    healthy.ok = await fetch(`http://127.0.0.1:${instance.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!healthy.ok) await new Promise((r) => setTimeout(r, 100));
  }
}

let updateId = 1;
/** A private-chat command as Telegram would post it to the webhook. */
function command(chatId: number, text: string, id = updateId++) {
  const length = text.split(" ")[0]!.length;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "R" },
      from: { id: chatId, is_bot: false, first_name: "R" },
      text,
      entities: [{ type: "bot_command", offset: 0, length }],
    },
  };
}

async function post(instance: Instance, update: unknown): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${instance.port}/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Each "digest: tick done" line of a process log. */
function ticks(log: string[]): { sent: number; due: number }[] {
  return log
    .join("")
    .split("\n")
    .filter((l) => l.includes('"digest: tick done"'))
    .map((l) => JSON.parse(l) as { sent: number; due: number });
}
const sentBy = (log: string[]) => ticks(log).reduce((n, t) => n + t.sent, 0);

const NEW_ARTICLE = `---
title: Ferry Operators Agree Quillwort Pricing Deal in Zanzibar
date: 2025-11-10
source: Briefly Test Wire
---

Ferry operators in Zanzibar agreed on Monday to a new pricing deal for quillwort shipments
between the islands, ending a month of disputes over fuel surcharges.

The agreement, reached after talks with the port authority, fixes the surcharge for six months
and sets up a committee to review it, officials said.

Traders welcomed the quillwort deal, saying it would bring stability to a trade that employs
thousands of people on both islands.
`;

describe.skipIf(!REDIS_URL)("two bot processes on one Redis (needs REDIS_URL)", () => {
  it("1,000 due subscribers get exactly one digest each; an update is handled once; an ingest on one is found on the other", async () => {
    const { api, contentDir, start } = await setup();
    const a = await start("a");
    const b = await start("b");
    await Promise.all([ready(a), ready(b)]);

    const sends = () =>
      api.calls.filter((c) => c.method === "sendMessage" && CHATS.includes(Number(c.payload.chat_id)));
    await waitUntil(
      "every subscriber to get a digest",
      () => CHATS.every((c) => api.messages(c).length > 0),
      120_000,
      [...a.log, ...b.log],
    );
    // A duplicate, if there were one, would come from a second process's tick: give it time.
    await new Promise((r) => setTimeout(r, 3000));
    expect(CHATS.filter((c) => api.messages(c).length !== 1)).toEqual([]);
    for (const c of CHATS.slice(0, 5)) expect(api.messages(c)[0]!.text).toMatch(/^<b>Your news digest<\/b>/);
    // Both processes sent a share, and the shares add up to one digest per subscriber.
    const shares = [sentBy(a.log), sentBy(b.log)];
    expect(shares[0]! + shares[1]!).toBe(SUBSCRIBERS);
    expect(Math.min(...shares)).toBeGreaterThan(0);
    // One pace across both processes: two processes pacing alone at 30/s each would see about
    // half their sends refused; shared, a 429 is rare (jitter), and waited out.
    const limited = sends().filter((s) => s.status === 429).length;
    expect(limited).toBeLessThan(SUBSCRIBERS * 0.1);
    console.info(`cluster delivery: shares ${shares.join(" + ")}, 429s ${limited}`);

    // The same update posted to both processes (a redelivery through the load balancer): one answer.
    const twice = command(READER, "/latest");
    expect(await Promise.all([post(a, twice), post(b, twice)])).toEqual([200, 200]);
    await waitUntil("the /latest answer", () => api.messages(READER).length > 0, 10_000, [
      ...a.log,
      ...b.log,
    ]);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.messages(READER)).toHaveLength(1);

    // Loaded through A with /reload, found through B with /search.
    fs.writeFileSync(path.join(contentDir, "quillwort.md"), NEW_ARTICLE);
    await post(a, command(ADMIN, "/reload"));
    await waitUntil(
      "the /reload report",
      () => api.messages(ADMIN).some((m) => /added/i.test(m.text) && !/Reloading/.test(m.text)),
      30_000,
      a.log,
    );
    const found = () => api.messages(READER).some((m) => m.text.includes("Quillwort Pricing Deal"));
    const deadline = performance.now() + 10_000;
    while (!found() && performance.now() < deadline) {
      await post(b, command(READER, "/search quillwort"));
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(found()).toBe(true);

    for (const instance of [a, b]) instance.child.kill("SIGTERM");
    expect(await Promise.all([exited(a.child), exited(b.child)])).toEqual([0, 0]);
  }, 240_000);

  it("one process killed mid-run: the other finishes, and every subscriber has exactly one digest", async () => {
    const { api, start } = await setup();
    // A's sends go through a proxy that forwards 150 and holds the rest unanswered.
    const proxy = await holdingProxy(api.apiRoot, 150);
    cleanups.push(() => proxy.close());
    const a = await start("a", proxy.apiRoot);
    const b = await start("b");
    await Promise.all([ready(a), ready(b)]);

    await waitUntil(
      "A to be held mid-delivery",
      () => proxy.state.held > 0 && proxy.state.sendsInFlight === 0,
      120_000,
      a.log,
    );
    // Let the answers A got be recorded; its held sends stay claimed and unsent.
    await new Promise((r) => setTimeout(r, 300));
    await kill(a.child);
    const heldAtKill = proxy.state.held;

    await waitUntil(
      "B to deliver every digest",
      () => CHATS.every((c) => api.messages(c).length > 0),
      150_000,
      b.log,
    );
    await new Promise((r) => setTimeout(r, 3000));
    expect(heldAtKill).toBeGreaterThan(0);
    expect(CHATS.filter((c) => api.messages(c).length !== 1)).toEqual([]);
    // A sent at most the 150 the proxy let through; B sent the rest, A's held claims included.
    expect(sentBy(b.log)).toBeGreaterThanOrEqual(SUBSCRIBERS - 150);

    b.child.kill("SIGTERM");
    expect(await exited(b.child)).toBe(0);
  }, 300_000);
});
