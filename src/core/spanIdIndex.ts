/**
 * Span id → span index, built for the tree builder. An open-addressing table in one Int32Array: for
 * 100k+ spans it is several times faster than a `Map` (no growth and rehashing, no entry objects), which
 * matters because looking up every span and every parent is most of the cost of building a tree.
 *
 * A normalized span id (16 lowercase hex characters) is stored as its exact 64-bit value, in two int32
 * words. A probe then compares integers inside the table instead of following the stored index to a span
 * object and on to its id string: on a 100k-span trace, where neither fits the CPU cache, that was two
 * cache misses per probe. Any other id is stored as a string hash and compared as a string.
 */
import type { Span } from './model';

/** Int32 slots per entry: [index + 1 (0 = empty), key word 1, key word 2, key kind]. */
const ENTRY = 4;
const HEX_KEY = 0;
const STRING_KEY = 1;

/** Strings are hashed from their last 16 characters: the varying tail of opaque ids. */
const HASHED_CHARACTERS = 16;

/** murmur3's fmix32: spreads every input bit over the low bits used as the slot. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function hashString(id: string): number {
  let h = 0x811c9dc5;
  const start = id.length > HASHED_CHARACTERS ? id.length - HASHED_CHARACTERS : 0;
  for (let i = start; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** 0-15 for a lowercase hex digit, else -1. Uppercase is refused: "AB…" and "ab…" are different ids here. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * When `id` is a normalized span id (16 lowercase hex characters), writes its 64 bits as two int32 words
 * to `out[at]` (high) and `out[at + 1]` (low) and returns true; otherwise returns false and writes nothing.
 */
export function readHexSpanId(id: string, out: Int32Array, at: number): boolean {
  if (id.length !== 16) return false;
  let high = 0;
  let low = 0;
  for (let i = 0; i < 8; i++) {
    const d = hexDigit(id.charCodeAt(i));
    if (d < 0) return false;
    high = (high << 4) | d;
  }
  for (let i = 8; i < 16; i++) {
    const d = hexDigit(id.charCodeAt(i));
    if (d < 0) return false;
    low = (low << 4) | d;
  }
  out[at] = high;
  out[at + 1] = low;
  return true;
}

/** Where add/get put an id's words: module state, so a lookup allocates nothing. */
const words = new Int32Array(2);

/** Indices into a span list by span id; the first index added for an id wins. */
export class SpanIdIndex {
  private readonly table: Int32Array;
  /** Entries - 1 (the entry count is a power of two). */
  private readonly mask: number;
  /** Table length - 1: wraps an entry offset past the last entry round to the first. */
  private readonly offsetMask: number;

  /** Room for `capacity` spans of `spans`; only indices passed to {@link add} are ever found. */
  constructor(
    private readonly spans: readonly Span[],
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size * ENTRY);
    this.mask = size - 1;
    this.offsetMask = size * ENTRY - 1;
  }

  /** Adds `index` under its id unless the id is already present; returns the index now stored for it. */
  add(index: number): number {
    return this.addId(this.spans[index]!.spanId, index);
  }

  /** {@link add} when the caller has already read the span's id (`spans[index].spanId`). */
  addId(id: string, index: number): number {
    const table = this.table;
    if (readHexSpanId(id, words, 0)) {
      const high = words[0]!;
      const low = words[1]!;
      let at = this.hexSlot(high, low);
      for (;;) {
        const stored = table[at]!;
        if (stored === 0) return this.store(at, index, high, low, HEX_KEY);
        if (table[at + 1] === high && table[at + 2] === low && table[at + 3] === HEX_KEY) return stored - 1;
        at = (at + ENTRY) & this.offsetMask;
      }
    }
    const hash = hashString(id);
    let at = (hash & this.mask) * ENTRY;
    for (;;) {
      const stored = table[at]!;
      if (stored === 0) return this.store(at, index, hash, 0, STRING_KEY);
      if (this.isStringEntry(at, hash, id)) return stored - 1;
      at = (at + ENTRY) & this.offsetMask;
    }
  }

  /** The index stored for `id`, or -1. */
  get(id: string): number {
    if (readHexSpanId(id, words, 0)) return this.getHex(words[0]!, words[1]!);
    const table = this.table;
    const hash = hashString(id);
    let at = (hash & this.mask) * ENTRY;
    for (;;) {
      const stored = table[at]!;
      if (stored === 0) return -1;
      if (this.isStringEntry(at, hash, id)) return stored - 1;
      at = (at + ENTRY) & this.offsetMask;
    }
  }

  /** The index stored for the hex span id whose words {@link readHexSpanId} gave, or -1. */
  getHex(high: number, low: number): number {
    const table = this.table;
    let at = this.hexSlot(high, low);
    for (;;) {
      const stored = table[at]!;
      if (stored === 0) return -1;
      if (table[at + 1] === high && table[at + 2] === low && table[at + 3] === HEX_KEY) return stored - 1;
      at = (at + ENTRY) & this.offsetMask;
    }
  }

  private hexSlot(high: number, low: number): number {
    return (mix(high ^ Math.imul(low, 0x9e3779b1)) & this.mask) * ENTRY;
  }

  private isStringEntry(at: number, hash: number, id: string): boolean {
    return this.table[at + 1] === hash && this.table[at + 3] === STRING_KEY && this.spans[this.table[at]! - 1]!.spanId === id;
  }

  private store(at: number, index: number, word1: number, word2: number, kind: number): number {
    this.table[at] = index + 1;
    this.table[at + 1] = word1;
    this.table[at + 2] = word2;
    this.table[at + 3] = kind;
    return index;
  }
}
