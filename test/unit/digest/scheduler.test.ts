import { describe, expect, it } from "vitest";
import { startDigestScheduler } from "../../../src/digest/scheduler.js";
import { silentLogger } from "../../../src/digest/types.js";

/** A cron task we fire by hand. */
function manualTask() {
  const state = { run: undefined as undefined | (() => Promise<void>), started: 0, stopped: 0, destroyed: 0 };
  const createTask = (_cron: string, run: () => Promise<void>) => {
    state.run = run;
    return {
      start: () => void state.started++,
      stop: () => void state.stopped++,
      destroy: () => void state.destroyed++,
    };
  };
  return { state, createTask };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("startDigestScheduler", () => {
  it("rejects an invalid cron expression with a hint", () => {
    expect(() =>
      startDigestScheduler({ cron: "every minute", tick: async () => {}, logger: silentLogger }),
    ).toThrow(/DIGEST_TICK "every minute" is not a cron expression/);
  });

  it("never runs two ticks at once: a tick fired while one runs is skipped", async () => {
    const { state, createTask } = manualTask();
    const gate = deferred();
    let calls = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const scheduler = startDigestScheduler({
      cron: "* * * * *",
      logger: silentLogger,
      createTask,
      tick: async () => {
        calls++;
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await gate.promise;
        concurrent--;
      },
    });
    expect(state.started).toBe(1);
    const first = state.run!();
    const second = state.run!();
    await second;
    expect(calls).toBe(1);
    gate.resolve();
    await first;
    await state.run!();
    expect(calls).toBe(2);
    expect(maxConcurrent).toBe(1);
    await scheduler.stop();
  });

  it("a failing tick is logged and the next one still runs", async () => {
    const { state, createTask } = manualTask();
    const errors: object[] = [];
    let calls = 0;
    startDigestScheduler({
      cron: "*/5 * * * * *",
      createTask,
      logger: { ...silentLogger, error: (obj) => void errors.push(obj) },
      tick: async () => {
        calls++;
        if (calls === 1) throw new Error("store unavailable");
      },
    });
    await state.run!();
    await state.run!();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it("stop aborts the running tick's signal, waits for it, and is idempotent", async () => {
    const { state, createTask } = manualTask();
    const gate = deferred();
    let aborted = false;
    let finished = false;
    let ticks = 0;
    const scheduler = startDigestScheduler({
      cron: "* * * * *",
      logger: silentLogger,
      createTask,
      tick: async (signal) => {
        ticks++;
        signal.addEventListener("abort", () => {
          aborted = true;
          gate.resolve();
        });
        await gate.promise;
        finished = true;
      },
    });
    void state.run!();
    await Promise.all([scheduler.stop(), scheduler.stop()]);
    expect([aborted, finished]).toEqual([true, true]);
    expect([state.stopped, state.destroyed]).toEqual([1, 1]);
    await state.run!(); // a late cron callback after stop does not tick
    expect(ticks).toBe(1);
  });
});
