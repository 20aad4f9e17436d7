import { PassThrough } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { htmlToTerminal } from "../../src/chat/html-to-text.js";
import { runChat } from "../../src/chat/run-chat.js";
import { BOT_INFO } from "../helpers/api-recorder.js";
import { createFixtureReader } from "../helpers/fixture-reader.js";
import { NOW } from "./setup.js";

/** Type `lines` into a terminal chat and return everything it printed. */
async function chat(lines: string[], color = false): Promise<string> {
  const bot = createBot({
    token: "0:offline",
    botInfo: BOT_INFO,
    reader: createFixtureReader(),
    logger: pino({ level: "silent" }),
    adminIds: [],
    clock: () => NOW,
  });
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk) => {
    printed += String(chunk);
  });
  input.end(`${lines.join("\n")}\n`);
  await runChat({ bot, input, output, color });
  return printed;
}

describe("terminal chat", () => {
  it("prints replies as readable text with numbered buttons, and presses them by number", async () => {
    const out = await chat(["/start", "2"]);
    expect(out).toContain("Chatting with Briefly (@briefly_test_bot)");
    expect(out).toContain("Briefly:\n  👋 Hi You, welcome to Briefly.");
    expect(out).toContain("  [1] 🆕 Latest   [2] 🗂 Topics\n  [3] 🔔 Subscribe\n");
    expect(out).toContain("Trending topics");
    expect(out).toContain("[1] Gaza · 7");
    expect(out).not.toMatch(/<\/?b>|&amp;/);
  });

  it("pages by editing (re-printed), opens cards and full text, shows links", async () => {
    const out = await chat(["/topic gaza", "7", "1", "1"]);
    expect(out).toContain("Briefly (edited):\n  📰 Gaza · 7 articles\n  \n  6. Gaza ceasefire talks, day 5");
    expect(out).toMatch(/Briefly:\n {2}Gaza ceasefire talks, day 5\n {2}1 Nov 2025 · Asharq Al-Awsat/);
    expect(out).toContain("Full text · page 1 of 1");
    expect(out).toContain(
      "│ Israel received the body of a hostage from Gaza.¹\n  │ Hamas said its fighters in Rafah will not surrender.² (https://example.com/rafah)",
    );
  });

  it("runs inline queries with '@', posts a chosen result, and its buttons work", async () => {
    const out = await chat(["@ rafah", "1", "1"]);
    expect(out).toContain(
      "Inline results (type a number to send one):\n  [1] Hamas Says Fighters Holed up in Rafah Will Not Surrender — Hamas said",
    );
    expect(out).toContain("You (via @briefly_test_bot):\n  Hamas Says Fighters");
    expect(out).toContain(
      "Briefly (edited):\n  Hamas Says Fighters Holed up in Rafah Will Not Surrender\n  Full text · page 1 of 1",
    );
  });

  it("shows button answers, URL buttons, and stops at /quit", async () => {
    const out = await chat(["/start", "3", "/search rafah", "1", "2", "/quit", "/start"]);
    expect(out).toContain("ⓘ Daily digests and subscriptions are coming soon.");
    expect(out).toContain("(opens https://example.com/rafah)");
    expect(out.match(/welcome to Briefly/g)).toHaveLength(1);
  });

  it("treats a number without buttons as text", async () => {
    const out = await chat(["2025"]);
    expect(out).toContain("Nothing found for “2025”");
  });
});

describe("htmlToTerminal", () => {
  it("renders styles as ANSI when colour is on, plain otherwise", () => {
    expect(htmlToTerminal("<b>a</b> &amp; <i>b</i>", { color: true })).toBe(
      "\x1b[1ma\x1b[22m & \x1b[3mb\x1b[23m",
    );
    expect(htmlToTerminal('<a href="https://x.org/?a=1&amp;b=2">x</a>', { color: false })).toBe(
      "x (https://x.org/?a=1&b=2)",
    );
  });
});
