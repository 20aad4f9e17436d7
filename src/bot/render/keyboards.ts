/**
 * Inline keyboards. Pure data builders; every callback button goes through the codec, and
 * a button whose data would not fit in 64 bytes is left out rather than sent broken.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Article } from "../../domain/article.js";
import type { TopicSummary } from "../../domain/topic.js";
import { type CallbackAction, tryEncodeCallback } from "../callback-data.js";
import { isWebUrl } from "./html.js";
import { clip, squash } from "./text.js";

/** A callback button, or undefined when the action cannot be encoded. */
export function button(text: string, action: CallbackAction): InlineKeyboardButton | undefined {
  const data = tryEncodeCallback(action);
  return data === undefined ? undefined : { text, callback_data: data };
}

/** Build a keyboard from rows, dropping missing buttons and empty rows. */
export function keyboard(rows: (InlineKeyboardButton | undefined)[][]): InlineKeyboardMarkup {
  return {
    inline_keyboard: rows
      .map((row) => row.filter((b): b is InlineKeyboardButton => b !== undefined))
      .filter((row) => row.length > 0),
  };
}

/** The welcome menu: Latest, Topics, Subscribe (the last is routed to the "sub" extension namespace). */
export function startKeyboard(): InlineKeyboardMarkup {
  return keyboard([
    [button("🆕 Latest", { kind: "latest", offset: 0, edit: false }), button("🗂 Topics", { kind: "topics" })],
    [button("🔔 Subscribe", { kind: "ext", ns: "sub", payload: "start" })],
  ]);
}

/** Topic buttons, two a row: "Gaza · 3". They open the topic in a new message. */
export function topicKeyboard(topics: readonly TopicSummary[]): InlineKeyboardMarkup {
  const buttons = topics.map((t) =>
    button(`${clip(squash(t.name), 28)}${t.count > 0 ? ` · ${t.count}` : ""}`, {
      kind: "topic",
      topic: t.id,
      offset: 0,
      edit: false,
    }),
  );
  const rows: (InlineKeyboardButton | undefined)[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return keyboard(rows);
}

/** Paging state of a list message. */
export interface ListPaging {
  offset: number;
  pageSize: number;
  total: number;
  /** The action that shows the list from another offset (it edits the message). */
  pageAt: (offset: number) => CallbackAction;
}

/** Numbered buttons opening each listed article's card, then « Previous · i/n · Next ». */
export function listKeyboard(
  articles: readonly Pick<Article, "id">[],
  paging: ListPaging,
): InlineKeyboardMarkup {
  const numbers = articles.map((a, i) =>
    button(String(paging.offset + i + 1), { kind: "article", id: a.id }),
  );
  return keyboard([numbers, navRow(paging)]);
}

/** « Previous · page i/n · Next » (only the buttons that lead somewhere). */
export function navRow(paging: ListPaging): (InlineKeyboardButton | undefined)[] {
  const { offset, pageSize, total } = paging;
  if (total <= pageSize) return [];
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.ceil(total / pageSize);
  return [
    offset > 0 ? button("« Previous", paging.pageAt(Math.max(0, offset - pageSize))) : undefined,
    button(`${page}/${pages}`, { kind: "noop" }),
    offset + pageSize < total ? button("Next »", paging.pageAt(offset + pageSize)) : undefined,
  ];
}

/** Under an article card: the full text, and the source when it has a web address. */
export function cardKeyboard(article: Pick<Article, "id" | "url">): InlineKeyboardMarkup {
  const source: InlineKeyboardButton | undefined =
    article.url && isWebUrl(article.url) ? { text: "🔗 Source", url: article.url } : undefined;
  return keyboard([[button("📖 Full text", { kind: "fulltext", id: article.id, page: 0 }), source]]);
}

/** Under a full-text page: previous/next page and back to the card. */
export function fullTextKeyboard(id: string, page: number, pages: number): InlineKeyboardMarkup {
  return keyboard([
    [
      page > 0 ? button("« Previous", { kind: "fulltext", id, page: page - 1 }) : undefined,
      pages > 1 ? button(`${page + 1}/${pages}`, { kind: "noop" }) : undefined,
      page + 1 < pages ? button("Next »", { kind: "fulltext", id, page: page + 1 }) : undefined,
    ],
    [button("⬅ Back to summary", { kind: "card", id })],
  ]);
}
