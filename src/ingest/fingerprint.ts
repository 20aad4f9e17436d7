/**
 * Content fingerprints: an exact hash of the normalised text and a 64-bit SimHash of word
 * shingles for near-duplicates (the same story re-exported with small edits).
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { simhashOfBytes, simhashOfStream } from "./simhash.js";

/**
 * The token stream both fingerprints are computed on, as one string: lower-cased,
 * diacritic-free runs of letters and digits joined by single spaces ("" for no token).
 */
export function tokenStream(text: string): string {
  // Most English text is Latin-1 with ASCII letters and digits only: several times faster.
  const length = NOT_LATIN1.test(text) ? -1 : latin1StreamBytes(text);
  if (length >= 0) return streamBytes.toString("latin1", 0, length);
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Lower-cased, diacritic-free word tokens: the form both fingerprints are computed on. */
export function fingerprintTokens(text: string): string[] {
  const stream = tokenStream(text);
  return stream === "" ? [] : stream.split(" ");
}

/** sha256 (hex, 32 chars) of the token stream: whitespace, case and punctuation changes do not count as edits. */
export function contentHash(title: string, body: string): string {
  return hashStreams(tokenStream(title), tokenStream(body));
}

/** Both fingerprints of an article, tokenising its body once. */
export function fingerprints(title: string, body: string): { contentHash: string; simhash: string } {
  const titleStream = tokenStream(title);
  // Most bodies are Latin-1 text: their stream is built as ASCII bytes, with no string in between.
  const length = NOT_LATIN1.test(body) ? -1 : latin1StreamBytes(body);
  if (length >= 0) {
    const bytes = streamBytes.subarray(0, length);
    return { contentHash: hashStreams(titleStream, bytes), simhash: simhashOfBytes(bytes, length) };
  }
  const stream = tokenStream(body);
  return { contentHash: hashStreams(titleStream, stream), simhash: simhashOfStream(stream) };
}

function hashStreams(title: string, body: string | Uint8Array): string {
  return createHash("sha256").update(title).update("\n").update(body).digest("hex").slice(0, 32);
}

/** Any character past Latin-1 (U+00FF). */
const NOT_LATIN1 = /[\u0100-\uffff]/;
/** In {@link STREAM_CHAR}: a character whose stream form is not one ASCII letter or digit (e.g. "ß", "½"). */
const COMPLEX = 1;
/**
 * Latin-1 character → its form in the token stream, by tokenStream's own rules (NFKD, marks
 * dropped, lower case): an ASCII letter or digit ("É" → "e", "²" → "2"), 0 for a separator
 * ("£", NBSP), or {@link COMPLEX}.
 */
const STREAM_CHAR = Uint8Array.from({ length: 256 }, (_, c) => {
  const form = String.fromCharCode(c)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  if (/^[a-z0-9]$/.test(form)) return form.charCodeAt(0);
  return /[\p{L}\p{N}]/u.test(form) || form === "" ? COMPLEX : 0;
});

// Work buffers of latin1StreamBytes, reused (calls are synchronous).
let latin1 = Buffer.alloc(8192);
let streamBytes = Buffer.alloc(8192);

/**
 * Write the token stream of `text` (Latin-1 characters only) into `streamBytes` and return its
 * length, or -1 when a character's form is {@link COMPLEX}: byte for byte what tokenStream
 * gives, as NFKD, mark removal and lower-casing act on each of these characters alone.
 */
function latin1StreamBytes(text: string): number {
  if (latin1.length < text.length) {
    latin1 = Buffer.alloc(2 * text.length);
    streamBytes = Buffer.alloc(2 * text.length);
  }
  const n = latin1.write(text, 0, "latin1");
  let length = 0;
  let gap = false;
  for (let i = 0; i < n; i++) {
    const c = STREAM_CHAR[latin1[i]!]!;
    if (c === 0) {
      gap = length > 0;
    } else if (c === COMPLEX) {
      return -1;
    } else {
      if (gap) {
        streamBytes[length++] = 0x20;
        gap = false;
      }
      streamBytes[length++] = c;
    }
  }
  return length;
}

/** Stable article id from its identity: the URL when known, else source + headline. 16 hex chars. */
export function articleId(identity: { url: string | null; source: string | null; title: string }): string {
  const key = identity.url
    ? `u:${identity.url
        .trim()
        .replace(/[#?].*$/, "")
        .replace(/\/+$/, "")
        .toLowerCase()}`
    : `t:${(identity.source ?? "").trim().toLowerCase()}|${tokenStream(identity.title)}`;
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

/**
 * 64-bit SimHash over word bigrams weighted by their count, as 16 hex chars.
 * Bigrams were chosen by measurement on 400 BBC articles: a one-word edit moves at most 8 bits
 * (95% within 5), five edits 95% within 9, while different articles stay 18+ bits apart.
 */
export function simhash(text: string): string {
  return simhashOfStream(tokenStream(text));
}

/** Number of differing bits between two SimHashes. */
export function hammingDistance(a: string, b: string): number {
  return (
    popcount(Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16)) +
    popcount(Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16))
  );
}

function popcount(x: number): number {
  let v = x >>> 0;
  let c = 0;
  while (v) {
    v &= v - 1;
    c++;
  }
  return c;
}
