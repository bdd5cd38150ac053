// Graphs repeat their small messages byte for byte: every Transpose of a layer has the same `perm`, every
// ReduceMean the same `axes` and `keepdims`, every layer's Constants the same scalars. The reader decodes such a
// run of bytes once and hands the same frozen value to every node that repeats it, so a 200,000-node graph holds a
// few hundred attribute lists instead of hundreds of thousands of them (fewer objects is what makes a big graph
// fast to read: reader.ts).
//
// Bounded on purpose: runs of at most MAX_RUN_BYTES, at most MAX_ENTRIES of them, and a short probe, so a hostile
// file can neither grow the cache nor make a lookup slow (a byte comparison settles every hash collision).
import { hashBytes } from './ascii-hash';

export const MAX_RUN_BYTES = 256;
const MAX_ENTRIES = 4096;
const SLOTS = MAX_ENTRIES * 2;
const MAX_PROBE = 8;

export class RepeatedRuns<T> {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly bytes: Array<Uint8Array | undefined> = new Array(SLOTS).fill(undefined);
  private readonly values: Array<T | undefined> = new Array(SLOTS).fill(undefined);
  private entries = 0;

  /** The value remembered for the bytes buf[start, start + len), if any. */
  find(buf: Uint8Array, start: number, len: number): T | undefined {
    const hash = hashBytes(buf, start, len);
    for (let probe = 0, slot = hash & (SLOTS - 1); probe < MAX_PROBE; probe++, slot = (slot + 1) & (SLOTS - 1)) {
      const known = this.bytes[slot];
      if (known === undefined) return undefined;
      if (this.hashes[slot] === hash && sameBytes(known, buf, start, len)) return this.values[slot];
    }
    return undefined;
  }

  /** Remembers `value` for the bytes buf[start, start + len) (a copy is kept); silently declines when full. */
  remember(buf: Uint8Array, start: number, len: number, value: T): void {
    if (len > MAX_RUN_BYTES || this.entries >= MAX_ENTRIES) return;
    const hash = hashBytes(buf, start, len);
    for (let probe = 0, slot = hash & (SLOTS - 1); probe < MAX_PROBE; probe++, slot = (slot + 1) & (SLOTS - 1)) {
      if (this.bytes[slot] !== undefined) continue;
      this.hashes[slot] = hash;
      this.bytes[slot] = buf.slice(start, start + len);
      this.values[slot] = value;
      this.entries++;
      return;
    }
  }
}

function sameBytes(known: Uint8Array, buf: Uint8Array, start: number, len: number): boolean {
  if (known.length !== len) return false;
  for (let i = 0; i < len; i++) if (known[i] !== buf[start + i]) return false;
  return true;
}
