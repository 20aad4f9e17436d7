/**
 * Bot benchmark: updates handled per second end to end — fake Bot API on loopback → getUpdates
 * (@grammyjs/runner) → features → replies over HTTP — and reply latency (update queued at the
 * fake until the bot finished handling it, every API call answered). The fake and the load
 * generator run in a child process (bench/bot-load.ts), the bot in this one, as against
 * Telegram. A mix of /topic, /search, inline queries and button presses, first as one burst
 * (throughput), then paced (latency under a steady load); an echo bot gives the floor.
 * Standalone: npx tsx bench/bot.ts [--json]
 */
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Bot } from "grammy";
import type { Update } from "grammy/types";
import { pino } from "pino";
import type { BotContext } from "../src/bot/context.js";
import { createBot, runPolling } from "../src/bot/create-bot.js";
import type { NewsReader } from "../src/services/types.js";
import type { FromLoad, ToLoad } from "./bot-load.js";
import type { BenchOptions, BenchTable } from "./types.js";

type FixtureModule = typeof import("../test/helpers/fixture-reader.js");

/** Chats the load comes from: about two updates per chat per run, as with many readers. */
const CHATS = 1500;
const BURST = 3000;
const PACED_RATES = [500, 1000]; // updates per second
const PACED_SECONDS = 3;
const WORDS = [
  "gaza",
  "hostage",
  "ceasefire",
  "economy",
  "markets",
  "election",
  "rafah",
  "syria",
  "oil",
  "talks",
];
const now = () => performance.timeOrigin + performance.now();

interface Run {
  updates: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

/** Run the bot benchmark. `reader` defaults to an in-memory fixture reader of ~1,000 articles. */
export async function runBotBench(opts: BenchOptions & { reader?: NewsReader }): Promise<BenchTable[]> {
  const helpers = fileURLToPath(new URL("../test/helpers/", import.meta.url));
  if (!fs.existsSync(path.join(helpers, "fake-bot-api.ts"))) return [];
  const fixtures = (await import(path.join(helpers, "fixture-reader.ts"))) as FixtureModule;
  const reader = opts.reader ?? fixtures.createFixtureReader(syntheticArticles(fixtures));
  const topics = (await reader.trendingTopics(12)).map((t) => t.name);

  const rows: (string | number)[][] = [];
  for (const kind of ["echo", "briefly"] as const) {
    const label = kind === "echo" ? "echo bot (floor)" : "Briefly (mix)";
    rows.push(row(`${label}, burst of ${BURST}`, await runOnce(kind, reader, topics, BURST, 0)));
    for (const rate of PACED_RATES) {
      rows.push(
        row(`${label}, paced ${rate}/s`, await runOnce(kind, reader, topics, rate * PACED_SECONDS, rate)),
      );
    }
  }
  return [
    {
      name: "bot: updates end to end over loopback HTTP",
      columns: ["run", "updates", "updates/s", "p50 ms", "p99 ms", "max ms", "errors"],
      rows,
      notes: [
        "Fake Bot API (test/helpers/fake-bot-api.ts) and load in a child process on 127.0.0.1; the bot on @grammyjs/runner long polling in this process.",
        `Mix: 30% /topic, 30% /search or plain-text search, 20% inline queries (20 results each), 20% button presses (topic paging, card, full text); ${CHATS} chats.`,
        "Latency: update queued at the fake → bot finished handling it (all its API calls answered). Burst = all queued at once; paced = open loop.",
        `Reader: ${opts.reader ? "as given by the caller" : "in-memory fixture reader (~1,000 articles), not the 100k store"}. Sizes are not used.`,
      ],
    },
  ];
}

/** One run: a fresh fake in a child, a fresh bot here; warm up every chat, then `n` updates at `rate`/s (0 = all at once). */
async function runOnce(
  kind: "echo" | "briefly",
  reader: NewsReader,
  topics: string[],
  n: number,
  rate: number,
): Promise<Run> {
  const child = fork(fileURLToPath(new URL("./bot-load.ts", import.meta.url)), [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const ready = await next(child, "ready");
    const logger = pino({ level: "silent" });
    const bot =
      kind === "echo"
        ? echoBot(ready.token, ready.apiRoot)
        : createBot({
            token: ready.token,
            apiRoot: ready.apiRoot,
            reader,
            logger,
            adminIds: [],
            rateLimit: false,
          });
    const done = new Map<number, number>();
    const handle = bot.handleUpdate.bind(bot);
    bot.handleUpdate = async (update: Update, envelope?: Parameters<typeof handle>[1]) => {
      try {
        await handle(update, envelope);
      } finally {
        done.set(update.update_id, now());
      }
    };
    const polling = runPolling(bot, logger, { timeoutSeconds: 5 });
    await polling.ready;
    tell(child, { type: "warmup", chats: CHATS });
    await next(child, "warmed");
    const { queued, errors } = await (async () => {
      tell(child, { type: "run", n, rate, chats: CHATS, topics, words: WORDS });
      return next(child, "queued");
    })();
    await polling.stop();
    const started = Math.min(...queued.map(([, at]) => at));
    const finished = Math.max(...queued.map(([id]) => done.get(id) ?? Number.NaN));
    const latencies = queued.map(([id, at]) => (done.get(id) ?? Number.NaN) - at).sort((a, b) => a - b);
    return { updates: n, seconds: (finished - started) / 1000, latencies, errors };
  } finally {
    tell(child, { type: "close" });
    await new Promise((r) => child.once("exit", r));
  }
}

function tell(child: ChildProcess, msg: ToLoad): void {
  if (child.connected) child.send(msg);
}

function next<T extends FromLoad["type"]>(
  child: ChildProcess,
  type: T,
): Promise<Extract<FromLoad, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: FromLoad) => {
      if (msg.type !== type) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolve(msg as Extract<FromLoad, { type: T }>);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`bench/bot-load.ts exited (${code}) before "${type}"`));
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

