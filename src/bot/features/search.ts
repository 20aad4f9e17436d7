/** /search WORDS, plain text in private chats, and paging through results. */
import { Composer } from "grammy";
import type { NewsReader, SearchPage } from "../../services/types.js";
import { answerWhile, onAction, STALE_BUTTON } from "../actions.js";
import type { BotContext } from "../context.js";
import { prepareQuery } from "../query.js";
import { escapeHtml } from "../render/html.js";
import { listKeyboard } from "../render/keyboards.js";
import { listHeader, PAGE_SIZE, renderListPage } from "../render/list.js";
import { clip } from "../render/text.js";
import { editHtml, replyHtml } from "../respond.js";

const HOW_TO =
  "Send some words to search for, e.g. <code>/search hostage body</code> — or just type them here.";

/** /search and the result paging buttons. */
export function searchFeature(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("search", (ctx) => runSearch(ctx, deps.reader, ctx.match));
  onAction(feature, "search", async (ctx, action) => {
    const page = await deps.reader.search(action.query, { offset: action.offset, limit: PAGE_SIZE });
    if (page.items.length === 0) {
      await ctx.answerCallbackQuery({ text: STALE_BUTTON });
      return;
    }
    await answerWhile(ctx, () =>
      editHtml(ctx, renderResults(action.query, page, false), resultKeys(action.query, page)),
    );
  });
  return feature;
}

/**
 * Plain text in a private chat is a search. Installed after other features so that a
 * feature waiting for typed input (e.g. settings) sees the text first.
 */
export function plainTextSearch(deps: { reader: NewsReader }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature
    .chatType("private")
    .on("message:text")
    .filter(
      (ctx) => !ctx.message.text.startsWith("/") && ctx.message.via_bot === undefined,
      (ctx) => runSearch(ctx, deps.reader, ctx.message.text),
    );
  return feature;
}

async function runSearch(ctx: BotContext, reader: NewsReader, raw: string): Promise<void> {
  const { query, truncated } = prepareQuery(raw);
  if (query === "") return replyHtml(ctx, HOW_TO);
  const page = await reader.search(query, { offset: 0, limit: PAGE_SIZE });
  if (page.total === 0 || page.items.length === 0) {
    await replyHtml(
      ctx,
      `Nothing found for “${escapeHtml(query)}”. Try fewer or other words, or browse /topics.`,
    );
    return;
  }
  await replyHtml(ctx, renderResults(query, page, truncated), resultKeys(query, page));
}

function renderResults(query: string, page: SearchPage, truncated: boolean): string {
  const shown = page.corrected ?? query;
  let header = listHeader("🔎", shown, page.total, ["result", "results"]);
  if (page.corrected)
    header += `\nDid you mean <b>${escapeHtml(clip(page.corrected, 60))}</b>? You typed “${escapeHtml(query)}”.`;
  if (truncated) header += "\n<i>Your message was long: I searched for its first words.</i>";
  return renderListPage(header, page.items, page.offset);
}

function resultKeys(query: string, page: SearchPage) {
  return listKeyboard(page.items, {
    offset: page.offset,
    pageSize: PAGE_SIZE,
    total: page.total,
    pageAt: (offset) => ({ kind: "search", query, offset }),
  });
}
