/** /latest and the Latest button: the newest articles, paged in place. */
import { Composer } from "grammy";
import type { Article } from "../../domain/article.js";
import type { NewsReader, Page } from "../../services/types.js";
import { answerWhile, onAction, STALE_BUTTON } from "../actions.js";
import type { BotContext } from "../context.js";
import { listKeyboard } from "../render/keyboards.js";
import { listHeader, PAGE_SIZE, renderListPage } from "../render/list.js";
import { editHtml, replyHtml } from "../respond.js";

/** /latest and the "latest" buttons (open a new message, or page the pressed one). */
export function latestFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("latest", async (ctx) => {
    const page = await deps.reader.latest({ offset: 0, limit: PAGE_SIZE });
    if (page.items.length === 0) return replyHtml(ctx, "No articles yet — they are still being loaded.");
    await replyHtml(ctx, render(page), keys(page));
  });
  onAction(feature, "latest", async (ctx, action) => {
    const page = await deps.reader.latest({ offset: action.offset, limit: PAGE_SIZE });
    if (page.items.length === 0) {
      await ctx.answerCallbackQuery({ text: action.offset === 0 ? "No articles yet." : STALE_BUTTON });
      return;
    }
    const show = action.edit ? editHtml : replyHtml;
    await answerWhile(ctx, () => show(ctx, render(page), keys(page)));
  });
  return feature;
}

function render(page: Page<Article>): string {
  return renderListPage(
    listHeader("🆕", "Latest", page.total, ["article", "articles"]),
    page.items,
    page.offset,
  );
}

function keys(page: Page<Article>) {
  return listKeyboard(page.items, {
    offset: page.offset,
    pageSize: PAGE_SIZE,
    total: page.total,
    pageAt: (offset) => ({ kind: "latest", offset, edit: true }),
  });
}
