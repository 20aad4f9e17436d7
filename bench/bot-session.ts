/**
 * One bot under load for the bot benchmark: the fake Bot API and load generator in a child
 * process (bench/bot-load.ts), the bot here on @grammyjs/runner long polling. Every update is
 * followed to its end: when the bot finished handling it, whether any API call answered the
 * user (a message sent or edited, the button or inline query answered) and which calls the
 * fake refused. Calls are tied to their update by a transformer on the update's own Api, so
 * nothing in the bot has to know it is measured.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Bot, type Context, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createApiFetch } from "../src/bot/api-fetch.js";
import type { BotContext } from "../src/bot/context.js";
import { createBot, runPolling } from "../src/bot/create-bot.js";
import type { NewsReader } from "../src/services/types.js";
import type { FromLoad, LoadPlan, Queued, ToLoad } from "./bot-load.js";

type ContextArgs = ConstructorParameters<typeof Context>;

/** Calls that count as answering the user. */
const REPLIES = new Set(["sendMessage", "editMessageText", "answerCallbackQuery", "answerInlineQuery"]);
const now = () => performance.timeOrigin + performance.now();

/** What became of the updates of one plan. */
export interface PlanResult {
  queued: Queued[];
  /** Update id → when the bot finished handling it (epoch ms). Missing: still running at the deadline. */
  done: Map<number, number>;
  /** Updates with at least one successful reply call. */
  replied: Set<number>;
  /** Update id → refused or failed calls ("sendMessage 400 Bad Request: …"); "not modified" is not a failure. */
  failed: Map<number, string[]>;
  /** Error lines the bot logged (its error boundary) during the plan. */
  botErrors: string[];
  /** CPU time of this process (the bot: JS, GC, SQLite threads) from queueing until the last update was done, ms. */
  cpuMs: number;
}

/** A bot and its load generator, ready for plans. */
export interface BotSession {
  /** Queue a plan's updates and wait (at most `timeoutMs`) until the bot handled every one. */
  run(plan: LoadPlan, timeoutMs: number): Promise<PlanResult>;
  close(): Promise<void>;
}

/** Start the fake and the load child, then the bot: the real one over `reader`, or an echo bot (the floor). */
export async function startBotSession(
  kind: "echo" | "briefly",
  reader: NewsReader,
  options: { client?: BenchClient } = {},
): Promise<BotSession> {
  const child = fork(fileURLToPath(new URL("./bot-load.ts", import.meta.url)), [], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await next(child, "ready");
  let botErrors: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void botErrors.push(logLine(line)) });
  const bot =
    kind === "echo"
      ? echoBot(ready.token, ready.apiRoot, clientFetch(options.client))
      : createBot({
          fetch: clientFetch(options.client),
          token: ready.token,
          apiRoot: ready.apiRoot,
          reader,
          logger,
          adminIds: [],
          rateLimit: false,
        });

  let done = new Map<number, number>();
  let replied = new Set<number>();
  let failed = new Map<number, string[]>();
  const fail = (id: number, line: string) => failed.set(id, [...(failed.get(id) ?? []), line]);
  // Each update's calls go through its context's own Api (grammY makes one per update), so a
  // transformer installed there knows the update without async context tracking, which would
  // add its own cost to every promise of the bot being measured.
  const follow =
    (id: number): Transformer =>
    async (prev, method, payload, signal) => {
      try {
        const res = await prev(method, payload, signal);
        if (res.ok && REPLIES.has(method)) replied.add(id);
        if (!res.ok && !res.description.includes("message is not modified"))
          fail(id, `${method} ${res.error_code} ${res.description}`);
        return res;
      } catch (err) {
        fail(id, `${method} ${(err as Error).message}`);
        throw err;
      }
    };
  const followed = bot as unknown as { ContextConstructor: new (...args: ContextArgs) => Context };
  const Base = followed.ContextConstructor;
  followed.ContextConstructor = class extends Base {
    constructor(...args: ContextArgs) {
      super(...args);
      this.api.config.use(follow(this.update.update_id));
    }
  };
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update: Update, envelope?: Parameters<typeof handle>[1]) => {
    try {
      await handle(update, envelope);
    } finally {
      done.set(update.update_id, now());
    }
  };
  const polling = runPolling(bot, pino({ level: "silent" }), { timeoutSeconds: 5 });
  await polling.ready;

  return {
    async run(plan, timeoutMs) {
      done = new Map();
      replied = new Set();
      failed = new Map();
      botErrors = [];
      const cpu = process.cpuUsage();
      tell(child, { type: "queue", plan });
      const { queued } = await next(child, "queued");
      const deadline = now() + timeoutMs;
      while (now() < deadline && queued.some(([id]) => !done.has(id)))
        await new Promise((r) => setTimeout(r, 20));
      const used = process.cpuUsage(cpu);
      return { queued, done, replied, failed, botErrors, cpuMs: (used.user + used.system) / 1000 };
    },
    async close() {
      await polling.stop();
      tell(child, { type: "close" });
      if (child.exitCode === null) await new Promise((r) => child.once("exit", r));
    },
  };
}

/** "update failed: boom" from a pino JSON line. */
function logLine(line: string): string {
  try {
    const o = JSON.parse(line) as { msg?: string; err?: { message?: string } };
    return [o.msg, o.err?.message].filter(Boolean).join(": ");
  } catch {
    return line.trim();
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

/** The HTTP client under the bot's API calls: ours (undici) or grammY's default for Node (node-fetch). */
export type BenchClient = "undici" | "node-fetch";

/** undici: ours; null: grammY's default. */
function clientFetch(client: BenchClient = "undici"): typeof fetch | null {
  return client === "undici" ? createApiFetch() : null;
}

function echoBot(token: string, apiRoot: string, fetch: typeof globalThis.fetch | null): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, { client: { apiRoot, ...(fetch ? { fetch } : {}) } });
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
  bot.on("inline_query", (ctx) => ctx.answerInlineQuery([]));
  return bot;
}
