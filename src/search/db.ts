/**
 * A minimal promise layer over node-sqlite3 (the driver @keyv/sqlite already uses), plus a
 * FIFO lock so that a multi-statement write (BEGIN … COMMIT) is never interleaved with another
 * one on the same connection.
 */
import sqlite3 from "sqlite3";

/** Values SQLite binds and returns. */
export type SqlValue = string | number | bigint | null | Buffer;

/** One connection, promisified. */
export interface Db {
  /** Runs a statement; resolves with the number of changed rows. */
  run(sql: string, params?: SqlValue[]): Promise<number>;
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /**
   * Like {@link Db.all}, through a prepared statement kept until {@link Db.close}: the query path
   * skips parsing and planning and allocates less per call. Only for a small, fixed set of
   * statement texts (one statement is kept per distinct text). Every call steps its statement to
   * the end, so no read transaction outlives the call.
   */
  query<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** Prepares a statement for {@link Db.query} ahead of its first call. */
  prepare(sql: string): Promise<void>;
  get<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Runs several `;`-separated statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Finalizes the kept statements and closes the connection. */
  close(): Promise<void>;
}

/** Opens a connection; `readonly` connections cannot create the file. */
export function openDb(path: string, options: { readonly?: boolean } = {}): Promise<Db> {
  const mode = options.readonly ? sqlite3.OPEN_READONLY : sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE;
  return new Promise((resolve, reject) => {
    const raw: sqlite3.Database = new sqlite3.Database(path, mode, (err) => {
      if (err) reject(new Error(`Cannot open search index at ${path}: ${err.message}`));
      else resolve(wrap(raw));
    });
  });
}

/** Statements prepared once per text; a statement that failed to prepare is not kept. */
function statementCache(raw: sqlite3.Database) {
  const statements = new Map<string, Promise<sqlite3.Statement>>();
  const prepare = (sql: string): Promise<sqlite3.Statement> => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = new Promise((resolve, reject) => {
        const prepared: sqlite3.Statement = raw.prepare(sql, (err) =>
          err ? reject(err) : resolve(prepared),
        );
      });
      statements.set(sql, statement);
      statement.catch(() => statements.delete(sql));
    }
    return statement;
  };
  const finalizeAll = async (): Promise<void> => {
    const pending = [...statements.values()];
    statements.clear();
    for (const statement of await Promise.allSettled(pending)) {
      if (statement.status === "fulfilled")
        await new Promise<void>((resolve) => statement.value.finalize(() => resolve()));
    }
  };
  return { prepare, finalizeAll };
}

function wrap(raw: sqlite3.Database): Db {
  const cache = statementCache(raw);
  return {
    run: (sql, params = []) =>
      new Promise((resolve, reject) => {
        raw.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve(this.changes);
        });
      }),
    all: <T>(sql: string, params: SqlValue[] = []) =>
      new Promise<T[]>((resolve, reject) => {
        raw.all<T>(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)));
      }),
    query: async <T>(sql: string, params: SqlValue[] = []) => {
      const statement = await cache.prepare(sql);
      return new Promise<T[]>((resolve, reject) => {
        statement.all<T>(params, (err, rows) => (err ? reject(err) : resolve(rows)));
      });
    },
    prepare: async (sql) => {
      await cache.prepare(sql);
    },
    get: <T>(sql: string, params: SqlValue[] = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        raw.get<T>(sql, params, (err, row) => (err ? reject(err) : resolve(row)));
      }),
    exec: (sql) =>
      new Promise((resolve, reject) => {
        raw.exec(sql, (err) => (err ? reject(err) : resolve()));
      }),
    close: async () => {
      await cache.finalizeAll();
      await new Promise<void>((resolve, reject) => {
        raw.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}

/** A FIFO mutex: `lock.run(fn)` runs fn after every earlier caller finished. */
export interface Lock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

/** Creates a {@link Lock}. A failing task does not poison the queue. */
export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const next = tail.then(fn, fn);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}

/** Runs fn inside BEGIN IMMEDIATE … COMMIT, rolling back when it throws. */
export async function inTransaction<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.exec("BEGIN IMMEDIATE");
  try {
    const result = await fn();
    await db.exec("COMMIT");
    return result;
  } catch (err) {
    await db.exec("ROLLBACK").catch(() => undefined);
    throw err;
  }
}
