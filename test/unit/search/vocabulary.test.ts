import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../../src/search/db.js";
import { type IndexDoc, openSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { vocabularyWords } from "../../../src/search/text.js";
import { uniqueTopics } from "../../../src/search/topic-postings.js";
import { deleteKeys } from "../../../src/search/typo.js";
import { decodeWordIds, encodeWordIds } from "../../../src/search/word-ids.js";
import { tmpDir } from "../../helpers/tmp.js";
import { seedDocs } from "./seed-docs.js";

const NOW = new Date("2025-11-09T18:00:00Z");

describe("word id blobs", () => {
  it("delta-codes sorted ids as LEB128 varints", () => {
    // 3, then gaps 1 and 200 (200 = 0b1_1001000 → 0xc8 0x01).
    expect([...encodeWordIds([204, 3, 4, 3])]).toEqual([3, 1, 0xc8, 0x01]);
    expect(decodeWordIds(Buffer.from([3, 1, 0xc8, 0x01]))).toEqual([3, 4, 204]);
    expect([...encodeWordIds([])]).toEqual([]);
  });

  it("decodes what it encodes, sorted and distinct (property)", () => {
    const id = fc.oneof(fc.nat({ max: 300 }), fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 60 }), (ids) => {
        const want = [...new Set(ids)].sort((a, b) => a - b);
        expect(decodeWordIds(encodeWordIds(ids))).toEqual(want);
      }),
    );
  });

  it("refuses ids that are not whole numbers ≥ 0", () => {
    expect(() => encodeWordIds([-1])).toThrow(RangeError);
    expect(() => encodeWordIds([1.5])).toThrow(RangeError);
  });
});

/** The vocabulary as stored: df per word, and the symmetric-delete keys as "key>term". */
async function storedVocabulary(db: Db): Promise<{ df: Map<string, number>; keys: Set<string> }> {
  const rows = await db.all<{ term: string; df: number }>("SELECT term, df FROM vocab");
  const keys = await db.all<{ del: string; term: string }>("SELECT del, term FROM vocab_deletes");
  return {
    df: new Map(rows.map((r) => [r.term, r.df])),
    keys: new Set(keys.map((k) => `${k.del}>${k.term}`)),
  };
}

/** What the vocabulary must be for these live documents. */
function expectedVocabulary(docs: Iterable<IndexDoc>): { df: Map<string, number>; keys: Set<string> } {
  const df = new Map<string, number>();
  for (const doc of docs) {
    const topicText = uniqueTopics(doc.topics)
      .map((t) => t[1])
      .join(" ; ");
    for (const w of vocabularyWords(`${doc.title}\n${doc.body}\n${topicText}`))
      df.set(w, (df.get(w) ?? 0) + 1);
  }
  const keys = new Set<string>();
  for (const term of df.keys()) for (const key of deleteKeys(term, 1)) keys.add(`${key}>${term}`);
  return { df, keys };
}

describe("typo vocabulary counts follow replaced and removed documents", () => {
  let tmp: ReturnType<typeof tmpDir>;
  let file: string;
  let index: SearchIndex;
  let db: Db;
  beforeAll(async () => {
    tmp = tmpDir("briefly-vocab-");
    file = path.join(tmp.dir, "index.sqlite");
    index = await openSearchIndex({ path: file, clock: () => NOW });
    db = await openDb(file, { readonly: true });
  });
  afterAll(async () => {
    await db.close();
    await index.close();
    tmp.cleanup();
  });

  it("counts the seed's words per document, then lowers and drops them as documents change", async () => {
    const seed = seedDocs();
    await index.upsert(seed);
    let { df } = await storedVocabulary(db);
    // Gaza is in three seed articles, Hamas and Goldin in the last two, the Kremlin in the first.
    expect([df.get("gaza"), df.get("hamas"), df.get("goldin"), df.get("kremlin")]).toEqual([3, 2, 2, 1]);
    expect(df.has("hostage")).toBe(true);

    // The Goldin article is replaced by a text without Gaza, Hamas or Goldin.
    const goldin = seed.find((d) => d.title.includes("Goldin"))!;
    const replaced = {
      ...goldin,
      title: "Israel Receives Body of a Hostage",
      body: "The body arrived.",
      topics: [],
    };
    await index.upsert([replaced]);
    ({ df } = await storedVocabulary(db));
    expect([df.get("gaza"), df.get("hamas"), df.get("goldin"), df.get("hostage")]).toEqual([2, 1, 1, 1]);

    // Upserting the same text again changes nothing.
    const before = await storedVocabulary(db);
    await index.upsert([replaced]);
    expect(await storedVocabulary(db)).toEqual(before);

    // Removing the Rafah and Putin articles takes Hamas, Goldin and the Kremlin out entirely.
    const rafah = seed.find((d) => d.title.includes("Rafah"))!;
    await index.remove([rafah.id, seed[0]!.id, "not-indexed"]);
    ({ df } = await storedVocabulary(db));
    expect(["hamas", "goldin", "kremlin"].filter((w) => df.has(w))).toEqual([]);
    const live = seed.filter((d) => d.id !== rafah.id && d.id !== seed[0]!.id && d.id !== goldin.id);
    expect(await storedVocabulary(db)).toEqual(expectedVocabulary([...live, replaced]));
  });
});

