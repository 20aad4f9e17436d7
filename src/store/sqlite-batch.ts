/**
 * The embedded store's adapter, tuned for batches: @keyv/sqlite as is, plus a `setMany` that
 * writes a chunk of rows per statement (node-sqlite3 pays a thread-pool round trip per
 * statement, and Keyv falls back to one `set` per row without it), lookups by a map instead of
 * a scan per key, and iteration by rowid instead of OFFSET (which rescans every skipped row).
 * Also a JSON codec that reads and writes Keyv's default format, several times faster.
 */
import KeyvSqlite from "@keyv/sqlite";

/** Rows per INSERT: 2 parameters a row, far below SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 250;

type Row = { key: string; value: unknown };

/** @keyv/sqlite with batched writes and keyset iteration; same table layout, same rows. */
export class BatchingKeyvSqlite extends KeyvSqlite {
  /** Upsert every entry, a chunk per statement; a repeated key keeps its last value, as with `set`. */
  async setMany(entries: { key: string; value: unknown }[]): Promise<boolean[]> {
    for (let i = 0; i < entries.length; i += ROWS_PER_STATEMENT) {
      const chunk = entries.slice(i, i + ROWS_PER_STATEMENT);
      const params: unknown[] = [];
      for (const entry of chunk) params.push(entry.key, entry.value);
      await this.query(
        `INSERT INTO ${this.opts.table} (key, value) VALUES ${"(?, ?), ".repeat(chunk.length - 1)}(?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
        params,
      );
    }
    return entries.map(() => true);
  }

  // biome-ignore lint/suspicious/noExplicitAny: the adapter interface types stored values as any
  override async getMany<Value>(keys: string[]): Promise<any[]> {
    const rows = (await this.query(
      `SELECT key, value FROM ${this.opts.table} WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys),
    )) as Row[];
    const byKey = new Map(rows.map((row) => [row.key, row.value as Value]));
    return keys.map((key) => byKey.get(key));
  }

  /** Every row of the namespace in rowid (insertion) order, a page at a time. */
  // biome-ignore lint/suspicious/noExplicitAny: the adapter interface yields untyped entries
  override async *iterator(namespace?: string): AsyncGenerator<any, void, any> {
    const limit = Number.parseInt(String(this.opts.iterationLimit), 10) || 10;
    const pattern = `${namespace ? `${namespace}:` : ""}%`;
    let after = 0;
    for (;;) {
      const rows = (await this.query(
        `SELECT rowid AS r, key, value FROM ${this.opts.table} WHERE rowid > ? AND key LIKE ? ORDER BY rowid LIMIT ?`,
        [after, pattern, limit],
      )) as (Row & { r: number })[];
      if (rows.length === 0) return;
      for (const row of rows) yield [row.key, row.value];
      after = rows[rows.length - 1]!.r;
    }
  }
}

/**
 * A string value starting with ":" shows up in JSON as `":` right after `[`, `,` or `:` (a quote
 * inside a string is always escaped). Only such values need Keyv's escaping, so everything else
 * goes through the native JSON functions; the rare rest falls back to Keyv's own codec.
 */
const COLON_STRING = /[[,:]":/;

/**
 * Keyv's default serialisation of plain JSON values (no Buffers), same text: JSON where a string
 * value starting with ":" gets one more ":".
 */
export function serializeJson(data: unknown): string {
  const text = JSON.stringify(data);
  return COLON_STRING.test(text) ? JSON.stringify(data, escapeValue) : text;
}

/** Keyv's default deserialisation, same values: the inverse of {@link serializeJson}. */
export function deserializeJson<T>(text: string): T {
  return (COLON_STRING.test(text) ? JSON.parse(text, unescapeValue) : JSON.parse(text)) as T;
}

function escapeValue(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.startsWith(":") ? `:${value}` : value;
}

function unescapeValue(_key: string, value: unknown): unknown {
  if (typeof value !== "string" || !value.startsWith(":")) return value;
  return value.startsWith(":base64:") ? Buffer.from(value.slice(8), "base64") : value.slice(1);
}
