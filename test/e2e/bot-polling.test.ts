/**
 * The bot over real HTTP: long polling with @grammyjs/runner against the local fake Bot API,
 * which parses Telegram HTML, enforces the 4,096 and 64-byte limits and answers like Telegram.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { STALE_BUTTON } from "../../src/bot/actions.js";
import { encodeCallback } from "../../src/bot/callback-data.js";
import { createBot, type PollingHandle, registerCommands, runPolling } from "../../src/bot/create-bot.js";
import { buttonLabels, callbackData } from "../helpers/api-recorder.js";
import { type FakeBotApi, type SentMessage, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { createFixtureReader, fixtureArticles, makeArticle } from "../helpers/fixture-reader.js";

/** Fixture articles plus 45 older bulletins, so inline results span three pages. */
const articles = [
  ...fixtureArticles(),
  ...Array.from({ length: 45 }, (_, i) =>
    makeArticle({
      id: `b${i}`,
      title: `Ceasefire bulletin ${i}`,
      published: `2025-10-${String(1 + (i % 28)).padStart(2, "0")}T00:00:00Z`,
    }),
  ),
];

const CHAT = 555;
let api: FakeBotApi;
let polling: PollingHandle;

beforeEach(async () => {
  api = await startFakeBotApi();
  const logger = pino({ level: "silent" });
  const bot = createBot({
    token: api.token,
    apiRoot: api.apiRoot,
    reader: createFixtureReader(articles),
    logger,
    adminIds: [],
  });
  await registerCommands(bot);
  polling = runPolling(bot, logger, { timeoutSeconds: 1 });
  await polling.ready;
});

afterEach(async () => {
  await polling.stop();
  await api.close();
});

/** Send `text` and wait until the bot has sent `count` more messages to the chat. */
async function say(text: string, count = 1, chatId = CHAT): Promise<SentMessage[]> {
  const before = api.messages(chatId).length;
  api.sendText(chatId, text);
  await api.waitFor(() => api.messages(chatId).length >= before + count);
  return api.messages(chatId).slice(before);
}

/** Press the button labelled `label` on `message` and wait until its callback query is answered. */
async function press(message: SentMessage, label: string): Promise<void> {
  const labels = buttonLabels(message.replyMarkup);
  const data = callbackData(message.replyMarkup)[labels.indexOf(label)];
  expect(data, `button "${label}" among ${labels.join(", ")}`).toBeDefined();
  await pressData(message, data!);
}

async function pressData(message: SentMessage, data: string): Promise<Record<string, unknown>> {
  const answered = () => api.calls.filter((c) => c.method === "answerCallbackQuery").length;
  const before = answered();
  const updateId = api.pressButton(message.chatId, message.messageId, data);
  await api.waitFor(() => answered() > before);
  // Wait for the handler to finish its edit or reply as well: the answer can come first.
  await new Promise((r) => setTimeout(r, 50));
  const answer = api.calls.filter((c) => c.method === "answerCallbackQuery").at(-1)!;
  expect(answer.payload.callback_query_id).toBe(`cq${updateId}`);
  return answer.payload;
}