describe("typo correction after a removal", () => {
  it("no longer corrects a typo to a word whose last document is gone", async () => {
    const index = await openSearchIndex({ path: ":memory:", clock: () => NOW });
    const kremlin: IndexDoc = {
      id: "k1",
      title: "Kremlin talks",
      body: "The Kremlin said talks went well.",
      topics: [],
      published: "2025-11-09T10:00:00Z",
    };
    const other: IndexDoc = { ...kremlin, id: "k2", title: "Border talks", body: "Talks at the border." };
    await index.upsert([kremlin, other]);
    expect((await index.search("kremlim talks")).corrected).toBe("kremlin talks");
    await index.remove(["k1"]);
    // The misspelt word has nothing left to be corrected to: it is dropped, not "corrected".
    expect(await index.search("kremlim talks")).toMatchObject({ total: 1, corrected: "talks" });
    expect(await index.search("kremlim")).toEqual({ hits: [], total: 0 });
    // A word stays correctable while another document has it.
    await index.upsert([kremlin, { ...kremlin, id: "k3" }]);
    await index.remove(["k1"]);
    expect(await index.search("kremlim")).toMatchObject({ total: 1, corrected: "kremlin" });
    await index.close();
  });

  it("prefers the correction more documents contain now, not the one more documents once contained", async () => {
    const index = await openSearchIndex({ path: ":memory:", clock: () => NOW });
    const doc = (id: string, body: string): IndexDoc => ({
      id,
      title: `Report ${id}`,
      body,
      topics: [],
      published: "2025-11-09T10:00:00Z",
    });
    await index.upsert([
      doc("1", "gaze"),
      doc("2", "gaze"),
      doc("3", "gaze"),
      doc("4", "gaza"),
      doc("5", "gaza"),
    ]);
    expect((await index.search("gazx")).corrected).toBe("gaze");
    await index.upsert([doc("1", "border"), doc("2", "border")]);
    expect((await index.search("gazx")).corrected).toBe("gaza");
    await index.close();
  });
});

describe("vocabulary invariant under random upserts, replacements and removals (property)", () => {
  let tmp: ReturnType<typeof tmpDir>;
  beforeAll(() => {
    tmp = tmpDir("briefly-vocab-prop-");
  });
  afterAll(() => tmp.cleanup());

  const WORDS = [
    "gaza",
    "hamas",
    "rafah",
    "truce",
    "kremlin",
    "syria",
    "border",
    "hostage",
    "türkiye",
    "talks",
  ];
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((w) => w.join(" "));
  const docArb = fc.record({
    id: fc.constantFrom("a", "b", "c", "d"),
    title: text,
    body: text,
    topic: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
    day: fc.integer({ min: 1, max: 3 }),
  });
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("upsert" as const),
      docs: fc.array(docArb, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant("remove" as const),
      ids: fc.array(fc.constantFrom("a", "b", "c", "d", "x")),
    }),
  );
  let run = 0;

  it("keeps df = number of live documents with the word, and keys for exactly the live words", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const file = path.join(tmp.dir, `p${run++}.sqlite`);
        const index = await openSearchIndex({ path: file, clock: () => NOW });
        const db = await openDb(file, { readonly: true });
        const live = new Map<string, IndexDoc>();
        try {
          for (const o of ops) {
            if (o.kind === "upsert") {
              const docs = o.docs.map(
                (d): IndexDoc => ({
                  id: d.id,
                  title: d.title,
                  body: d.body,
                  topics: d.topic ? [{ id: d.topic, name: d.topic, kind: "place", weight: 1 }] : [],
                  published: `2025-11-0${d.day}T12:00:00Z`,
                }),
              );
              await index.upsert(docs);
              for (const d of docs) live.set(d.id, d);
            } else {
              await index.remove(o.ids);
              for (const id of o.ids) live.delete(id);
            }
            expect(await storedVocabulary(db)).toEqual(expectedVocabulary(live.values()));
          }
        } finally {
          await db.close();
          await index.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
