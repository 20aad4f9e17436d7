/**
 * Turning what a user typed into a search query. The query rides in the paging buttons'
 * callback data, so it is cut (at a word) to what fits there; replies say when it was.
 */
import { byteLength, CALLBACK_DATA_LIMIT, CALLBACK_VERSION, MAX_OFFSET } from "./callback-data.js";
import { cleanUserText } from "./render/html.js";

/** UTF-8 bytes a query may have so that `1:s:<offset>:<query>` fits in 64 bytes at any offset. */
export const MAX_QUERY_BYTES = CALLBACK_DATA_LIMIT - byteLength(`${CALLBACK_VERSION}:s:${MAX_OFFSET}:`);

/** A cleaned query and whether words were dropped to make it fit. Empty when nothing searchable was typed. */
export function prepareQuery(raw: string): { query: string; truncated: boolean } {
  const cleaned = cleanUserText(raw).replace(/\s+/g, " ");
  if (byteLength(cleaned) <= MAX_QUERY_BYTES) return { query: cleaned, truncated: false };
  let query = "";
  for (const word of cleaned.split(" ")) {
    const next = query ? `${query} ${word}` : word;
    if (byteLength(next) > MAX_QUERY_BYTES) break;
    query = next;
  }
  if (query === "") {
    // One giant word: keep whole code points up to the byte budget.
    for (const ch of cleaned) {
      if (byteLength(query + ch) > MAX_QUERY_BYTES) break;
      query += ch;
    }
  }
  return { query, truncated: true };
}
