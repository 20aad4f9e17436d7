/** Reading Bot API requests (JSON, form and query parameters) and marking commands like Telegram. */
import type http from "node:http";

/** The parameters of a Bot API request: query string, then form or JSON body. */
export async function readPayload(req: http.IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const body = await readBody(req);
  const form = { ...Object.fromEntries(url.searchParams), ...(body.form ?? {}) };
  return { ...coerce(form), ...(body.json ?? {}) };
}

/** bot_command entities for every `/command` at a word start, as Telegram marks them. */
export function commandEntities(text: string): { type: "bot_command"; offset: number; length: number }[] {
  return [...text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?)(?=$|[\s.,!?])/g)].map((m) => ({
    type: "bot_command" as const,
    offset: m.index + m[1]!.length,
    length: m[2]!.length,
  }));
}

async function readBody(
  req: http.IncomingMessage,
): Promise<{ json?: Record<string, unknown>; form?: Record<string, string> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return { json: JSON.parse(raw) as Record<string, unknown> };
  if (type.includes("application/x-www-form-urlencoded"))
    return { form: Object.fromEntries(new URLSearchParams(raw)) };
  throw new Error(`unsupported content type ${type}`);
}

/** Form and query values arrive as strings: numbers and JSON objects are read back like Telegram does. */
function coerce(payload: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const textual = new Set([
    "text",
    "next_offset",
    "callback_query_id",
    "inline_query_id",
    "secret_token",
    "url",
  ]);
  for (const [k, v] of Object.entries(payload)) {
    if (textual.has(k)) out[k] = v;
    else if (/^-?\d+$/.test(v)) out[k] = Number(v);
    else if (/^[[{]/.test(v) && k !== "text") out[k] = safeJson(v);
    else if (v === "true" || v === "false") out[k] = v === "true";
    else out[k] = v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
