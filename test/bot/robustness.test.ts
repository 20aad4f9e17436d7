import { Composer } from "grammy";
import { describe, expect, it } from "vitest";
import { decodeCallback } from "../../src/bot/callback-data.js";
import type { BotContext } from "../../src/bot/context.js";
import { SOMETHING_WENT_WRONG } from "../../src/bot/error-boundary.js";
import { SLOW_DOWN } from "../../src/bot/rate-limit.js";
import type { NewsReader } from "../../src/services/types.js";
import { callbackUpdate, inlineUpdate, textUpdate } from "../helpers/api-recorder.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";
import { NOW, setup } from "./setup.js";

const failing = (): NewsReader => ({
  ...createFixtureReader(),
  topic: () => Promise.reject(new Error("store is down")),
  article: () => Promise.reject(new Error("store is down")),
  search: () => Promise.reject(new Error("store is down")),
});

describe("error boundary", () => {
  it("logs the failure with the update id and tells the user", async () => {
    const { bot, api, logs } = setup({ reader: failing() });
    const update = textUpdate("/topic gaza");
    await bot.handleUpdate(update);
    expect(api.payloads("sendMessage")[0]!.text).toBe(SOMETHING_WENT_WRONG);
    const error = logs.find((l) => l.level === 50)!;
    expect(error).toMatchObject({
      update_id: update.update_id,
      msg: "update failed",
      err: { message: "store is down" },
    });
  });

  it("answers a failing button press exactly once, with the apology", async () => {
    const { bot, api } = setup({ reader: failing() });
    await bot.handleUpdate(callbackUpdate("1:a:a1"));
    expect(api.payloads("answerCallbackQuery")).toEqual([
      { callback_query_id: expect.any(String), text: SOMETHING_WENT_WRONG },
    ]);
  });

  it("answers a failing inline query with no results, and stays quiet on failing group text", async () => {
    const { bot, api } = setup({ reader: failing() });
    await bot.handleUpdate(inlineUpdate("gaza"));
    expect(api.payloads("answerInlineQuery")).toEqual([expect.objectContaining({ results: [] })]);
  });

  it("survives Telegram refusing the apology too", async () => {
    const { bot, api, logs } = setup({ reader: failing() });
    api.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await expect(bot.handleUpdate(textUpdate("/search x"))).resolves.toBeUndefined();
    expect(logs.map((l) => l.msg)).toEqual(["update failed", "could not tell the user about the failure"]);
  });
});

describe("callback answers", () => {
  it("answers every callback query, even ones a feature handles without answering", async () => {
    const silent = new Composer<BotContext>();
    silent.callbackQuery("1:quiet:x", () => undefined);
    const { bot, api } = setup({ extraFeatures: [silent] });
    await bot.handleUpdate(callbackUpdate("1:quiet:x"));
    await bot.handleUpdate(callbackUpdate("1:n"));
    expect(api.payloads("answerCallbackQuery")).toHaveLength(2);
  });
});

describe("rate limit", () => {
  it("notes a flood once per window, always answers buttons, and resets with the clock", async () => {
    let now = NOW.getTime();
    const { bot, api } = setup({ clock: () => new Date(now), rateLimit: { limit: 3, windowMs: 1000 } });
    for (let i = 0; i < 6; i++) await bot.handleUpdate(textUpdate("/latest"));
    const texts = api.payloads("sendMessage").map((p) => p.text);
    expect(texts.filter((t) => t === SLOW_DOWN)).toHaveLength(1);
    expect(texts).toHaveLength(4);
    await bot.handleUpdate(callbackUpdate("1:n"));
    expect(api.payloads("answerCallbackQuery").at(-1)!.text).toBe(SLOW_DOWN);
    await bot.handleUpdate(inlineUpdate("gaza"));
    expect(api.payloads("answerInlineQuery")).toHaveLength(1);
    now += 1001;
    await bot.handleUpdate(textUpdate("/latest"));
    expect(api.payloads("sendMessage").at(-1)!.text).toMatch(/^🆕 <b>Latest<\/b>/);
  });
});

describe("extension points", () => {
  it("extraFeatures take over the Subscribe button and /subscribe, and see text before the search", async () => {
    const subs = new Composer<BotContext>();
    subs.callbackQuery(/^1:sub:/, (ctx) =>
      ctx.answerCallbackQuery({ text: `sub ${decodeCallback(ctx.callbackQuery.data)?.kind}` }),
    );
    subs.command("subscribe", (ctx) => ctx.reply("subscribed"));
    subs.hears("08:00", (ctx) => ctx.reply("time set"));
    const { bot, api } = setup({ extraFeatures: [subs] });
    await bot.handleUpdate(callbackUpdate("1:sub:start"));
    await bot.handleUpdate(textUpdate("/subscribe gaza"));
    await bot.handleUpdate(textUpdate("08:00"));
    expect(api.payloads("answerCallbackQuery")[0]!.text).toBe("sub ext");
    expect(api.texts()).toEqual(["subscribed", "time set"]);
  });

  it("without them, subscription commands and the button say 'coming soon'; admin commands are gated", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:sub:start"));
    await bot.handleUpdate(textUpdate("/digest"));
    await bot.handleUpdate(textUpdate("/stats"));
    expect(api.payloads("answerCallbackQuery")[0]!.text).toMatch(/coming soon/);
    expect(api.texts()).toEqual([
      expect.stringMatching(/coming soon/),
      "Sorry, this command is for the bot's admins only.",
    ]);
  });
});

describe("odd input", () => {
  it("answers unknown commands, non-text messages and huge text sensibly", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/frobnicate now"));
    const sticker = textUpdate("x");
    const { text: _omit, ...message } = sticker.message as unknown as Record<string, unknown>;
    await bot.handleUpdate({
      update_id: sticker.update_id,
      message: { ...message, sticker: { file_id: "s" } },
    } as never);
    await bot.handleUpdate(textUpdate("🙂".repeat(5000)));
    const texts = api.texts();
    expect(texts[0]).toBe("I don't know /frobnicate. Send /help to see what I can do.");
    expect(texts[1]).toBe("I read text only: send me a few words to search the news, or /help.");
    expect(texts[2]).toMatch(/^Nothing found for “🙂+”/u);
    for (const t of texts) expect(t.length).toBeLessThan(4096);
  });
});
