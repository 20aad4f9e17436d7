/**
 * `npm run bench -- [--only ingest,nlp,search,bot,digest,scale] [--sizes 1000,10000,100000] [--dataset PATH] [--json]`
 * Runs the benchmarks one after another and prints their tables (or one JSON array with --json).
 * `scale` needs Redis at REDIS_URL (default redis://127.0.0.1:6379); without it, it says so and is skipped.
 */
import fs from "node:fs";
import { printTables, standaloneOptions } from "../bench/cli.js";
import type { BenchOptions, BenchTable } from "../bench/types.js";

type Runner = (opts: BenchOptions) => Promise<BenchTable[]>;

const BENCHES: Record<string, () => Promise<Runner>> = {
  ingest: async () => (await import("../bench/ingest.js")).runIngestBench,
  nlp: async () => (await import("../bench/nlp.js")).runNlpBench,
  search: async () => (await import("../bench/search.js")).runSearchBench,
  bot: async () => (await import("../bench/bot.js")).runBotBench,
  digest: async () => (await import("../bench/digest.js")).runDigestBench,
  scale: async () => runScaleBenches,
};

/** Both scale-out tables (digest delivery and webhook updates, 1 and 3 processes on one Redis). */
async function runScaleBenches(): Promise<BenchTable[]> {
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const { connectRedis } = await import("../src/store/redis-client.js");
  try {
    const probe = await connectRedis(redisUrl, { onError: () => undefined, initialAttempts: 1 });
    await probe.close();
  } catch (error) {
    process.stderr.write(`bench: scale skipped: ${(error as Error).message}\n`);
    return [];
  }
  const { runScaleBench } = await import("../bench/scale.js");
  const { runWebhookScaleBench } = await import("../bench/scale-webhook.js");
  return [
    ...(await runScaleBench({ redisUrl, subscribers: 300, instances: [1, 3] })),
    ...(await runWebhookScaleBench({ redisUrl, updates: 3000, instances: [1, 3], concurrency: 64 })),
  ];
}

async function main(): Promise<number> {
  let opts: ReturnType<typeof standaloneOptions>;
  try {
    opts = standaloneOptions(process.argv.slice(2), [1000, 10000, 100000]);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 2;
  }
  const names = opts.only ?? Object.keys(BENCHES);
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length) {
    process.stderr.write(
      `bench: unknown bench ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}\n`,
    );
    return 2;
  }
  if (!fs.existsSync(opts.dataset)) {
    process.stderr.write(
      `bench: dataset not found at ${opts.dataset}; pass --dataset PATH (JSONL of {"title","article"})\n`,
    );
    return 2;
  }
  fs.mkdirSync(opts.workDir, { recursive: true });
  const tables: BenchTable[] = [];
  for (const name of names) {
    process.stderr.write(`bench: running ${name} (sizes ${opts.sizes.join(", ")})…\n`);
    const run = await BENCHES[name]!();
    const result = await run(opts);
    tables.push(...result);
    if (!opts.json) printTables(result, false);
  }
  if (opts.json) printTables(tables, true);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
