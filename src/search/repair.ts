/**
 * Repair of a query that matched nothing: each word the index lacks is completed as a prefix
 * ("netan" → netanyahu) or corrected as a typo ("gazza" → gaza), or dropped when nothing is close.
 * Everything the repair needs about every word of the query (does it match a document, its
 * completions, its typo candidates) comes from one statement, and words seen before come from
 * the {@link RepairCache} without any.
 */
import type { Db } from "./db.js";
import { type Clause, type MatchGroup, matchExpression } from "./query.js";
import { RECENT_FLOOR_SQL } from "./recent.js";
import type { RepairCache, WordRepair } from "./repair-cache.js";
import { type Candidate, deleteKeys, maxTypoDistance, pickCorrection } from "./typo.js";

/** Completions tried for a word the index lacks. */
const MAX_COMPLETIONS = 5;
/** Shortest word completed as a prefix. */
const MIN_PREFIX_LENGTH = 3;

type WordClause = Extract<Clause, { kind: "word" }>;

/** The repaired query. */
export interface Repaired {
  groups: MatchGroup[];
  /** Typed word (folded) → its correction, or "" when it was dropped. */
  corrections: Map<string, string>;
  /** Some word was replaced or dropped. */
  changed: boolean;
}

/** A group of one clause as typed. */
export function asGroup(clause: Clause): MatchGroup {
  return clause.kind === "word" ? { kind: "any", words: [clause.word] } : clause;
}

/**
 * Per input word ([word, key, presence probe or null, JSON delete keys]): a presence row ('e',
 * df = 1 when some document matches the probe: the shard is asked first, as the ranked
 * statements read it and its pages are the ones in memory), then, only for absent words, up to
 * MAX_COMPLETIONS prefix completions ('p') by document frequency and the vocabulary words sharing
 * a symmetric-delete key ('t'). `i` is the word's position in the input.
 */
const DIAGNOSE_SQL = `WITH q AS MATERIALIZED (
    SELECT key AS i, value->>1 AS key, value->>3 AS dels,
      CASE WHEN value->>2 IS NULL THEN 0
        ELSE EXISTS (SELECT 1 FROM fts_recent WHERE fts_recent MATCH value->>2)
          OR (${RECENT_FLOOR_SQL} > 0 AND EXISTS (SELECT 1 FROM fts WHERE fts MATCH value->>2)) END AS present
    FROM json_each(?1)
  )
  SELECT i, 'e' AS kind, NULL AS term, present AS df FROM q
  UNION ALL
  SELECT i, 'p', term, df FROM (
    SELECT q.i AS i, v.term AS term, v.df AS df,
      row_number() OVER (PARTITION BY q.i ORDER BY v.df DESC, v.term) AS k
    FROM q JOIN vocab AS v ON v.term > q.key AND v.term < q.key || char(1114111)
    WHERE NOT q.present AND length(q.key) >= ${MIN_PREFIX_LENGTH}
  ) WHERE k <= ${MAX_COMPLETIONS}
  UNION ALL
  SELECT DISTINCT q.i, 't', v.term, v.df
  FROM q JOIN json_each(q.dels) AS d JOIN vocab_deletes AS x ON x.del = d.value JOIN vocab AS v ON v.term = x.term
  WHERE NOT q.present`;

interface DiagnosisRow {
  i: number;
  kind: "e" | "p" | "t";
  term: string | null;
  df: number;
}

/**
 * What the index knows about each word. `knownAbsent`: the words known to match no document
 * without asking (a lone word whose unfiltered exact query found nothing).
 */
async function diagnose(db: Db, words: readonly WordClause[], knownAbsent: boolean): Promise<WordRepair[]> {
  const input = words.map((w) => {
    const depth = maxTypoDistance(w.key.length);
    const probe = knownAbsent ? null : matchExpression([asGroup(w)], "AND");
    return [w.word, w.key, probe, JSON.stringify(depth > 0 ? [...deleteKeys(w.key, depth)] : [])];
  });
  const rows = await db.query<DiagnosisRow>(DIAGNOSE_SQL, [JSON.stringify(input)]);
  const found = words.map(() => ({
    present: false,
    completions: [] as string[],
    candidates: [] as Candidate[],
  }));
  for (const row of rows) {
    const word = found[row.i];
    if (word === undefined) continue;
    if (row.kind === "e") word.present = row.df === 1;
    else if (row.kind === "p" && row.term !== null) word.completions.push(row.term);
    else if (row.term !== null) word.candidates.push({ term: row.term, df: row.df });
  }
  return found.map((f, i) => ({
    present: f.present,
    completions: f.completions,
    // Completions win, so the correction is only picked without them.
    correction: f.completions.length > 0 ? undefined : pickCorrection(words[i]!.key, f.candidates),
  }));
}

/** Prepares the lookup statement, so that the first misspelt query does not compile it. */
export function prepareRepair(db: Db): Promise<void> {
  return db.prepare(DIAGNOSE_SQL);
}

/** What the cache knows about each word clause, or undefined for words it has not seen. */
export function cachedRepairs(clauses: readonly Clause[], cache: RepairCache | undefined) {
  return clauses.map((c) => (c.kind === "word" ? cache?.get(c.word) : undefined));
}

/**
 * Replaces the words the index lacks by completions or a correction, or drops them.
 * `unfiltered`: the failed query had no topic filter, so a lone word that matched nothing is
 * known to be missing from the whole index and need not be looked up.
 */
export async function repair(
  db: Db,
  clauses: readonly Clause[],
  unfiltered: boolean,
  cache: RepairCache | undefined,
): Promise<Repaired> {
  const generation = cache?.generation ?? 0;
  const known = cachedRepairs(clauses, cache);
  const unknown = clauses.filter((c, i): c is WordClause => c.kind === "word" && known[i] === undefined);
  if (unknown.length > 0) {
    const lone = unfiltered && clauses.length === 1;
    const fresh = await diagnose(db, unknown, lone);
    unknown.forEach((clause, i) => {
      const entry = fresh[i]!;
      cache?.set(clause.word, entry, generation);
      known[clauses.indexOf(clause)] = entry;
    });
  }
  const result: Repaired = { groups: [], corrections: new Map(), changed: false };
  clauses.forEach((clause, i) => {
    const entry = known[i];
    if (clause.kind === "phrase" || entry === undefined || entry.present) {
      result.groups.push(asGroup(clause));
      return;
    }
    result.changed = true;
    if (entry.completions.length > 0) {
      result.groups.push({ kind: "any", words: entry.completions });
    } else if (entry.correction !== undefined) {
      result.groups.push({ kind: "any", words: [entry.correction] });
      result.corrections.set(clause.key, entry.correction);
    } else {
      // Nothing close: search without the word, and say so through `corrected`.
      result.corrections.set(clause.key, "");
    }
  });
  return result;
}
