/**
 * Real bot processes for end-to-end tests: start `tsx src/main.ts` with an environment, kill it
 * (SIGKILL, the whole group), wait for conditions with the process log in the error, and a proxy
 * to the fake Bot API that can hold sends unanswered so a process is killed at a moment that
 * says something.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TSX = path.resolve("node_modules/.bin/tsx");

/** A proxy to the fake that forwards the first `limit` sendMessage calls and holds the rest unanswered. */
export async function holdingProxy(target: string, limit: number) {
  const state = { forwarded: 0, sendsInFlight: 0, held: 0 };
  const aborts = new Set<AbortController>();
  const server = http.createServer(async (req, res) => {
    const send = req.url?.endsWith("/sendMessage") ?? false;
    if (send && state.forwarded >= limit) return void state.held++;
    if (send) {
      state.forwarded++;
      state.sendsInFlight++;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const abort = new AbortController();
    aborts.add(abort);
    try {
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method ?? "POST",
        headers: { "content-type": req.headers["content-type"] ?? "application/json" },
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        signal: abort.signal,
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { "content-type": "application/json" }).end(body);
    } catch {
      res.destroy();
    } finally {
      aborts.delete(abort);
      if (send) state.sendsInFlight--;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const a of aborts) a.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Start `tsx src/main.ts` in its own process group (tsx runs the bot in a child of its own). */
export function startBot(env: Record<string, string>, log: string[]): ChildProcess {
  const child = spawn(TSX, ["src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => log.push(String(d)));
  child.stderr!.on("data", (d) => log.push(String(d)));
  return child;
}

export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

/** SIGKILL the whole group: tsx and the bot it runs. */
export async function kill(child: ChildProcess): Promise<void> {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
  await exited(child);
}

export async function waitUntil(what: string, check: () => boolean, timeoutMs: number, log: string[]) {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}; bot log tail:\n${log.join("").slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
