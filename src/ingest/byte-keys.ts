/**
 * String keys kept as bytes in typed arrays instead of as JS strings and Map entries, for
 * indexes that hold one entry per stored article (100,000+). Per entry that is a few dozen
 * bytes outside the JS heap, where a string and a Map entry cost ~100 bytes inside it, and the
 * engine lets its heap grow to several times what lives in it: keeping the bulk out keeps
 * memory flat as the store grows.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** First byte of a string stored as UTF-16 units (0xFF never occurs in UTF-8). */
const ILL_FORMED = 0xff;
const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fromUtf16(bytes: Uint8Array): string {
  let out = "";
  for (let i = 1; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return out;
}

/**
 * Slot-indexed strings as UTF-8 in one growing buffer. `set` reuses a slot's bytes when the new
 * string fits (ids and hashes have fixed lengths), so replacing entries does not grow it.
 */
export class SlotStrings {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private offsets = new Uint32Array(1024);
  private lengths = new Int32Array(1024).fill(-1);
  /** Bytes reserved per slot (≥ its current length). */
  private room = new Uint32Array(1024);

  /** Store the string in `key` (see {@link KeyBuffer.load}) for `slot`. */
  set(slot: number, key: KeyBuffer): void {
    this.reserveSlots(slot + 1);
    const length = key.length;
    if (this.room[slot]! < length) {
      this.reserveBytes(this.used + length);
      this.offsets[slot] = this.used;
      this.room[slot] = length;
      this.used += length;
    }
    this.bytes.set(key.bytes.subarray(0, length), this.offsets[slot]!);
    this.lengths[slot] = length;
  }

  /** The string of `slot`. */
  get(slot: number): string {
    const at = this.offsets[slot]!;
    const bytes = this.bytes.subarray(at, at + this.lengths[slot]!);
    return bytes[0] === ILL_FORMED ? fromUtf16(bytes) : decoder.decode(bytes);
  }

  /** Whether `slot` holds exactly the `length` bytes at the start of `key`. */
  equals(slot: number, key: Uint8Array, length: number): boolean {
    if (this.lengths[slot] !== length) return false;
    const at = this.offsets[slot]!;
    for (let i = 0; i < length; i++) if (this.bytes[at + i] !== key[i]) return false;
    return true;
  }

  private reserveSlots(n: number): void {
    if (n <= this.offsets.length) return;
    const size = Math.max(n, 2 * this.offsets.length);
    this.offsets = grown(new Uint32Array(size), this.offsets);
    this.room = grown(new Uint32Array(size), this.room);
    const lengths = new Int32Array(size).fill(-1);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  private reserveBytes(n: number): void {
    if (n <= this.bytes.length) return;
    this.bytes = grown(new Uint8Array(Math.max(n, 2 * this.bytes.length)), this.bytes);
  }
}

/** A string's UTF-8 bytes in a reused buffer, to look it up without storing it. */
export class KeyBuffer {
  bytes = new Uint8Array(256);
  length = 0;
  code = 0;

  /**
   * Encode `value`; sets `bytes`, `length` and `code` (its {@link hashBytes}). A string with a
   * lone surrogate, which UTF-8 cannot hold, is stored as a marker byte and its UTF-16 units.
   */
  load(value: string): this {
    if (this.bytes.length < 3 * value.length + 1) this.bytes = new Uint8Array(3 * value.length + 1);
    if (!SURROGATE.test(value) || !LONE_SURROGATE.test(value)) {
      this.length = encoder.encodeInto(value, this.bytes).written;
    } else {
      this.bytes[0] = ILL_FORMED;
      for (let i = 0; i < value.length; i++) {
        const unit = value.charCodeAt(i);
        this.bytes[1 + 2 * i] = unit & 0xff;
        this.bytes[2 + 2 * i] = unit >>> 8;
      }
      this.length = 1 + 2 * value.length;
    }
    this.code = hashBytes(this.bytes, this.length);
    return this;
  }
}

const EMPTY = 0;
const DELETED = -1;

/**
 * An open-addressing table from the strings of a {@link SlotStrings} to their slots (one slot
 * per distinct string: adding a string again points it at the new slot). Linear probing, cells
 * hold slot + 1, deletions leave markers until the next resize; rebuilt at 70% full.
 */
export class SlotTable {
  private cells = new Int32Array(2048);
  private codes = new Int32Array(2048);
  private filled = 0;

  constructor(private readonly strings: SlotStrings) {}

  /** The slot holding `key`'s string, or -1. */
  find(key: KeyBuffer): number {
    const mask = this.cells.length - 1;
    for (let at = key.code & mask; ; at = (at + 1) & mask) {
      const cell = this.cells[at]!;
      if (cell === EMPTY) return -1;
      if (
        cell !== DELETED &&
        this.codes[at] === key.code &&
        this.strings.equals(cell - 1, key.bytes, key.length)
      )
        return cell - 1;
    }
  }

  /** Point `key`'s string (already stored at `slot`) at `slot`, replacing another slot with the same string. */
  put(key: KeyBuffer, slot: number): void {
    if (10 * (this.filled + 1) > 7 * this.cells.length) this.rehash();
    const mask = this.cells.length - 1;
    let free = -1;
    for (let at = key.code & mask; ; at = (at + 1) & mask) {
      const cell = this.cells[at]!;
      if (cell === EMPTY) {
        if (free === -1) {
          free = at;
          this.filled++;
        }
        break;
      }
      if (cell === DELETED) {
        if (free === -1) free = at;
      } else if (this.codes[at] === key.code && this.strings.equals(cell - 1, key.bytes, key.length)) {
        this.cells[at] = slot + 1;
        return;
      }
    }
    this.cells[free] = slot + 1;
    this.codes[free] = key.code;
  }

  /** Remove `key` if it points at `slot`. */
  delete(key: KeyBuffer, slot: number): void {
    const mask = this.cells.length - 1;
    for (let at = key.code & mask; ; at = (at + 1) & mask) {
      const cell = this.cells[at]!;
      if (cell === EMPTY) return;
      if (cell === slot + 1) {
        this.cells[at] = DELETED;
        return;
      }
    }
  }

  private rehash(): void {
    const { cells, codes } = this;
    // Deleted markers are dropped: sized for the live entries, at most half full.
    let live = 0;
    for (const cell of cells) if (cell > 0) live++;
    let size = 2048;
    while (size < 2 * (live + 1)) size *= 2;
    this.cells = new Int32Array(size);
    this.codes = new Int32Array(size);
    this.filled = live;
    const mask = size - 1;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      if (cell <= 0) continue;
      let at = codes[i]! & mask;
      while (this.cells[at] !== EMPTY) at = (at + 1) & mask;
      this.cells[at] = cell;
      this.codes[at] = codes[i]!;
    }
  }
}

/** 32-bit FNV-1a of the first `length` bytes, avalanched so the low bits index a table well. */
export function hashBytes(bytes: Uint8Array, length: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

function grown<T extends Uint8Array | Uint32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
