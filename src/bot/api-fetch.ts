/**
 * The HTTP client under grammY's Bot API calls. grammY asks only for `fetch(url, init)` whose
 * result has `.json()`; by default Node gets node-fetch over `http.Agent`, which costs most of a
 * reply's CPU (request and header objects, stream plumbing, garbage). undici's `request()` over a
 * keep-alive pool does the same call for a fraction of it (bench/bot.ts measures both), and a
 * bounded pool stops bursts from opening hundreds of sockets.
 */
import { Agent, request } from "undici";

/** Options for {@link createApiFetch}. */
export interface ApiFetchOptions {
  /** Most sockets per origin (default 64): more requests wait in the pool instead of opening sockets. */
  connections?: number;
}

/** What grammY passes as the second argument of fetch (JSON or a multipart stream). */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | NodeJS.ReadableStream | AsyncIterable<Uint8Array>;
  signal?: AbortSignal;
}

/**
 * A `fetch` for grammY's `client.fetch` option. It answers only what grammY reads: status and a
 * JSON body (Telegram sends JSON for errors too). Timeouts stay grammY's (its abort signal), so
 * long polls are not cut short by undici's own timers.
 */
export function createApiFetch(options: ApiFetchOptions = {}): typeof fetch {
  const dispatcher = new Agent({
    connections: options.connections ?? 64,
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const apiFetch = async (url: string | URL, init: FetchInit = {}) => {
    const res = await request(url, {
      method: (init.method ?? "GET") as "GET",
      headers: init.headers,
      body: init.body as string,
      signal: init.signal,
      dispatcher,
    });
    return {
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      json: () => res.body.json(),
      text: () => res.body.text(),
    };
  };
  return apiFetch as unknown as typeof fetch;
}
