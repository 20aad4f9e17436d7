import http from "node:http";
import type { AddressInfo } from "node:net";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiFetch } from "../../../src/bot/api-fetch.js";

/** A tiny Bot API stand-in: echoes the method and body, answers 400 for `fail`, HTML for `broken`, hangs for `hang`. */
let server: http.Server;
let apiRoot: string;
const seen: { method: string; contentType: string | undefined; body: string; port: number | undefined }[] =
  [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString("utf8");
    });
    req.on("end", () => {
      const method = req.url?.split("/").pop() ?? "";
      seen.push({ method, contentType: req.headers["content-type"], body, port: req.socket.remotePort });
      if (method === "hang") return;
      if (method === "broken") {
        res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
        return;
      }
      const reply =
        method === "fail"
          ? { ok: false, error_code: 400, description: "Bad Request: chat not found" }
          : { ok: true, result: { method, got: body ? JSON.parse(body) : null } };
      res.writeHead(method === "fail" ? 400 : 200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createApiFetch under grammY's Api", () => {
  it("posts JSON and returns the result, keeping non-ASCII text intact", async () => {
    const api = new Api("123:abc", { apiRoot, fetch: createApiFetch() });
    const result = (await api.raw.sendMessage({ chat_id: 7, text: "Türkiye — «غزة» 👋" })) as unknown as {
      method: string;
      got: { chat_id: number; text: string };
    };
    expect(result.method).toBe("sendMessage");
    expect(result.got).toEqual({ chat_id: 7, text: "Türkiye — «غزة» 👋" });
    expect(seen.at(-1)?.contentType).toBe("application/json");
  });

  it("turns Telegram's JSON error replies into GrammyError with the code and description", async () => {
    const api = new Api("123:abc", { apiRoot, fetch: createApiFetch() });
    const call = (api as unknown as { raw: Record<string, (p: object) => Promise<unknown>> }).raw.fail!;
    await expect(call({ chat_id: 1 })).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
  });

  it("rejects with an HttpError when the body is not JSON (a proxy's error page)", async () => {
    const api = new Api("123:abc", { apiRoot, fetch: createApiFetch() });
    const call = (api as unknown as { raw: Record<string, (p: object) => Promise<unknown>> }).raw.broken!;
    await expect(call({})).rejects.toMatchObject({ name: "HttpError" });
  });

  it("gives up when grammY's timeout aborts the call", async () => {
    const api = new Api("123:abc", { apiRoot, fetch: createApiFetch(), timeoutSeconds: 0.2 });
    const call = (api as unknown as { raw: Record<string, (p: object) => Promise<unknown>> }).raw.hang!;
    const err = (await call({}).catch((e: unknown) => e)) as { name: string; error?: Error };
    expect(err.name).toBe("HttpError");
    expect(err.error?.message).toMatch(/timed out after 0.2 seconds/);
  });

  it("reuses a bounded set of keep-alive connections for many concurrent calls", async () => {
    const api = new Api("123:abc", { apiRoot, fetch: createApiFetch({ connections: 4 }) });
    const from = seen.length;
    const calls = Array.from({ length: 40 }, (_, i) => api.raw.sendMessage({ chat_id: i, text: `n${i}` }));
    const results = (await Promise.all(calls)) as unknown as { got: { chat_id: number } }[];
    expect(results.map((r) => r.got.chat_id)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const ports = new Set(seen.slice(from).map((s) => s.port));
    expect(ports.size).toBeGreaterThan(0);
    expect(ports.size).toBeLessThanOrEqual(4);
  });
});
