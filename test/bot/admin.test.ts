import { describe, expect, it } from "vitest";
import { adminFeature } from "../../src/bot/features/admin/index.js";
import { ADMINS_ONLY } from "../../src/bot/features/admin/render.js";
import { emptyReport, type IngestReport } from "../../src/ingest/report.js";
import { createAdminService } from "../../src/services/admin.js";
import { textUpdate, USER } from "../helpers/api-recorder.js";
import { setup } from "./setup.js";

const ADMIN = { ...USER, id: 7, first_name: "Ada" };
const AT = new Date("2025-11-10T12:00:00.000Z");

function adminSetup(ingest: (paths: readonly string[]) => Promise<IngestReport>) {
  const reloads: string[][] = [];
  const admin = createAdminService({
    deliveryStats: async (now) => {
      expect(now).toEqual(AT);
      return {
        subscribers: 1204,
        active: 1180,
        paused: 24,
        sentToday: 1175,
        lateToday: 3,
        failedToday: 2,
        skippedToday: 5,
      };
    },
    meta: {
      get: async () => ({
        articleCount: 4,
        changeStamp: 1,
        lastIngest: { at: "2025-11-10T09:05:00.000Z", added: 4, updated: 0, failed: 0 },
      }),
    },
    ingest: {
      ingestPaths: (paths) => {
        reloads.push([...paths]);
        return ingest(paths);
      },
    },
    contentDir: "/srv/briefly/content",
    clock: () => AT,
  });
  return { ...setup({ extraFeatures: [adminFeature({ adminIds: [7], admin })] }), reloads };
}

const report = (patch: Partial<IngestReport>): IngestReport => ({ ...emptyReport(), ...patch });

describe("admin commands", () => {
  it("/stats shows subscribers, today's deliveries, articles and the last ingest to admins", async () => {
    const { bot, api } = adminSetup(async () => report({}));
    await bot.handleUpdate(textUpdate("/stats", { from: ADMIN }));
    expect(api.last()!.text).toBe(
      [
        "📊 <b>Briefly stats</b>",
        "",
        "Subscribers: 1,204 (1,180 active, 24 paused)",
        "Digests today (UTC 2025-11-10): 1,175 sent (3 late), 2 failures, 5 with nothing new",
        "Articles: 4",
        "Last ingest: 2025-11-10 09:05 UTC (4 added, 0 updated, 0 failed)",
      ].join("\n"),
    );
  });

  it("/reload re-ingests CONTENT_DIR and replies with the counts and the first failures, escaped", async () => {
    const { bot, api, reloads } = adminSetup(async () =>
      report({
        files: 3,
        added: 2,
        unchanged: 4,
        failed: 1,
        ms: 1234,
        errors: [{ file: "bad<1>.json", line: 3, message: "Unexpected token & in JSON" }],
      }),
    );
    await bot.handleUpdate(textUpdate("/reload", { from: ADMIN }));
    expect(reloads).toEqual([["/srv/briefly/content"]]);
    expect(api.texts()).toEqual([
      "🔄 Reloading the content folder…",
      "🔄 <b>Content reloaded</b> in 1.2 s\n\n3 files: 2 added, 0 updated, 4 unchanged, 0 duplicates, 1 failed.\n• bad&lt;1&gt;.json:3: Unexpected token &amp; in JSON",
    ]);
  });

  it("a second /reload while one runs is told to wait", async () => {
    let finish!: (r: IngestReport) => void;
    const { bot, api, reloads } = adminSetup(() => new Promise((resolve) => (finish = resolve)));
    const first = bot.handleUpdate(textUpdate("/reload", { from: ADMIN, chatId: 70 }));
    await new Promise((r) => setTimeout(r, 10));
    await bot.handleUpdate(textUpdate("/reload", { from: ADMIN, chatId: 71 }));
    expect(api.texts().at(-1)).toBe("A reload is already running; try again in a moment.");
    finish(report({ files: 1, unchanged: 4 }));
    await first;
    expect(reloads).toHaveLength(1);
    expect(api.texts().at(-1)).toContain("1 file: 0 added");
  });

  it("non-admins get a polite refusal that reveals no figures, and nothing is reloaded", async () => {
    const { bot, api, reloads } = adminSetup(async () => report({}));
    await bot.handleUpdate(textUpdate("/stats"));
    await bot.handleUpdate(textUpdate("/reload"));
    await bot.handleUpdate(textUpdate("/stats", { chatId: -100, chatType: "supergroup" }));
    expect(api.texts()).toEqual([ADMINS_ONLY, ADMINS_ONLY, ADMINS_ONLY]);
    expect(reloads).toEqual([]);
  });
});
