/**
 * The SimHash of a token stream (tokens joined by single spaces), from a string or from the
 * stream's bytes when it is ASCII. 64 bits over word bigrams weighted by their count.
 *
 * Speed: the loader hashes every article, so the work arrays are allocated once per thread and
 * reused (fresh typed arrays per call cost more in allocation and GC than the hashing itself).
 * Calls are synchronous, so sharing them is safe.
 */

const SPACE = 0x20;
const FNV_PRIME = 0x01000193;
const FNV_HI = 0x811c9dc5;
const FNV_LO = (0x5bd1e995 ^ 0x01000193) >>> 0;
const EMPTY = -1;

// Token hashes, in stream order.
let tokenHi = new Uint32Array(1024);
let tokenLo = new Uint32Array(1024);
// Open-addressing table of bigram features: key (all of hi, 20 bits of lo) → feature index.
let keys = new Float64Array(2048);
let slots = new Int32Array(2048);
// Features in first-seen order, with their counts.
let featureHi = new Uint32Array(1024);
let featureLo = new Uint32Array(1024);
let featureWeight = new Uint32Array(1024);
let features = 0;
const ones = new Float64Array(64);
const lanes = new Float64Array(16);

/** {@link simhashOfTokens} of a stream given as a string. */
export function simhashOfStream(stream: string): string {
  if (stream === "") return simhashOfTokens(0);
  reserveTokens(stream.length);
  let count = 0;
  let hi = FNV_HI;
  let lo = FNV_LO;
  for (let i = 0; i < stream.length; i++) {
    const c = stream.charCodeAt(i);
    if (c === SPACE) {
      tokenHi[count] = avalanche(hi);
      tokenLo[count++] = avalanche(lo);
      hi = FNV_HI;
      lo = FNV_LO;
    } else {
      hi = Math.imul(hi ^ c, FNV_PRIME);
      lo = Math.imul(lo ^ c, FNV_PRIME);
    }
  }
  tokenHi[count] = avalanche(hi);
  tokenLo[count++] = avalanche(lo);
  return simhashOfTokens(count);
}

/** {@link simhashOfStream} of an ASCII stream given as its first `length` bytes. */
export function simhashOfBytes(bytes: Uint8Array, length: number): string {
  if (length === 0) return simhashOfTokens(0);
  reserveTokens(length);
  let count = 0;
  let hi = FNV_HI;
  let lo = FNV_LO;
  for (let i = 0; i < length; i++) {
    const c = bytes[i]!;
    if (c === SPACE) {
      tokenHi[count] = avalanche(hi);
      tokenLo[count++] = avalanche(lo);
      hi = FNV_HI;
      lo = FNV_LO;
    } else {
      hi = Math.imul(hi ^ c, FNV_PRIME);
      lo = Math.imul(lo ^ c, FNV_PRIME);
    }
  }
  tokenHi[count] = avalanche(hi);
  tokenLo[count++] = avalanche(lo);
  return simhashOfTokens(count);
}

/**
 * SimHash of the first `count` token hashes: each bigram's two 32-bit hashes mix its tokens'
 * hashes (a lone token is its own feature); a bit is set when the features with it set
 * outweigh the rest.
 */
function simhashOfTokens(count: number): string {
  const pairs = Math.max(count - 1, 1);
  let size = 16;
  while (size < 2 * pairs) size *= 2;
  if (slots.length < size) {
    keys = new Float64Array(size);
    slots = new Int32Array(size);
  }
  slots.fill(EMPTY, 0, size);
  if (featureHi.length < pairs) {
    featureHi = new Uint32Array(2 * pairs);
    featureLo = new Uint32Array(2 * pairs);
    featureWeight = new Uint32Array(2 * pairs);
  }
  features = 0;
  if (count === 1) addFeature(tokenHi[0]!, tokenLo[0]!, size - 1);
  for (let i = 0; i + 1 < count; i++) {
    addFeature(mix(tokenHi[i]!, tokenHi[i + 1]!), mix(tokenLo[i]!, tokenLo[i + 1]!), size - 1);
  }
  const total = addBitWeights();
  let hi = 0;
  let lo = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * ones[bit]! > total) hi |= 1 << bit;
    if (2 * ones[bit + 32]! > total) lo |= 1 << bit;
  }
  return (hi >>> 0).toString(16).padStart(8, "0") + (lo >>> 0).toString(16).padStart(8, "0");
}

