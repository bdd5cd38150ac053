// Small tensor payloads (scalars, shapes, axes) copied out of the read window while a model file is read, so the
// constants a scan, a print or a hover decodes later cost no file access: a torch export holds tens of thousands
// of scalar Constant nodes, and re-opening the file for each one took longer than reading the whole model.
// Large payloads (weights) are still never read until asked for.

/** Payloads up to this many bytes are kept: 16 int64 values, as many as the printer shows of a constant. */
export const SMALL_PAYLOAD_BYTES = 128;

/** Kept payloads, in increasing file order (the reader moves forward through the file), found by binary search. */
export class SmallPayloads {
  private bytes = new Uint8Array(1024);
  private used = 0;
  private count = 0;
  /** Kept payload k is file bytes [fileOffsets[k], fileOffsets[k] + lengths[k]), stored from starts[k]. */
  private fileOffsets = new Float64Array(64);
  private starts = new Int32Array(64);
  private lengths = new Int32Array(64);

  /** Keeps window[start, start + length), which are the file's bytes from fileOffset. A payload that does not come
   *  after the last one kept is not kept (it stays readable from the file). */
  keep(fileOffset: number, window: Uint8Array, start: number, length: number): void {
    const k = this.count;
    if (k > 0 && fileOffset < this.fileOffsets[k - 1]! + this.lengths[k - 1]!) return;
    if (k === this.fileOffsets.length) {
      this.fileOffsets = grow(this.fileOffsets, new Float64Array(k * 2));
      this.starts = grow(this.starts, new Int32Array(k * 2));
      this.lengths = grow(this.lengths, new Int32Array(k * 2));
    }
    if (this.used + length > this.bytes.length) this.bytes = grow(this.bytes, new Uint8Array(Math.max(this.bytes.length * 2, this.used + length)));
    for (let i = 0; i < length; i++) this.bytes[this.used + i] = window[start + i]!;
    this.fileOffsets[k] = fileOffset;
    this.starts[k] = this.used;
    this.lengths[k] = length;
    this.used += length;
    this.count = k + 1;
  }

  /** A copy of the file's bytes [offset, offset + length) when one kept payload holds them all; else undefined. */
  find(offset: number, length: number): Uint8Array | undefined {
    // The last payload starting at or before `offset`.
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.fileOffsets[mid]! <= offset) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi < 0) return undefined;
    const skip = offset - this.fileOffsets[hi]!;
    if (skip + length > this.lengths[hi]!) return undefined;
    const from = this.starts[hi]! + skip;
    return this.bytes.slice(from, from + length);
  }
}

function grow<T extends Uint8Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
