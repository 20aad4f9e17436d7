import path from "node:path";
import KeyvSqlite from "@keyv/sqlite";
import Keyv from "keyv";
import { afterEach, describe, expect, it } from "vitest";
import type { Subscription } from "../../../src/domain/subscription.js";
import {
  createCachedSubscriptionRepo,
  createSubscriptionRepo,
  type SubscriptionRepo,
} from "../../../src/store/subscription-repo.js";
import { tmpDir } from "../../helpers/tmp.js";
import { makeSub } from "../digest/fixtures.js";

interface Backend {
  name: string;
  cached?: boolean;
  open(): Promise<{ kv: Keyv; close(): Promise<void> }>;
}

const memory = async () => ({ kv: new Keyv({ namespace: "subscriptions" }), close: async () => {} });

const sqlite = async () => {
  const tmp = tmpDir("briefly-subs-");
  const adapter = new KeyvSqlite({
    uri: `sqlite://${path.join(tmp.dir, "s.sqlite")}`,
    table: "subscriptions",
  });
  return {
    kv: new Keyv({ store: adapter, namespace: "subscriptions" }),
    close: async () => {
      await adapter.disconnect();
      tmp.cleanup();
    },
  };
};

const backends: Backend[] = [
  { name: "memory", open: memory },
  { name: "sqlite", open: sqlite },
  { name: "cached over sqlite", cached: true, open: sqlite },
];

async function collect(repo: SubscriptionRepo): Promise<Subscription[]> {
  const out: Subscription[] = [];
  for await (const s of repo.all()) out.push(s);
  return out.sort((a, b) => a.chatId - b.chatId);
}

describe.each(backends)("SubscriptionRepo contract ($name)", (backend) => {
  let close: () => Promise<void> = async () => {};
  afterEach(() => close());

  const open = async () => {
    const opened = await backend.open();
    close = opened.close;
    const repo = createSubscriptionRepo(opened.kv);
    return backend.cached ? createCachedSubscriptionRepo(repo) : repo;
  };

  it("puts, gets, replaces and deletes by chat id (negative group ids too)", async () => {
    const repo = await open();
    expect(await repo.get(1)).toBeUndefined();
    await repo.put(makeSub({ chatId: 1, time: "07:30" }));
    await repo.put(makeSub({ chatId: -1001234567890, topics: ["gaza"] }));
    expect(await repo.get(1)).toMatchObject({ chatId: 1, time: "07:30" });
    expect(await repo.get(-1001234567890)).toMatchObject({ topics: ["gaza"] });
    await repo.put(makeSub({ chatId: 1, time: "09:00" }));
    expect((await repo.get(1))?.time).toBe("09:00");
    await repo.delete(1);
    expect(await repo.get(1)).toBeUndefined();
    expect((await collect(repo)).map((s) => s.chatId)).toEqual([-1001234567890]);
  });

  it("lists everything and counts active and paused", async () => {
    const repo = await open();
    await repo.put(makeSub({ chatId: 1 }));
    await repo.put(makeSub({ chatId: 2, frequency: "paused" }));
    await repo.put(
      makeSub({ chatId: 3, active: false, pausedReason: "403: Forbidden: bot was blocked by the user" }),
    );
    await repo.put(makeSub({ chatId: 4, frequency: "weekly" }));
    expect((await collect(repo)).map((s) => s.chatId)).toEqual([1, 2, 3, 4]);
    expect(await repo.count()).toEqual({ total: 4, active: 2, paused: 2 });
  });

  it("rekeys a migrated group; an existing target wins; a missing source is a no-op", async () => {
    const repo = await open();
    await repo.put(makeSub({ chatId: -100, topics: ["syria"] }));
    await repo.rekey(-100, -1001);
    expect(await repo.get(-100)).toBeUndefined();
    expect(await repo.get(-1001)).toMatchObject({ chatId: -1001, topics: ["syria"] });

    await repo.put(makeSub({ chatId: -200, topics: ["old"] }));
    await repo.put(makeSub({ chatId: -2001, topics: ["new"] }));
    await repo.rekey(-200, -2001);
    expect(await repo.get(-200)).toBeUndefined();
    expect((await repo.get(-2001))?.topics).toEqual(["new"]);

    await repo.rekey(-300, -3001);
    expect(await repo.count()).toEqual({ total: 2, active: 2, paused: 0 });
  });
});

describe("cached subscription repo", () => {
  it("lists from memory after the first load and writes through to the store", async () => {
    const kv = new Keyv({ namespace: "subscriptions" });
    const inner = createSubscriptionRepo(kv);
    await inner.put(makeSub({ chatId: 1 }));
    let listings = 0;
    const counting: SubscriptionRepo = {
      ...inner,
      all() {
        listings++;
        return inner.all();
      },
    };
    const cached = createCachedSubscriptionRepo(counting);
    await cached.put(makeSub({ chatId: 2 }));
    expect((await collect(cached)).map((s) => s.chatId)).toEqual([1, 2]);
    expect((await collect(cached)).map((s) => s.chatId)).toEqual([1, 2]);
    expect(listings).toBe(1);
    expect((await inner.get(2))?.chatId).toBe(2);
    // A write behind its back is seen after reload().
    await inner.put(makeSub({ chatId: 3 }));
    expect(await cached.get(3)).toBeUndefined();
    await cached.reload();
    expect(await cached.get(3)).toMatchObject({ chatId: 3 });
  });
});