function echoBot(token: string, apiRoot: string): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { client: { apiRoot } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  bot.on("inline_query", (ctx) => ctx.answerInlineQuery([]));
  return bot;
}

function row(label: string, run: Run): (string | number)[] {
  const at = (p: number) =>
    run.latencies[Math.min(run.latencies.length - 1, Math.floor(p * run.latencies.length))] ?? 0;
  return [
    label,
    run.updates,
    Math.round(run.updates / run.seconds),
    at(0.5).toFixed(1),
    at(0.99).toFixed(1),
    (run.latencies.at(-1) ?? 0).toFixed(1),
    run.errors,
  ];
}

/** Fixture articles plus 1,000 synthetic ones over eight topics, for a reader with some weight. */
function syntheticArticles(fixtures: FixtureModule) {
  const topics = ["Gaza", "Economy", "Markets", "Election", "Syria", "Oil", "Climate", "Football"];
  const extra = Array.from({ length: 1000 }, (_, i) => {
    const name = topics[i % topics.length]!;
    return fixtures.makeArticle({
      id: `s${i}`,
      title: `${name} report ${i}: talks, markets and ceasefire news`,
      published: new Date(Date.UTC(2025, 9, 1) + i * 3_600_000).toISOString(),
      topics: [{ id: name.toLowerCase(), name, kind: "place", weight: 1 }],
      summary: [`${name} report number ${i} says talks continued.`, "Markets reacted calmly."],
      blocks: [{ kind: "paragraph", text: fixtures.longParagraph(`s${i}`, 1500) }],
    });
  });
  return [...fixtures.fixtureArticles(), ...extra];
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const { printTables } = await import("./cli.js");
  const tables = await runBotBench({ dataset: "", sizes: [], workDir: "" });
  printTables(tables, process.argv.includes("--json"));
}
