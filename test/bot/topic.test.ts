import { describe, expect, it } from "vitest";
import { encodeCallback } from "../../src/bot/callback-data.js";
import { buttonLabels, callbackData, callbackUpdate, textUpdate } from "../helpers/api-recorder.js";
import { setup } from "./setup.js";

describe("/topic", () => {
  it("shows the attributed brief, then articles newest first with bold headline, date, source and summary", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/topic Gaza"));
    const [msg] = api.payloads("sendMessage");
    const text = String(msg!.text);
    expect(text.split("\n\n")[0]).toBe("📰 <b>Gaza</b> · 7 articles");
    expect(text).toContain(
      '<blockquote>Israel received the body of a hostage from Gaza.¹\nHamas said its fighters in Rafah will not surrender.<a href="https://example.com/rafah">²</a>\nAn Israeli spokesperson ruled out Turkish troops in Gaza.³</blockquote>',
    );
    expect(text).toContain(
      "1. <b>Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin</b>\n<i>9 Nov 2025 · Asharq Al-Awsat</i>\nIsrael received the body of a hostage from Gaza. Hamas says it is soldier Hadar Goldin.",
    );
    expect(text).not.toContain("Putin");
    expect(callbackData(msg!.reply_markup)).toEqual([
      "1:a:a4",
      "1:a:a3",
      "1:a:a2",
      "1:a:g7",
      "1:a:g6",
      "1:n",
      encodeCallback({ kind: "topic", topic: "gaza", offset: 5, edit: true }),
    ]);
  });

  it("Next edits the same message to the next page, without the brief", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:t:5:gaza", { messageId: 321 }));
    const [edit] = api.payloads("editMessageText");
    expect(edit!.message_id).toBe(321);
    expect(String(edit!.text)).toMatch(
      /^📰 <b>Gaza<\/b> · 7 articles\n\n6\. <b>Gaza ceasefire talks, day 5<\/b>/,
    );
    expect(String(edit!.text)).not.toContain("<blockquote>");
    expect(buttonLabels(edit!.reply_markup)).toEqual(["6", "7", "« Previous", "2/2"]);
    expect(api.payloads("answerCallbackQuery")).toEqual([{ callback_query_id: expect.any(String) }]);
  });

  it("a topic button from a menu opens the topic in a new message", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:o:0:saudi-arabia"));
    expect(api.payloads("editMessageText")).toHaveLength(0);
    expect(String(api.payloads("sendMessage")[0]!.text)).toContain("قمة عربية في الرياض تبحث وقف الحرب 🇸🇦");
  });

  it("without a name, shows topic buttons", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/topic"));
    const [msg] = api.payloads("sendMessage");
    expect(msg!.text).toContain("Which topic?");
    expect(buttonLabels(msg!.reply_markup)[0]).toBe("Gaza · 7");
  });

  it("an unknown topic suggests close topics, or trending ones", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/topic gazza"));
    await bot.handleUpdate(textUpdate("/topic <nosuchthing>"));
    const [near, far] = api.payloads("sendMessage");
    expect(near!.text).toBe("I don't know a topic called “gazza”. Did you mean one of these?");
    expect(callbackData(near!.reply_markup)).toEqual(["1:o:0:gaza"]);
    expect(far!.text).toBe("I don't know a topic called “&lt;nosuchthing&gt;”. Here is what's trending:");
    expect(buttonLabels(far!.reply_markup).length).toBeGreaterThan(5);
  });

  it("a page button for a topic that is gone is answered as stale", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:t:0:vanished"));
    await bot.handleUpdate(callbackUpdate("1:t:500:gaza"));
    expect(api.payloads("answerCallbackQuery").map((p) => p.text)).toEqual([
      expect.stringMatching(/expired/),
      expect.stringMatching(/expired/),
    ]);
    expect(api.payloads("editMessageText")).toHaveLength(0);
  });

  it("/topics lists trending topics as buttons, and so does the Topics button", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(textUpdate("/topics"));
    await bot.handleUpdate(callbackUpdate("1:T"));
    const [a, b] = api.payloads("sendMessage");
    expect(a!.text).toContain("Trending topics");
    expect(b!.reply_markup).toEqual(a!.reply_markup);
    expect(callbackData(a!.reply_markup)[0]).toBe("1:o:0:gaza");
  });
});
