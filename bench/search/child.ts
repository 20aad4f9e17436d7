/** Spawning bench children: each measurement runs in its own process, so peak RSS is per engine. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Task } from "./tasks.js";

/** The entry file that runs a task when given `--child TASK_JSON` (bench/search.ts). */
const ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "search.ts");

/** Runs a child task; resolves with its JSON lines and when the first one arrived (ms after spawn). */
export function child(task: Task): Promise<{ lines: Record<string, unknown>[]; firstMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, ENTRY, "--child", JSON.stringify(task)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: Record<string, unknown>[] = [];
    let firstMs = Number.NaN;
    let buffer = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        if (lines.length === 0) firstMs = performance.now() - t0;
        lines.push(JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>);
        buffer = buffer.slice(nl + 1);
      }
    });
    proc.on("error", reject);
    proc.on("close", (code) =>
      code === 0
        ? resolve({ lines, firstMs })
        : reject(new Error(`bench child ${task.task} exited with ${code}`)),
    );
  });
}
