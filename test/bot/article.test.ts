import { describe, expect, it } from "vitest";
import { buttonLabels, callbackData, callbackUpdate } from "../helpers/api-recorder.js";
import { setup } from "./setup.js";

describe("article card and full text", () => {
  it("the card has the full summary, byline, link and topics, plus Full text and Source buttons", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:a:a3"));
    const [card] = api.payloads("sendMessage");
    expect(card!.text).toBe(
      [
        "<b>Hamas Says Fighters Holed up in Rafah Will Not Surrender</b>\n<i>9 Nov 2025 · Asharq Al-Awsat</i>",
        "• Hamas said its fighters in Rafah will not surrender.\n• Israel says the area is encircled.",
        '<a href="https://example.com/rafah">Read at the source</a>\nTopics: Gaza · Hamas · Rafah',
      ].join("\n\n"),
    );
    expect(card!.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: "📖 Full text", callback_data: "1:f:0:a3" },
          { text: "🔗 Source", url: "https://example.com/rafah" },
        ],
      ],
    });
  });

  it("full text pages edit the card in place, and Back restores it", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:f:1:long1", { messageId: 9 }));
    const [page] = api.payloads("editMessageText");
    expect(page!.message_id).toBe(9);
    expect(String(page!.text)).toMatch(
      /^<b>A very long report on the economy<\/b>\n<i>Full text · page 2 of \d+<\/i>/,
    );
    expect(buttonLabels(page!.reply_markup)).toEqual([
      "« Previous",
      expect.stringMatching(/^2\/\d+$/),
      "Next »",
      "⬅ Back to summary",
    ]);
    await bot.handleUpdate(callbackUpdate("1:c:long1", { messageId: 9 }));
    expect(String(api.payloads("editMessageText")[1]!.text)).toMatch(
      /^<b>A very long report on the economy<\/b>/,
    );
    expect(callbackData(api.payloads("editMessageText")[1]!.reply_markup)).toEqual(["1:f:0:long1"]);
  });

  it("works on cards posted through inline mode (inline_message_id)", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(callbackUpdate("1:f:0:a1", { inlineMessageId: "INL1" }));
    const [edit] = api.payloads("editMessageText");
    expect(edit!.inline_message_id).toBe("INL1");
    expect(edit!.chat_id).toBeUndefined();
  });

  it("a vanished article is answered politely", async () => {
    const { bot, api } = setup();
    for (const data of ["1:a:gone", "1:f:0:gone", "1:c:gone"]) await bot.handleUpdate(callbackUpdate(data));
    expect(api.payloads("answerCallbackQuery").map((p) => p.text)).toEqual(
      Array(3).fill("This article is no longer available."),
    );
    expect(api.texts()).toEqual([]);
  });

  it("a double tap (message is not modified) is not an error", async () => {
    const { bot, api, logs } = setup();
    api.failNext("editMessageText", {
      error_code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same",
    });
    await bot.handleUpdate(callbackUpdate("1:f:0:a1"));
    expect(api.payloads("answerCallbackQuery")).toHaveLength(1);
    expect(api.payloads("answerCallbackQuery")[0]!.text).toBeUndefined();
    expect(logs.filter((l) => l.level === 50)).toEqual([]);
  });

  it("a message too old to edit gets a fresh reply", async () => {
    const { bot, api } = setup();
    api.failNext("editMessageText", { error_code: 400, description: "Bad Request: message can't be edited" });
    await bot.handleUpdate(callbackUpdate("1:f:0:a1"));
    expect(String(api.payloads("sendMessage")[0]!.text)).toContain("Full text · page 1 of 1");
  });
});