function addFeature(hi: number, lo: number, mask: number): void {
  const key = hi * 0x100000 + (lo & 0xfffff);
  let at = (Math.imul(hi ^ (lo & 0xfffff), 0x9e3779b1) >>> 0) & mask;
  for (;;) {
    const feature = slots[at]!;
    if (feature === EMPTY) {
      keys[at] = key;
      slots[at] = features;
      featureHi[features] = hi;
      featureLo[features] = lo;
      featureWeight[features++] = 1;
      return;
    }
    if (keys[at] === key) {
      featureWeight[feature]!++;
      return;
    }
    at = (at + 1) & mask;
  }
}

/**
 * Sets `ones[b]` to the weight of the features with bit b set (hi: bits 0–31, lo: 32–63);
 * returns the total weight. Four bits are counted at once: a nibble of the hash is spread into
 * four 13-bit lanes of one double (exact up to 2^53), so a feature costs 16 table look-ups
 * instead of 64 branches; lanes are emptied before they could overflow.
 */
function addBitWeights(): number {
  ones.fill(0);
  lanes.fill(0);
  let inLanes = 0;
  let total = 0;
  for (let f = 0; f < features; f++) {
    const hi = featureHi[f]!;
    const lo = featureLo[f]!;
    const w = featureWeight[f]!;
    total += w;
    if (inLanes + w >= LANE) {
      emptyLanes();
      inLanes = 0;
    }
    if (w >= LANE) {
      for (let bit = 0; bit < 32; bit++) {
        ones[bit]! += ((hi >>> bit) & 1) * w;
        ones[bit + 32]! += ((lo >>> bit) & 1) * w;
      }
      continue;
    }
    inLanes += w;
    for (let k = 0; k < 8; k++) {
      lanes[k]! += SPREAD[(hi >>> (4 * k)) & 15]! * w;
      lanes[k + 8]! += SPREAD[(lo >>> (4 * k)) & 15]! * w;
    }
  }
  emptyLanes();
  return total;
}

function emptyLanes(): void {
  for (let k = 0; k < 16; k++) {
    let v = lanes[k]!;
    for (let j = 0; j < 4; j++) {
      const lane = v % LANE;
      ones[NIBBLE_BIT[k]! + j]! += lane;
      v = (v - lane) / LANE;
    }
    lanes[k] = 0;
  }
}

/** Room for the tokens of a stream of `length` characters (at most one per two, plus one). */
function reserveTokens(length: number): void {
  const most = (length >> 1) + 1;
  if (tokenHi.length >= most) return;
  tokenHi = new Uint32Array(2 * most);
  tokenLo = new Uint32Array(2 * most);
}

/** Capacity of one lane (13 bits): four lanes fill 52 of a double's 53 exact bits. */
const LANE = 8192;
/** A nibble's four bits as 0/1 in four lanes: bit j of the nibble is lane j. */
const SPREAD = Float64Array.from({ length: 16 }, (_, n) => {
  let v = 0;
  for (let j = 3; j >= 0; j--) v = v * LANE + ((n >> j) & 1);
  return v;
});
/** The first hash bit of lane group k: nibbles 0–7 of hi, then of lo. */
const NIBBLE_BIT = Array.from({ length: 16 }, (_, k) => (k < 8 ? 4 * k : 32 + 4 * (k - 8)));

/** Order-sensitive mix of two 32-bit hashes (murmur3 finaliser). */
function mix(a: number, b: number): number {
  return avalanche(Math.imul(a, 0x9e3779b1) ^ b);
}

/** Final avalanche of an FNV-1a state, so nearby strings spread over all bits. */
function avalanche(state: number): number {
  let h = state >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
