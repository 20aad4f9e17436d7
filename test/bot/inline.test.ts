import { describe, expect, it } from "vitest";
import { inlineUpdate } from "../helpers/api-recorder.js";
import { createFixtureReader, fixtureArticles, makeArticle } from "../helpers/fixture-reader.js";
import { setup } from "./setup.js";

const many = [
  ...fixtureArticles(),
  ...Array.from({ length: 70 }, (_, i) =>
    makeArticle({ id: `m${i}`, title: `Market update ${i}`, published: "2025-10-01T00:00:00Z" }),
  ),
];

describe("inline mode", () => {
  it("returns article results with the card as the message to post, paged by next_offset", async () => {
    const { bot, api } = setup({ reader: createFixtureReader(many) });
    await bot.handleUpdate(inlineUpdate("market"));
    await bot.handleUpdate(inlineUpdate("market", "60"));
    const [first, last] = api.payloads("answerInlineQuery");
    const results = first!.results as Record<string, unknown>[];
    expect(results).toHaveLength(20);
    expect(first!.next_offset).toBe("20");
    expect(results[0]).toMatchObject({
      type: "article",
      id: expect.stringMatching(/^m\d+$/),
      title: expect.stringMatching(/^Market update/),
      description: expect.stringMatching(/^Summary of Market update/),
      input_message_content: { parse_mode: "HTML", message_text: expect.stringMatching(/^<b>Market update/) },
      reply_markup: {
        inline_keyboard: [[{ text: "📖 Full text", callback_data: expect.stringMatching(/^1:f:0:m/) }]],
      },
    });
    expect((last!.results as unknown[]).length).toBe(10);
    expect(last!.next_offset).toBe("");
  });

  it("an empty query lists the latest; a garbage offset starts from the top; no results offer the bot", async () => {
    const { bot, api } = setup();
    await bot.handleUpdate(inlineUpdate(""));
    await bot.handleUpdate(inlineUpdate("gaza", "; DROP TABLE"));
    await bot.handleUpdate(inlineUpdate("qqqzzzxxx"));
    const [latest, garbage, none] = api.payloads("answerInlineQuery");
    expect((latest!.results as { id: string }[])[0]!.id).toBe("a4");
    expect((garbage!.results as unknown[]).length).toBeGreaterThan(0);
    expect(none).toMatchObject({
      results: [],
      button: { text: expect.any(String), start_parameter: "inline" },
    });
  });
});
