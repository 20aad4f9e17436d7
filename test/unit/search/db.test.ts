import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../src/search/db.js";
import { tmpDir } from "../../helpers/tmp.js";

describe("Db.query (statements kept prepared)", () => {
  let tmp: ReturnType<typeof tmpDir>;
  let writer: Db;
  let reader: Db;
  beforeAll(async () => {
    tmp = tmpDir("briefly-db-");
    const file = path.join(tmp.dir, "db.sqlite");
    writer = await openDb(file);
    await writer.exec("PRAGMA journal_mode = WAL; CREATE TABLE t(x INTEGER);");
    reader = await openDb(file, { readonly: true });
  });
  afterAll(async () => {
    await reader.close();
    await writer.close();
    tmp.cleanup();
  });

  it("answers from the latest commit on every call: no read transaction outlives a call", async () => {
    const count = async () =>
      (await reader.query<{ n: number }>("SELECT count(*) AS n FROM t WHERE x > ?", [0]))[0]?.n;
    expect(await count()).toBe(0);
    await writer.run("INSERT INTO t(x) VALUES (1), (2)");
    expect(await count()).toBe(2);
    // A checkpoint can only truncate the WAL when no reader holds a snapshot.
    const [checkpoint] = await writer.all<{ busy: number }>("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(checkpoint?.busy).toBe(0);
    await writer.run("DELETE FROM t WHERE x = 1");
    expect(await count()).toBe(1);
  });

  it("binds fresh parameters on each call of the same text", async () => {
    await writer.run("INSERT INTO t(x) VALUES (10), (20)");
    const above = (min: number) =>
      reader.query<{ x: number }>("SELECT x FROM t WHERE x > ? ORDER BY x", [min]);
    expect((await above(5)).map((r) => r.x)).toEqual([10, 20]);
    expect((await above(15)).map((r) => r.x)).toEqual([20]);
    expect(await Promise.all([above(0), above(19)])).toEqual([[{ x: 2 }, { x: 10 }, { x: 20 }], [{ x: 20 }]]);
  });

  it("rejects a statement that cannot be prepared, every time, and keeps working", async () => {
    await expect(reader.query("SELECT nope FROM t")).rejects.toThrow(/no such column/);
    await expect(reader.query("SELECT nope FROM t")).rejects.toThrow(/no such column/);
    expect(await reader.query("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("closes with statements still kept", async () => {
    const db = await openDb(":memory:");
    await db.query("SELECT 1 AS one");
    await db.query("SELECT ? AS two", [2]);
    await expect(db.close()).resolves.toBeUndefined();
  });
});
