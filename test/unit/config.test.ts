import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, readEnvironment } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { tmpDir } from "../helpers/tmp.js";

describe("loadConfig", () => {
  it("applies the documented defaults", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      botToken: undefined,
      apiRoot: "https://api.telegram.org",
      storeUrl: undefined,
      adminIds: [],
      defaultTimezone: "UTC",
      defaultDigestTime: "08:00",
      digestTick: "* * * * *",
      mode: { kind: "polling" },
      logLevel: "info",
    });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.contentDir).toMatch(/\/content$/);
  });

  it("reads every variable", () => {
    const c = loadConfig({
      BOT_TOKEN: "123:abc",
      TELEGRAM_API_ROOT: "http://127.0.0.1:9999/",
      ADMIN_IDS: " 1, 22 ,333",
      DEFAULT_TIMEZONE: "Asia/Kolkata",
      DEFAULT_DIGEST_TIME: "07:30",
      WEBHOOK_URL: "https://bot.example.com/hook",
      WEBHOOK_SECRET: "s3cret_-",
      PORT: "9090",
      STORE_URL: "redis://localhost:6379",
      LOG_LEVEL: "debug",
    });
    expect(c.apiRoot).toBe("http://127.0.0.1:9999");
    expect(c.adminIds).toEqual([1, 22, 333]);
    expect(c.mode).toEqual({
      kind: "webhook",
      url: "https://bot.example.com/hook",
      secret: "s3cret_-",
      port: 9090,
    });
    expect(c.defaultTimezone).toBe("Asia/Kolkata");
    expect(c.storeUrl).toBe("redis://localhost:6379");
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ BOT_TOKEN: "", WEBHOOK_URL: " ", ADMIN_IDS: "" }).mode).toEqual({ kind: "polling" });
  });

  it("reports every problem at once", () => {
    let message = "";
    try {
      loadConfig({
        ADMIN_IDS: "alice",
        DEFAULT_DIGEST_TIME: "25:00",
        LOG_LEVEL: "loud",
        STORE_URL: "mysql://x",
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const name of ["ADMIN_IDS", "DEFAULT_DIGEST_TIME", "LOG_LEVEL", "STORE_URL"])
      expect(message).toContain(name);
  });

  it("rejects an unknown time zone", () => {
    expect(() => loadConfig({ DEFAULT_TIMEZONE: "Mars/Olympus" })).toThrow(/DEFAULT_TIMEZONE/);
  });
});

describe("createLogger", () => {
  it("never writes the bot token, wherever it appears", async () => {
    const token = "123456789:AAH-secret-token-value";
    let out = "";
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const logger = createLogger({ level: "info", secrets: [token], destination: sink });
    logger.info({ url: `https://api.telegram.org/bot${token}/getMe`, token }, `calling with ${token}`);
    logger.error({ err: new Error(`failed for bot${token}`) }, "boom");
    await new Promise((r) => setImmediate(r));
    expect(out).toContain("getMe");
    expect(out).toContain("boom");
    expect(out).not.toContain("secret-token-value");
  });
});

describe("readEnvironment", () => {
  it("loads .env when present, without overriding variables already set", () => {
    const { dir, cleanup } = tmpDir();
    try {
      const file = path.join(dir, ".env");
      fs.writeFileSync(file, "BRIEFLY_TEST_FROM_FILE=file\nBRIEFLY_TEST_SET=file\n");
      process.env.BRIEFLY_TEST_SET = "shell";
      const env = readEnvironment(file);
      expect(env.BRIEFLY_TEST_FROM_FILE).toBe("file");
      expect(env.BRIEFLY_TEST_SET).toBe("shell");
      expect(readEnvironment(path.join(dir, "missing.env"))).toBe(process.env);
    } finally {
      delete process.env.BRIEFLY_TEST_FROM_FILE;
      delete process.env.BRIEFLY_TEST_SET;
      cleanup();
    }
  });
});
