/**
 * Bot benchmark (issue #5): updates handled per second end to end — fake Bot API on loopback →
 * getUpdates (@grammyjs/runner) → features → replies over HTTP — and reply latency (update
 * queued at the fake until the bot finished handling it, every API call answered), over the
 * real store: `--bot-articles` BBC-derived articles (default 100,000) ingested once into the
 * work dir (bench/bot-store.ts) and reused. A mix of /topic, /search, inline queries and
 * button presses, first as one burst (throughput), then paced (latency under a steady load);
 * an echo bot gives the floor. Every update must be answered: the table counts the ones that
 * were not, or failed, and a second table breaks the paced run down by kind.
 * Standalone: npx tsx bench/bot.ts [--bot-articles N] [--bot-reader store|fixture] [--bot-rebuild] [--json]
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createNewsReader } from "../src/services/news-reader.js";
import type { NewsReader } from "../src/services/types.js";
import { CACHE_COLUMNS, cacheRow, switchableReader } from "./bot-cache.js";
import type { LoadPlan } from "./bot-load.js";
import { byKind, problems, type Row, summaryRow } from "./bot-report.js";
import { type BenchClient, startBotSession } from "./bot-session.js";
import { BOT_BENCH_NOW, type BotStoreInfo, ensureBotStore, openBotStore } from "./bot-store.js";
import type { BenchOptions, BenchTable } from "./types.js";

/** The bot bench's own options (`npm run bench -- --bot-articles N --bot-reader store|fixture --bot-rebuild`). */
export interface BotBenchOptions {
  /** Corpus size of the store (default 100,000). */
  botArticles?: number;
  /** "store" (default): the real store; "fixture": the in-memory fixture reader (~1,000 articles, no dataset needed). */
  botReader?: "store" | "fixture";
  /** Build the store again even when one of this size exists. */
  botRebuild?: boolean;
  /** Leave mistyped topic names out of the mix (they cost a suggestion search each). */
  botNoTypos?: boolean;
  /** A reader to measure instead (tests of the bench, other stores). */
  reader?: NewsReader;
}

/** Default corpus size of the store the bot is measured over. */
export const DEFAULT_BOT_ARTICLES = 100_000;
/** Chats the load comes from: about two updates per chat per run, as with many readers. */
const CHATS = 1500;
const BURST = 3000;
/** Open-loop runs: a light one (what each kind costs when nothing queues), then the targets. */
const PACED = [
  { rate: 100, seconds: 5 },
  { rate: 500, seconds: 3 },
  { rate: 1000, seconds: 3 },
];
/** Bots measured, in order: the echo floor and Briefly, each on our HTTP client and on grammY's default (node-fetch). */
const SESSIONS: { kind: "echo" | "briefly"; client: BenchClient }[] = [
  { kind: "echo", client: "undici" },
  { kind: "echo", client: "node-fetch" },
  { kind: "briefly", client: "undici" },
  { kind: "briefly", client: "node-fetch" },
];
/** Search words: general news words (the BBC corpus is UK news of 2004–05), one misspelt; more come from headlines. */
const BASE_WORDS = [
  "election",
  "economy",
  "oil prices",
  "markets",
  "government",
  "film",
  "football",
  "mobile phone",
  "goverment tax",
  "talks",
];

