import { describe, expect, it } from "vitest";
import { BOT_INFO, callbackData, callbackUpdate, textUpdate } from "../helpers/api-recorder.js";
import { createFixtureReader, fixtureArticles, makeArticle } from "../helpers/fixture-reader.js";
import { setup } from "./setup.js";

/** Fixtures plus eight older Gaza briefings, so "gaza" has 13 results (three pages). */
const reader = () =>
  createFixtureReader([
    ...fixtureArticles(),
    ...Array.from({ length: 8 }, (_, i) =>
      makeArticle({ id: `x${i}`, title: `Gaza briefing ${i}`, published: "2025-10-01T00:00:00Z" }),
    ),
  ]);

describe("/search and plain text", () => {
  it("ranks results in the list format with paging data carrying the query", async () => {
    const { bot, api } = setup({ reader: reader() });
    await bot.handleUpdate(textUpdate("/search gaza"));
    const [msg] = api.payloads("sendMessage");
    expect(String(msg!.text)).toMatch(/^🔎 <b>gaza<\/b> · 13 results\n\n1\. <b>/);
    expect(callbackData(msg!.reply_markup)).toContain("1:s:5:gaza");
  });

  it("plain text in a private chat is a search; 'Did you mean' when corrected", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("hostge"));
    expect(String(api.payloads("sendMessage")[0]!.text)).toContain(
      "Did you mean <b>hostage</b>? You typed “hostge”.",
    );
  });

  it("stays quiet on plain text in groups and on cards posted via the bot", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("gaza", { chatId: -100 }));
    await bot.handleUpdate(textUpdate("Israel Receives Body…", { viaBot: BOT_INFO }));
    expect(api.calls).toEqual([]);
  });

  it("explains how to search when nothing searchable was sent", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/search"));
    await bot.handleUpdate(textUpdate("\u0000\u200f"));
    for (const p of api.payloads("sendMessage")) expect(p.text).toContain("Send some words to search for");
  });

  it("searches the first words of a very long message and says so", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate(`rafah ${"lorem ipsum ".repeat(900)}`));
    const text = String(api.payloads("sendMessage")[0]!.text);
    expect(text).toContain("Your message was long: I searched for its first words.");
    expect(text.length).toBeLessThan(4096);
  });

  it("pages results by editing; an emptied page is answered as stale", async () => {
    const { bot, api } = setup({ reader: reader() });
    await bot.handleUpdate(callbackUpdate("1:s:5:gaza"));
    expect(String(api.payloads("editMessageText")[0]!.text)).toMatch(/\n\n6\. /);
    await bot.handleUpdate(callbackUpdate("1:s:50:gaza"));
    expect(api.payloads("answerCallbackQuery")[1]!.text).toMatch(/expired/);
  });
});