describe("bot over the fake Bot API (long polling)", () => {
  it("registers commands, deletes the webhook and answers /start with the menu", async () => {
    expect(api.calls.map((c) => c.method)).toEqual(
      expect.arrayContaining(["getMe", "setMyCommands", "deleteWebhook"]),
    );
    const [welcome] = await say("/start");
    expect(welcome!.plain).toContain("welcome to Briefly");
    expect(callbackData(welcome!.replyMarkup)).toEqual([
      encodeCallback({ kind: "latest", offset: 0, edit: false }),
      encodeCallback({ kind: "topics" }),
      encodeCallback({ kind: "ext", ns: "sub", payload: "start" }),
    ]);
    const answer = await pressData(welcome!, encodeCallback({ kind: "ext", ns: "sub", payload: "start" }));
    expect(answer.text).toMatch(/coming soon/);
  });

  it("/topic gaza: brief, newest first, paging in place, card and full text", async () => {
    const [topic] = await say("/topic gaza");
    expect(topic!.plain).toMatch(/^📰 Gaza · 7 articles/);
    expect(topic!.plain).toContain("Israel received the body of a hostage from Gaza.¹");
    const order = ["Israel Receives Body", "Hamas Says Fighters", "Israeli Government Spokesperson"].map(
      (t) => topic!.plain.indexOf(t),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(topic!.plain).not.toContain("Putin");

    await press(topic!, "Next »");
    const paged = api.messages(CHAT).find((m) => m.messageId === topic!.messageId)!;
    expect(api.messages(CHAT)).toHaveLength(1);
    expect(paged.plain).toContain("6. Gaza ceasefire talks, day 5");
    expect(paged.plain).toContain("7. <script>");
    expect(buttonLabels(paged.replyMarkup)).toEqual(["6", "7", "« Previous", "2/2"]);

    await press(paged, "6");
    const card = api.messages(CHAT).at(-1)!;
    expect(card.plain).toMatch(/^Gaza ceasefire talks, day 5/);
    await press(card, "📖 Full text");
    expect(api.messages(CHAT).at(-1)!.plain).toContain("Full text · page 1 of 1");
  });

  it("pages a long article's full text under 4,096 characters each", async () => {
    const [results] = await say("/search economy");
    await press(results!, "1");
    const card = api.messages(CHAT).at(-1)!;
    await press(card, "📖 Full text");
    const pages: string[] = [];
    for (let i = 0; i < 10; i++) {
      const current = api.messages(CHAT).at(-1)!;
      pages.push(current.plain);
      expect(current.plain.length).toBeLessThanOrEqual(4096);
      if (!buttonLabels(current.replyMarkup).includes("Next »")) break;
      await press(current, "Next »");
    }
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.at(-1)).toContain("The end.");
  });

  it("/topic nosuchthing offers topics; a near miss offers the close one", async () => {
    const [unknown] = await say("/topic nosuchthing");
    expect(unknown!.plain).toContain("I don't know a topic called “nosuchthing”");
    expect(buttonLabels(unknown!.replyMarkup)[0]).toBe("Gaza · 7");
    const [near] = await say("/topic gazza");
    expect(near!.plain).toContain("Did you mean");
    expect(callbackData(near!.replyMarkup)).toContain(
      encodeCallback({ kind: "topic", topic: "gaza", offset: 0, edit: false }),
    );
    await press(near!, buttonLabels(near!.replyMarkup)[0]!);
    expect(api.messages(CHAT).at(-1)!.plain).toMatch(/^📰 Gaza/);
  });

  it("/search and plain text search; a typo gets 'Did you mean'", async () => {
    const [found] = await say("/search rafah");
    expect(found!.plain).toMatch(/^🔎 rafah · 1 result\n\n1\. Hamas Says Fighters/);
    const [typo] = await say("surender");
    expect(typo!.plain).toContain("Did you mean surrender?");
    const [none] = await say("zzzzqqq");
    expect(none!.plain).toBe("Nothing found for “zzzzqqq”. Try fewer or other words, or browse /topics.");
  });

  it("inline mode pages with next_offset and posts cards", async () => {
    const answers = () => api.calls.filter((c) => c.method === "answerInlineQuery");
    const pages: { ids: string[]; next: unknown }[] = [];
    for (const offset of ["", "20", "40"]) {
      api.inlineQuery("ceasefire bulletin", offset);
      await api.waitFor(() => answers().length === pages.length + 1);
      const answer = answers().at(-1)!;
      expect(answer.description).toBeUndefined();
      const results = answer.payload.results as {
        id: string;
        input_message_content: { message_text: string };
      }[];
      expect(results.every((r) => r.input_message_content.message_text.startsWith("<b>"))).toBe(true);
      pages.push({ ids: results.map((r) => r.id), next: answer.payload.next_offset });
    }
    expect(pages.map((p) => p.ids.length)).toEqual([20, 20, 8]);
    expect(pages.map((p) => p.next)).toEqual(["20", "40", ""]);
    expect(new Set(pages.flatMap((p) => p.ids)).size).toBe(48);

    api.inlineQuery("");
    await api.waitFor(() => answers().length === 4);
    const latest = answers().at(-1)!.payload.results as { title: string }[];
    expect(latest[0]!.title).toBe(
      "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
    );
  });

  it("a tampered or stale button gets a polite answer", async () => {
    const [welcome] = await say("/start");
    for (const data of [
      "1:a:../../etc/passwd",
      "0:l:0",
      "garbage",
      "1:f:99:gone",
      "1:a:gone",
      "1:t:0:nosuchtopic",
    ]) {
      const answer = await pressData(welcome!, data);
      expect(answer.text, data).toMatch(/expired|no longer available/);
    }
    expect(api.calls.every((c) => c.status === 200)).toBe(true);
    expect(STALE_BUTTON).toMatch(/expired/);
  });

  it("in groups answers /topic@botname and stays quiet otherwise", async () => {
    const group = -100123;
    api.sendText(group, "hello everyone");
    api.sendText(group, "/topic@some_other_bot gaza");
    const [reply] = await say("/topic@briefly_test_bot gaza", 1, group);
    expect(reply!.plain).toMatch(/^📰 Gaza/);
    await new Promise((r) => setTimeout(r, 100));
    expect(api.messages(group)).toHaveLength(1);
  });

  it("odd input gets sensible replies, every message within Telegram's limits", async () => {
    const [huge] = await say(`${"🙂 مرحبا ".repeat(1250)}`);
    expect(huge!.plain).toMatch(/Nothing found|searched for its first words/);
    const [controls] = await say("\u0000\u0007\u202e");
    expect(controls!.plain).toContain("Send some words to search for");
    const [html] = await say("/search <b>&amp;</b>");
    expect(html!.plain).toMatch(/^🔎 <b>&amp;<\/b> · 1 result/);
    expect(api.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it("retries a 429 after retry_after", async () => {
    api.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    const [reply] = await say("/latest");
    expect(reply!.plain).toMatch(/^🆕 Latest · 55 articles/);
    expect(api.calls.filter((c) => c.method === "sendMessage").map((c) => c.status)).toEqual([429, 200]);
  });
});
