/** Small operational facts about the store: counts, the last ingest, and the change stamp. */
import type { Store } from "./keyv-store.js";

/** Store-wide state, kept in one record. */
export interface StoreMeta {
  articleCount: number;
  /** Bumped by every ingest that changed articles; the search index records the stamp it has applied. */
  changeStamp: number;
  lastIngest: { at: string; added: number; updated: number; failed: number } | null;
}

export interface MetaRepo {
  get(): Promise<StoreMeta>;
  put(meta: StoreMeta): Promise<void>;
}

const EMPTY: StoreMeta = { articleCount: 0, changeStamp: 0, lastIngest: null };

/** Create the repository over the store's `meta` namespace. */
export function createMetaRepo(store: Store): MetaRepo {
  const kv = store.kv<StoreMeta>("meta");
  return {
    async get() {
      return { ...EMPTY, ...((await kv.get("store")) ?? {}) };
    },
    async put(meta) {
      await kv.set("store", meta);
    },
  };
}
