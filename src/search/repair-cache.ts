/**
 * A small LRU of what the index knows about query words that needed repair: whether the word
 * matches any document, and its prefix completions and typo correction. A repeated misspelling
 * then skips both the exact statement (a word known to match nothing cannot satisfy an AND) and
 * the lookup statement. The index clears it after every write, and an answer computed while a
 * write was committing is not stored (see `generation`), so it never outlives the data it was read
 * from.
 */

/** What a query word is, as far as repair is concerned. */
export interface WordRepair {
  /** Some document matches the word (as FTS5 stems it). */
  present: boolean;
  /** The most frequent vocabulary words it is a prefix of (empty when present). */
  completions: string[];
  /** The closest vocabulary word, when no completion exists. */
  correction: string | undefined;
}

/** The cache; keys are query words as typed (lower-cased, see query.ts). */
export interface RepairCache {
  /** Bumped by every {@link RepairCache.clear}; read it before the statements an entry comes from. */
  readonly generation: number;
  get(word: string): WordRepair | undefined;
  /** Stores an entry read at `generation`; ignored when the index was written since. */
  set(word: string, entry: WordRepair, generation: number): void;
  /** Forgets everything: the vocabulary changed. */
  clear(): void;
}

/** Words remembered by default. */
export const DEFAULT_REPAIR_CACHE_SIZE = 1000;

/** Creates an empty cache holding at most `max` words (least recently used go first). */
export function createRepairCache(max = DEFAULT_REPAIR_CACHE_SIZE): RepairCache {
  const entries = new Map<string, WordRepair>();
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    get(word) {
      const entry = entries.get(word);
      if (entry !== undefined) {
        // Map keeps insertion order: re-inserting marks the entry as the most recently used.
        entries.delete(word);
        entries.set(word, entry);
      }
      return entry;
    },
    set(word, entry, at) {
      if (at !== generation || max < 1) return;
      entries.delete(word);
      entries.set(word, entry);
      if (entries.size > max) entries.delete(entries.keys().next().value as string);
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
