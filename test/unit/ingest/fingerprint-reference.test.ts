/**
 * The fast fingerprints (one tokenisation, token hashes straight from the stream, bit counts
 * four at a time) against the plain reference they replaced: same ids, hashes and SimHashes,
 * so stores built before the change dedupe exactly as before.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  articleId,
  contentHash,
  fingerprints,
  fingerprintTokens,
  simhash,
  tokenStream,
} from "../../../src/ingest/fingerprint.js";

const SEED = fs.readFileSync(
  new URL("../../../content/asharq-al-awsat-2025-11-09.txt", import.meta.url),
  "utf8",
);

// The reference: the straightforward implementation, kept here as the oracle.
function refTokens(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
function refContentHash(title: string, body: string): string {
  const h = createHash("sha256");
  h.update(refTokens(title).join(" "));
  h.update("\n");
  h.update(refTokens(body).join(" "));
  return h.digest("hex").slice(0, 32);
}
function refArticleId(title: string, source: string): string {
  return createHash("sha256")
    .update(`t:${source.trim().toLowerCase()}|${refTokens(title).join(" ")}`)
    .digest("hex")
    .slice(0, 16);
}
function refFnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return refAvalanche(h);
}
function refAvalanche(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
function refMix(a: number, b: number): number {
  return refAvalanche((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}
function refSimhash(text: string): string {
  const tokens = refTokens(text);
  const hi1 = tokens.map((t) => refFnv(t, 0x811c9dc5));
  const lo1 = tokens.map((t) => refFnv(t, 0x5bd1e995 ^ 0x01000193));
  const features = new Map<number, { hi: number; lo: number; weight: number }>();
  const add = (hi: number, lo: number) => {
    const key = hi * 0x100000 + (lo & 0xfffff);
    const f = features.get(key);
    if (f) f.weight++;
    else features.set(key, { hi, lo, weight: 1 });
  };
  if (tokens.length === 1) add(hi1[0]!, lo1[0]!);
  for (let i = 0; i + 1 < tokens.length; i++) add(refMix(hi1[i]!, hi1[i + 1]!), refMix(lo1[i]!, lo1[i + 1]!));
  const counts = new Float64Array(64);
  for (const { hi, lo, weight } of features.values()) {
    for (let bit = 0; bit < 32; bit++) {
      counts[bit]! += (hi >>> bit) & 1 ? weight : -weight;
      counts[bit + 32]! += (lo >>> bit) & 1 ? weight : -weight;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (counts[bit]! > 0) hi |= 1 << bit;
    if (counts[bit + 32]! > 0) lo |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

const TRICKY = [
  "",
  " ",
  "a",
  "Ünïcödé ÉTÉ straße ﬁnance ½ x² İstanbul ΣΑΣ ΟΔΟΣ",
  "١٢٣ ٤ — “quoted” ‘single’ café\u00a0noir e\u0301",
  "日本語のテキスト 한국어",
  "\u0085\u009f plain\tASCII\r\nonly 123 4,5",
];

describe("fingerprints match the reference implementation", () => {
  it("on the seed articles and awkward text", () => {
    const texts = [...SEED.split(/\n\s*\n/), SEED, ...TRICKY];
    for (const text of texts) {
      expect(fingerprintTokens(text)).toEqual(refTokens(text));
      expect(tokenStream(text)).toBe(refTokens(text).join(" "));
      expect(simhash(text)).toBe(refSimhash(text));
      expect(contentHash("Title – Ünï", text)).toBe(refContentHash("Title – Ünï", text));
      expect(fingerprints("Title – Ünï", text)).toEqual({
        contentHash: refContentHash("Title – Ünï", text),
        simhash: refSimhash(text),
      });
    }
  });

  it("on any text (ASCII, Unicode, whole graphemes)", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc
        .array(fc.constantFrom("the", "war", "Gaza", "café", "ﬁ", "1,000", "U.S.", " ", "\n", "–"), {
          maxLength: 300,
        })
        .map((words) => words.join(" ")),
    );
    fc.assert(
      fc.property(text, text, (title, body) => {
        expect(simhash(body)).toBe(refSimhash(body));
        expect(fingerprints(title, body)).toEqual({
          contentHash: refContentHash(title, body),
          simhash: refSimhash(body),
        });
        expect(articleId({ url: null, source: " BBC ", title })).toBe(refArticleId(title, " BBC "));
      }),
      { numRuns: 500 },
    );
  });

  it("on any Latin-1 text (the byte path), every character of it included", () => {
    const latin1 = fc.string({
      unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
      maxLength: 60,
    });
    const all = Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)).join(" ");
    for (const text of [all, all.replaceAll(" ", ""), "Café £8m déjà-vu ½ x² ß Ærø"]) {
      expect(tokenStream(text)).toBe(refTokens(text).join(" "));
      expect(fingerprints("T", text)).toEqual({
        contentHash: refContentHash("T", text),
        simhash: refSimhash(text),
      });
    }
    fc.assert(
      fc.property(latin1, latin1, (title, body) => {
        expect(tokenStream(body)).toBe(refTokens(body).join(" "));
        expect(fingerprints(title, body)).toEqual({
          contentHash: refContentHash(title, body),
          simhash: refSimhash(body),
        });
      }),
      { numRuns: 1000 },
    );
  });

  it("weights a repeated bigram like the reference, even past the lane capacity", () => {
    // 9,000 repeats of one bigram: a single feature heavier than a 13-bit lane holds.
    const text = `${"alpha beta ".repeat(9000)}gamma delta`;
    expect(simhash(text)).toBe(refSimhash(text));
    const many = Array.from({ length: 12_000 }, (_, i) => `w${i % 5000}`).join(" ");
    expect(simhash(many)).toBe(refSimhash(many));
  });
});
