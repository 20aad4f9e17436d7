/**
 * Candidate lookup for topic suggestions. Scoring every topic name against a mistyped query is
 * an edit distance per name (tens of milliseconds at 10,000+ topics, on the event loop), so the
 * directory asks this index first for the few names that can possibly score: the ones within the
 * edit budget, the ones sharing enough words, the ones the query is a prefix of. The filters are
 * exact supersets of the directory's scoring rules, so suggestions do not change, only their cost.
 */

/** Where a key can be reached from: its padded bigrams, its words and its first three letters. */
export interface SuggestIndex<T> {
  /** Registers `owner` under the folded key `key` (idempotent per key and owner). */
  add(key: string, owner: T): void;
  /**
   * Owners of every key that may score for the folded query `q`: edit distance within
   * `editBudget`, at least half of the words shared, or `q` (3+ letters) a prefix of the key.
   * A superset: the caller still scores each candidate exactly.
   */
  candidates(q: string): Set<T>;
  /** Distinct keys registered. */
  readonly size: number;
}

/** The edit distance a key of length `a` may be from a query of length `b` and still count as close. */
export function editBudget(a: number, b: number): number {
  return Math.max(1, Math.floor(Math.max(a, b) / 3));
}

/** Creates an empty index. Postings are flat number arrays: [key, count, key, count, …]. */
export function createSuggestIndex<T>(): SuggestIndex<T> {
  const keys: string[] = [];
  const owners: T[][] = [];
  const wordCounts: number[] = [];
  const ids = new Map<string, number>();
  const grams = new Map<string, number[]>();
  const words = new Map<string, number[]>();
  const prefixes = new Map<string, number[]>();
  const singles: number[] = [];
  let common = new Int32Array(0);

  const post = (map: Map<string, number[]>, term: string, ...values: number[]): void => {
    const list = map.get(term);
    if (list) list.push(...values);
    else map.set(term, values);
  };

  const addKey = (key: string): number => {
    const id = keys.length;
    keys.push(key);
    owners.push([]);
    ids.set(key, id);
    for (const [g, n] of bigrams(key)) post(grams, g, id, n);
    const list = key.split(" ");
    wordCounts.push(list.length);
    for (const [w, n] of tally(list)) post(words, w, id, n);
    if (key.length >= 3) post(prefixes, key.slice(0, 3), id);
    if (key.length === 1) singles.push(id);
    return id;
  };

  /** Keys whose bigram overlap allows an edit distance within budget (the q-gram lemma). */
  const close = (q: string, take: (id: number) => void): void => {
    if (common.length < keys.length) common = new Int32Array(Math.max(keys.length, common.length * 2));
    const touched: number[] = [];
    for (const [g, nq] of bigrams(q)) {
      const list = grams.get(g);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const id = list[i] as number;
        if (common[id] === 0) touched.push(id);
        common[id] = (common[id] as number) + Math.min(nq, list[i + 1] as number);
      }
    }
    for (const id of touched) {
      const shared = common[id] as number;
      common[id] = 0;
      const len = (keys[id] as string).length;
      const budget = editBudget(len, q.length);
      // Padded, a string of length n has n + 1 bigrams and one edit spoils at most two of them.
      if (Math.abs(len - q.length) <= budget && shared >= Math.max(len, q.length) + 1 - 2 * budget) take(id);
    }
    // Two one-letter strings share no bigram yet are one edit apart.
    if (q.length === 1) for (const id of singles) take(id);
  };

  /** Keys sharing at least half of their words (or of the query's) with the query. */
  const sharing = (q: string, take: (id: number) => void): void => {
    const qWords = new Set(q.split(" "));
    const hits = new Map<number, number>();
    for (const w of qWords) {
      const list = words.get(w);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const id = list[i] as number;
        hits.set(id, (hits.get(id) ?? 0) + (list[i + 1] as number));
      }
    }
    for (const [id, n] of hits) if (n / Math.max(wordCounts[id] as number, qWords.size) >= 0.5) take(id);
  };

  return {
    add(key, owner) {
      if (key === "") return;
      const id = ids.get(key) ?? addKey(key);
      const list = owners[id] as T[];
      if (!list.includes(owner)) list.push(owner);
    },
    candidates(q) {
      const out = new Set<T>();
      if (q === "") return out;
      const take = (id: number) => {
        for (const o of owners[id] as T[]) out.add(o);
      };
      close(q, take);
      sharing(q, take);
      if (q.length >= 3)
        for (const id of prefixes.get(q.slice(0, 3)) ?? []) if ((keys[id] as string).startsWith(q)) take(id);
      return out;
    },
    get size() {
      return keys.length;
    },
  };
}

/** Bigrams of `^key$` with their counts ("^" and "$" never occur in a folded key). */
function bigrams(key: string): Map<string, number> {
  const padded = `^${key}$`;
  const out = new Map<string, number>();
  for (let i = 0; i + 2 <= padded.length; i++) {
    const g = padded.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function tally(list: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of list) out.set(w, (out.get(w) ?? 0) + 1);
  return out;
}