/** Run the bot benchmark. */
export async function runBotBench(opts: BenchOptions & BotBenchOptions): Promise<BenchTable[]> {
  const source = await openReader(opts);
  try {
    const trending = (await source.reader.trendingTopics(12)).map((t) => t.name);
    const words = await searchWords(source.reader);
    // One /topic in ten is mistyped (a letter dropped), as readers do: it costs a suggestion search.
    const typoTopics = opts.botNoTypos ? [] : trending.slice(0, 3).map(dropLetter);
    const rows: Row[] = [];
    const warmups: Row[] = [];
    const cacheRows: (string | number)[][] = [];
    const switcher = switchableReader(source.reader);
    for (const { kind, client } of SESSIONS) {
      const base = kind === "echo" ? "echo bot (floor)" : "Briefly (mix)";
      const label = client === "undici" ? base : `${base}, grammY's default HTTP client`;
      const session = await startBotSession(kind, switcher.reader, { client });
      // The reader's cache hit rates over each run of the real bot (a reader without stats: none).
      const run = async (rowLabel: string, plan: LoadPlan, timeoutMs: number): Promise<Row> => {
        const before = kind === "briefly" ? source.reader.stats?.() : undefined;
        const result = await session.run(plan, timeoutMs);
        const after = source.reader.stats?.();
        if (before && after) cacheRows.push(cacheRow(rowLabel, before, after));
        return { label: rowLabel, result };
      };
      try {
        if (kind === "briefly" && client === "undici") {
          const warm: LoadPlan = { kind: "warmup", chats: CHATS, topics: trending, words };
          warmups.push(await run("warm-up: /topic + /search (caches cold)", warm, 120_000));
          warmups.push(await run("warm-up: open a card", { kind: "cards", chats: CHATS }, 120_000));
        }
        const mix = (n: number, rate: number): LoadPlan => ({
          kind: "mix",
          n,
          rate,
          chats: CHATS,
          topics: trending,
          typoTopics,
          words,
        });
        if (client !== "undici") {
          // The alternative client: the target run only, side by side with the same run on ours
          // (a fresh fake has no buttons yet, so Briefly's chats are warmed up again, unrecorded).
          if (kind === "briefly") {
            await session.run({ kind: "warmup", chats: CHATS, topics: trending, words }, 120_000);
            await session.run({ kind: "cards", chats: CHATS }, 120_000);
          }
          const { rate, seconds } = PACED.at(-1)!;
          rows.push(await run(`${label}, paced ${rate}/s`, mix(rate * seconds, rate), 60_000));
          continue;
        }
        rows.push(await run(`${label}, burst of ${BURST}`, mix(BURST, 0), 90_000));
        for (const { rate, seconds } of PACED)
          rows.push(await run(`${label}, paced ${rate}/s`, mix(rate * seconds, rate), 60_000));
        if (kind === "briefly" && source.uncached) {
          // The same bot and load with every read a cache miss: what the caches are worth.
          switcher.use(source.uncached);
          const off = "Briefly (mix), caches off";
          rows.push({ label: `${off}, burst of ${BURST}`, result: await session.run(mix(BURST, 0), 90_000) });
          const { rate, seconds } = PACED.at(-1)!;
          const result = await session.run(mix(rate * seconds, rate), 60_000);
          rows.push({ label: `${off}, paced ${rate}/s`, result });
          switcher.use(source.reader);
        }
      } finally {
        await session.close();
      }
    }
    // By kind: the light run shows what each kind costs, the fastest one where the time goes at the target.
    const light = rows.find((r) => r.label === `Briefly (mix), paced ${PACED[0]!.rate}/s`)!;
    const target = rows.find((r) => r.label === `Briefly (mix), paced ${PACED.at(-1)!.rate}/s`)!;
    const uncached = rows.filter((r) => r.label.includes("caches off, paced"));
    return [
      {
        name: `bot: updates end to end over loopback HTTP (${source.name})`,
        columns: [
          "run",
          "updates",
          "updates/s",
          "p50 ms",
          "p99 ms",
          "max ms",
          "bot CPU ms/update",
          "unanswered",
          "failed",
        ],
        rows: [...rows, ...warmups].map(summaryRow),
        notes: [
          `Reader: ${source.describe}.`,
          "Fake Bot API (test/helpers/fake-bot-api.ts) and load in a child process on 127.0.0.1; the bot on @grammyjs/runner long polling in this process.",
          "HTTP client of the bot's API calls: undici's request() over a keep-alive pool (src/bot/api-fetch.ts); rows marked \"grammY's default HTTP client\" use node-fetch, as grammY does on Node unless told otherwise.",
          `Mix: 30% /topic (trending names${typoTopics.length ? ", one in ten mistyped" : ""}), 30% /search or plain-text search (${words.length} queries: common news words and words of the newest headlines), 20% inline queries (20 results; a quarter ask for the second page), 20% presses of buttons the bot sent (list page, article card, full text, back to card); ${CHATS} chats, warmed up with a /topic, a /search and an opened card each.`,
          "Latency: update queued at the fake → bot finished handling it (all its API calls answered). Burst = all queued at once; paced = open loop.",
          "bot CPU ms/update: CPU time of the bot's process (JavaScript, GC, SQLite threads) during the run / updates; unlike updates/s it barely moves when other work shares the machine. The fake and load generator use their own process.",
          "unanswered: updates with no successful reply call (message sent or edited, button or inline query answered), including any still running at the deadline; failed: updates with a refused API call (a double-tap 'message is not modified' excluded).",
          ...problems([...rows, ...warmups]),
        ],
      },
      {
        name: `bot: Briefly by kind of update (${source.name})`,
        columns: ["run", "kind", "updates", "p50 ms", "p99 ms", "max ms", "unanswered", "failed"],
        rows: [light, target, ...uncached].flatMap((r) =>
          byKind(r.result).map((k) => [r.label.replace(/^Briefly \(mix\), /, ""), ...k]),
        ),
      },
      ...(cacheRows.length === 0
        ? []
        : [
            {
              name: `bot: read caches of the reader, hit % (lookups) per run (${source.name})`,
              columns: CACHE_COLUMNS,
              rows: cacheRows,
              notes: [
                "From the reader's stats(): a hit is a lookup answered from the cache or joining a load already in flight. The warm-up is the first pass, with every cache empty. Caches are dropped whenever an ingest changes the store; lists and trending also every hour.",
                "The 'caches off' rows of the first table use an uncached reader over the same store (every read a miss).",
              ],
            },
          ]),
    ];
  } finally {
    await source.close();
  }
}

