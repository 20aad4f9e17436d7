/**
 * Golden end-to-end test on the real seed (content/asharq-al-awsat-2025-11-09.txt): the app
 * from createApp, over real HTTP with long polling against the fake Bot API.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app.js";
import { type PollingHandle, runPolling } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { buttonLabels, callbackData } from "../helpers/api-recorder.js";
import { type FakeBotApi, type SentMessage, startFakeBotApi } from "../helpers/fake-bot-api.js";

const SEED = path.resolve("content/asharq-al-awsat-2025-11-09.txt");
const GAZA = [
  "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
  "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
  "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
];
const KREMLIN = "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties";
const CHAT = 31;

let api: FakeBotApi;
let app: App;
let polling: PollingHandle;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "briefly-seed-e2e-"));
  fs.mkdirSync(path.join(dir, "content"));
  fs.copyFileSync(SEED, path.join(dir, "content", path.basename(SEED)));
  api = await startFakeBotApi();
  const config = loadConfig({
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: path.join(dir, "data"),
    CONTENT_DIR: path.join(dir, "content"),
    LOG_LEVEL: "silent",
  });
  app = await createApp(config, {
    logger: pino({ level: "silent" }),
    clock: () => new Date("2025-11-10T09:00:00Z"),
  });
  polling = runPolling(app.bot, app.logger, { timeoutSeconds: 1 });
  await polling.ready;
});

afterAll(async () => {
  await polling?.stop();
  await app?.close();
  await api?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function say(text: string): Promise<SentMessage> {
  const before = api.messages(CHAT).length;
  api.sendText(CHAT, text);
  await api.waitFor(() => api.messages(CHAT).length > before);
  return api.messages(CHAT).at(-1)!;
}

async function press(message: SentMessage, label: string): Promise<void> {
  const data = callbackData(message.replyMarkup)[buttonLabels(message.replyMarkup).indexOf(label)];
  expect(data, `button ${label}`).toBeDefined();
  const answered = () => api.calls.filter((c) => c.method === "answerCallbackQuery").length;
  const before = answered();
  const edits = () =>
    api.calls.filter((c) => c.method === "editMessageText" || c.method === "sendMessage").length;
  const sent = edits();
  api.pressButton(message.chatId, message.messageId, data!);
  await api.waitFor(() => answered() > before && edits() > sent);
}

describe("the seed through the whole stack", () => {
  it("/topic gaza lists the three Gaza articles and not the Kremlin one", async () => {
    const topic = await say("/topic gaza");
    expect(topic.plain).toMatch(/^📰 Gaza · 3 articles/);
    for (const title of GAZA) expect(topic.plain).toContain(title);
    expect(topic.plain).not.toContain(KREMLIN);
    expect(topic.plain).toMatch(/[¹²³]/);
    expect(buttonLabels(topic.replyMarkup)).toEqual(["1", "2", "3"]);
  });

  it("opens an article card and its full text", async () => {
    const topic = await say("/topic gaza");
    await press(topic, "1");
    const card = api.messages(CHAT).at(-1)!;
    expect(GAZA.some((t) => card.plain.startsWith(t))).toBe(true);
    expect(card.plain).toContain("•");
    await press(card, "📖 Full text");
    const full = api.messages(CHAT).find((m) => m.messageId === card.messageId)!;
    expect(full.plain).toMatch(/Full text · page 1 of \d+/);
    expect(full.plain.length).toBeLessThanOrEqual(4096);
  });

  it("/topic nosuchthing suggests topics as buttons", async () => {
    const reply = await say("/topic nosuchthing");
    expect(reply.plain).toContain("I don't know a topic called “nosuchthing”");
    expect(callbackData(reply.replyMarkup).length).toBeGreaterThan(0);
  });

  it("/search finds the hostage story", async () => {
    const reply = await say("/search hostage");
    expect(reply.plain).toMatch(/^🔎 hostage · \d+ results?\n\n1\. Israel Receives Body of a Hostage/);
  });

  it("every call the bot made was accepted by the fake Bot API", () => {
    expect(api.calls.filter((c) => c.status !== 200).map((c) => `${c.method}: ${c.description}`)).toEqual([]);
  });
});
