/**
 * scripts/digest.ts as an admin runs it: preview one chat's digest, force-send it over HTTP to the
 * fake Bot API through the delivery path, and usage errors. The script runs in a child process
 * with the real clock, so the seed is ingested with the real clock too (it must be "new").
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openServices } from "../../src/services/container.js";
import { createSubscriptionRepo } from "../../src/store/subscription-repo.js";
import { type FakeBotApi, startFakeBotApi } from "../helpers/fake-bot-api.js";
import { tmpDir } from "../helpers/tmp.js";
import { makeSub } from "../unit/digest/fixtures.js";

const TSX = path.resolve("node_modules/.bin/tsx");
const SEED = path.resolve("content/asharq-al-awsat-2025-11-09.txt");
const GAZA = [
  "Israeli Government Spokesperson Rules Out Turkish Forces in Gaza",
  "Hamas Says Fighters Holed up in Rafah Will Not Surrender",
  "Israel Receives Body of a Hostage in Gaza That Hamas Claims Is Israeli Soldier Hadar Goldin",
];
const KREMLIN = "First Putin-Al-Sharaa Meeting Signals Renewed Russia-Syria Ties";

let api: FakeBotApi;
let tmp: ReturnType<typeof tmpDir>;
let env: Record<string, string>;

beforeAll(async () => {
  api = await startFakeBotApi();
  tmp = tmpDir("briefly-digest-script-");
  const contentDir = path.join(tmp.dir, "content");
  fs.mkdirSync(contentDir);
  fs.copyFileSync(SEED, path.join(contentDir, path.basename(SEED)));
  const dataDir = path.join(tmp.dir, "data");
  const services = await openServices(
    { dataDir, storeUrl: undefined, contentDir },
    { logger: pino({ level: "silent" }), clock: () => new Date() },
  );
  await services.ingest.ingestPaths([contentDir]);
  const subs = createSubscriptionRepo(services.store.kv("subscriptions"));
  await subs.put(makeSub({ chatId: 42, topics: ["gaza"], timezone: "Europe/Berlin", time: "07:30" }));
  await subs.put(makeSub({ chatId: 43 }));
  await services.close();
  api.blockChat(43);
  env = {
    PATH: process.env.PATH ?? "",
    DATA_DIR: dataDir,
    CONTENT_DIR: contentDir,
    BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    LOG_LEVEL: "silent",
  };
}, 60_000);

afterAll(async () => {
  await api?.close();
  tmp?.cleanup();
});

/** Run the script; asynchronously, because the fake Bot API answers from this process. */
function run(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(TSX, ["scripts/digest.ts", ...args], { env: { ...env, ...extraEnv } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => (stderr += String(d)));
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (status) => resolve({ status, stdout, stderr })),
  );
}

describe("npm run digest", () => {
  it("previews a subscriber's digest (their topics, their zone) without sending anything", async () => {
    const r = await run(["--chat", "42"]);
    expect(r.stderr).toMatch(
      /^chat 42 \(subscribed; next digest \w{3} \d{1,2} \w{3}, 07:30 \(Europe\/Berlin\)\)/,
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Your news digest · /);
    for (const title of GAZA) expect(r.stdout).toContain(title);
    expect(r.stdout).not.toContain(KREMLIN);
    expect(api.calls).toHaveLength(0);
  }, 60_000);

  it("--send delivers it now through the delivery path; --json reports what happened", async () => {
    const r = await run(["--chat", "42", "--send", "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { delivery: { sent: number; failed: number }; text: string };
    expect(out.delivery).toMatchObject({ sent: 1, failed: 0, unfinished: 0 });
    const sent = api.messages(42);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(out.text);
    expect(sent[0]!.parseMode).toBe("HTML");
  }, 60_000);

  it("a chat that blocked the bot: exit 1, and its subscription is paused", async () => {
    const r = await run(["--chat", "43", "--send"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not sent: 0 sent (0 late), 1 failed, 1 paused");
    const after = await run(["--chat", "43", "--json"]);
    expect(JSON.parse(after.stdout).subscription).toMatchObject({
      active: false,
      pausedReason: "403: Forbidden: bot was blocked by the user",
    });
  }, 60_000);

  it("usage errors exit 2 and say how to call it", async () => {
    for (const args of [
      ["--chat", "abc"],
      ["--chat", "1", "--frobnicate"],
    ]) {
      const r = await run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("usage: npm run digest -- --chat ID [--send] [--json]");
    }
    const noToken = await run(["--chat", "42", "--send"], { BOT_TOKEN: "" });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toContain("--send needs BOT_TOKEN");
  }, 60_000);
});
