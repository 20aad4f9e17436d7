/** Admin-only /stats and /reload, checked against ADMIN_IDS. Non-admins get a polite refusal and no figures. */
import { Composer } from "grammy";
import type { AdminService } from "../../../services/admin.js";
import type { BotContext } from "../../context.js";
import { replyHtml } from "../../respond.js";
import { ADMINS_ONLY, renderReload, renderStats } from "./render.js";

/** Dependencies of {@link adminFeature}. */
export interface AdminFeatureDeps {
  adminIds: readonly number[];
  admin: AdminService;
}

/** The /stats and /reload commands. */
export function adminFeature(deps: AdminFeatureDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admins = feature.filter((ctx) => ctx.from !== undefined && deps.adminIds.includes(ctx.from.id));
  admins.command("stats", async (ctx) => replyHtml(ctx, renderStats(await deps.admin.stats())));
  admins.command("reload", async (ctx) => {
    await replyHtml(ctx, "🔄 Reloading the content folder…");
    const result = await deps.admin.reload();
    await replyHtml(
      ctx,
      result.kind === "busy"
        ? "A reload is already running; try again in a moment."
        : renderReload(result.report),
    );
  });
  feature.command(["stats", "reload"], (ctx) => ctx.reply(ADMINS_ONLY));
  return feature;
}
