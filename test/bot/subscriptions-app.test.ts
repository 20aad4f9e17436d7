/**
 * The wiring in createApp on the real seed: the subscription features replace "coming soon", a
 * scheduled tick sends through the app's send port with the app's digest buttons, the window of
 * recent articles follows ingests, and close() stops the scheduler before the store.
 */
import path from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { OutgoingMessage, SendPort } from "../../src/digest/types.js";
import { createRecentArticles } from "../../src/services/recent-articles.js";
import { BOT_INFO, recordApi, textUpdate, USER } from "../helpers/api-recorder.js";
import { makeArticle } from "../helpers/articles.js";
import { tmpDir } from "../helpers/tmp.js";

const CONTENT = path.resolve("content");
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function app(options: { offline?: boolean; now: () => Date; send?: SendPort }) {
  const tmp = tmpDir("briefly-app-digest-");
  cleanups.push(() => tmp.cleanup());
  const config = loadConfig({
    BOT_TOKEN: "123:TEST",
    DATA_DIR: path.join(tmp.dir, "data"),
    CONTENT_DIR: CONTENT,
    DEFAULT_TIMEZONE: "Europe/Berlin",
    DEFAULT_DIGEST_TIME: "07:30",
    ADMIN_IDS: "7",
    LOG_LEVEL: "silent",
  });
  const created = await createApp(config, {
    logger: pino({ level: "silent" }),
    clock: options.now,
    botInfo: BOT_INFO,
    ...(options.offline ? { offline: true } : {}),
    ...(options.send ? { send: options.send } : {}),
  });
  cleanups.push(() => created.close());
  return created;
}

describe("createApp with the digest pipeline", () => {
  it("subscribing uses DEFAULT_TIMEZONE and DEFAULT_DIGEST_TIME; the tick sends the seed digest through the send port", async () => {
    let now = new Date("2025-11-10T09:00:00.000Z");
    const sent: { chatId: number; message: OutgoingMessage }[] = [];
    const a = await app({
      now: () => now,
      send: async (chatId, message) => {
        sent.push({ chatId, message });
        return { messageId: sent.length };
      },
    });
    const api = recordApi(a.bot);
    await a.bot.handleUpdate(textUpdate("/subscribe gaza"));
    expect(String(api.last()!.text)).toContain("Next digest: <b>Tue 11 Nov, 07:30 (Europe/Berlin)</b>.");
    await a.bot.handleUpdate(textUpdate("/stats", { from: { ...USER, id: 7 } }));
    expect(String(api.last()!.text)).toContain("Subscribers: 1 (1 active, 0 paused)");
    expect(String(api.last()!.text)).toContain("Articles: 4");

    now = new Date("2025-11-11T06:30:05.000Z");
    expect(await a.digest.tick()).toMatchObject({ due: 1, sent: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.chatId).toBe(USER.id);
    const text = sent[0]!.message.text;
    expect(text).toContain("Hamas Says Fighters Holed up in Rafah Will Not Surrender");
    expect(text).not.toContain("First Putin-Al-Sharaa Meeting");
    expect(sent[0]!.message.buttons!.flat().every((b) => /^1:a:[A-Za-z0-9_-]+$/.test(b.data))).toBe(true);
    expect(sent[0]!.message.allowPaidBroadcast).toBeUndefined();
  });

  it("offline (the terminal chat): subscriptions work, the scheduler refuses to start, close() still works", async () => {
    const a = await app({ offline: true, now: () => new Date("2025-11-10T09:00:00.000Z") });
    const api = recordApi(a.bot);
    await a.bot.handleUpdate(textUpdate("/digest"));
    expect(String(api.last()!.text)).toMatch(/^<b>Your news digest<\/b>/);
    expect(() => a.scheduler.start()).toThrow(/offline/);
    await a.close();
    await a.close();
  });

  it("close() stops a running scheduler before the store closes", async () => {
    const a = await app({ now: () => new Date(), send: async () => ({ messageId: 1 }) });
    a.scheduler.start();
    a.scheduler.start();
    await expect(a.close()).resolves.toBeUndefined();
  });
});

describe("recent articles (the digest's candidates)", () => {
  const article = (id: string, ingestedAt: string) => makeArticle({ id, ingestedAt, caption: "A caption" });

  it("loads the window once, keeps it current from ingests, and drops what is older than the retention", async () => {
    let now = new Date("2025-11-10T12:00:00.000Z");
    let scans = 0;
    const stored = [article("old", "2025-11-01T00:00:00.000Z"), article("a", "2025-11-10T08:00:00.000Z")];
    const recent = createRecentArticles({
      all: async function* () {
        scans++;
        yield* stored;
      },
      clock: () => now,
      retainMs: 3 * 86_400_000,
    });
    const ids = async (since: string) => (await recent.since(new Date(since))).map((a) => a.id).sort();
    expect(await ids("2025-11-01T00:00:00.000Z")).toEqual(["a"]);
    recent.add([article("b", "2025-11-10T11:00:00.000Z"), article("a", "2025-11-10T11:30:00.000Z")]);
    expect(await ids("2025-11-10T09:00:00.000Z")).toEqual(["a", "b"]);
    expect(await ids("2025-11-10T11:00:00.000Z")).toEqual(["a"]);
    expect((await recent.since(new Date(0)))[0]).toMatchObject({ blocks: [], sentences: [], caption: null });
    now = new Date("2025-11-13T11:10:00.000Z");
    expect(await ids("2025-11-01T00:00:00.000Z")).toEqual(["a"]);
    expect(scans).toBe(1);
  });
});