interface ReaderSource {
  reader: NewsReader;
  /** The same store without caches, for the all-misses rows (store readers only). */
  uncached?: NewsReader;
  name: string;
  describe: string;
  close(): Promise<void>;
}

async function openReader(opts: BenchOptions & BotBenchOptions): Promise<ReaderSource> {
  const none = async () => undefined;
  if (opts.reader)
    return { reader: opts.reader, name: "given reader", describe: "given by the caller", close: none };
  if (opts.botReader === "fixture") {
    const { fixtureBenchReader } = await import("./bot-fixture.js");
    return {
      reader: fixtureBenchReader(),
      name: "fixture reader",
      describe: "in-memory fixture reader (~1,000 articles), not the real store",
      close: none,
    };
  }
  const size = opts.botArticles ?? DEFAULT_BOT_ARTICLES;
  const info: BotStoreInfo = ensureBotStore({
    dataset: opts.dataset,
    workDir: opts.workDir,
    size,
    ...(opts.botRebuild ? { rebuild: true } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const opened = performance.now();
  const services = await openBotStore(info);
  const openMs = Math.round(performance.now() - opened);
  const off = { lists: 0, articles: 0, briefs: 0, suggestions: 0, trending: 0 };
  return {
    reader: services.reader,
    // No ingest runs during the bench: a fixed change stamp is the truth here.
    uncached: createNewsReader({ ...services, clock: () => BOT_BENCH_NOW, changeStamp: () => 0, cache: off }),
    name: `${info.articles.toLocaleString("en")} articles`,
    describe: `real store (SQLite store + FTS5 index) of ${info.articles.toLocaleString("en")} articles from a ${size.toLocaleString("en")}-article corpus (${info.dir}; ${info.reused ? "reused" : `built in ${info.buildSeconds} s`}; opened in ${openMs} ms)`,
    close: () => services.close(),
  };
}

/**
 * The fixed words, then words of the newest headlines (five letters or more), 100 in all: enough
 * distinct queries that a results cache, should one be added, does not turn the bench into a cache test.
 */
async function searchWords(reader: NewsReader): Promise<string[]> {
  const titles = (await reader.latest({ limit: 50 })).items.map((a) => a.title.toLowerCase());
  const fromTitles = titles.flatMap((t) => t.match(/\p{L}{5,}/gu) ?? []);
  return [...new Set([...BASE_WORDS, ...fromTitles])].slice(0, 100);
}

function dropLetter(name: string): string {
  return name.length > 4 ? name.slice(0, 2) + name.slice(3) : `${name}x`;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain) {
  const { printTables, standaloneOptions } = await import("./cli.js");
  const opts = standaloneOptions(process.argv.slice(2), []);
  printTables(await runBotBench(opts), opts.json);
}
