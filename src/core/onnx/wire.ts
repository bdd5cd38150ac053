// A protobuf wire-format cursor over a whole model that may be far larger than memory should hold.
// It reads a *window* of the file (a WindowReader: bytes and a position in them): the window is refilled from the file
// when a field needs bytes past its end, and length-delimited payloads the reader does not need (raw_data, packed
// tensor data) are skipped by position, never read. Window size adapts: it grows while parsing runs sequentially
// through structure (nodes) and falls back to a small read after a jump over a payload, so a 1.5 GB file of
// weights costs a few small reads per tensor. For an in-memory model the window is the whole array.
//
// Every position is absolute (a file offset). Every length is checked against the end of its enclosing message
// before use, so a lying length can neither allocate nor read past its message.
import { OnnxReadError } from './errors';
import type { WindowFile } from './file-source';
import { hashAsciiBytes } from './ascii-hash';
import type { ValueNames } from './node-values';
import { MAX_RUN_BYTES, RepeatedRuns } from './repeated-runs';
import { SMALL_PAYLOAD_BYTES, SmallPayloads } from './small-payloads';
import type { Attribute, Node } from './model';

export const WireType = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const;
const WIRE_NAMES = ['varint', '64-bit', 'length-delimited', 'start-group', 'end-group', '32-bit', 'invalid (6)', 'invalid (7)'];

/** Bytes every field head (tag + varint or fixed value) fits in, so one check covers the whole head. */
const FIELD_HEAD = 24;
const MIN_WINDOW = 64 * 1024;
const INTERN_MAX_BYTES = 64;
// 1 MiB rather than more: each larger window is a fresh buffer whose pages the kernel faults in on first touch,
// which on a VM cost more than the reads it saves (200k-node inspect 186 -> 175 ms against 8 MiB).
const MAX_WINDOW = 1024 * 1024;

const textDecoder = new TextDecoder('utf-8', { fatal: false });

// Under Node the window is a Buffer, whose native UTF-8 slice is several times faster than TextDecoder or JS
// loops for the short names that make up a graph; elsewhere (a webview) plain arrays and TextDecoder.
type Utf8Sliceable = Uint8Array & { utf8Slice?(start: number, end: number): string; latin1Slice?(start: number, end: number): string };
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

function windowView(bytes: Uint8Array): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

function allocateWindow(length: number): Uint8Array {
  return NodeBuffer ? NodeBuffer.allocUnsafeSlow(length) : new Uint8Array(length);
}

/** The bytes of the window and the position in them. The cursor decodes every value itself: protobufjs' Reader,
 *  used here before, cost its library's load at every start-up for three small functions. */
export class WindowReader {
  constructor(public buf: Uint8Array, public pos = 0, public len = buf.length) {}
}

// Floats and doubles are decoded through one little-endian view (a DataView: right on any platform's byte order).
const scratch = new Uint8Array(8);
const scratchView = new DataView(scratch.buffer);

export class Cursor {
  readonly reader: WindowReader;
  /** Absolute offset of reader.buf[0]. */
  private base = 0;
  private windowBuffer: Uint8Array = new Uint8Array(0);
  private nextWindow = MIN_WINDOW;
  private jumped = false;
  /** Sized to the file: a few thousand slots for a small model, 64 Ki for a big one. */
  private readonly internTable: Array<string | undefined>;

  /** Set for ReadOptions.detail = 'summary': message decoders skip what a summary never shows. */
  summaryOnly = false;

  /** Small tensor payloads kept while a file is read (small-payloads.ts); none for bytes already in memory. */
  readonly smallPayloads: SmallPayloads | undefined;

  /** Summary reads: the shared node of each op, by domain, overload and op type (summaryNodeLike). */
  private summaryNodes?: Map<string, Map<string, Map<string, Node>>>;

  /** Attribute lists already decoded, by the bytes they were read from (repeated-runs.ts); made on first use. */
  private attributeRuns?: RepeatedRuns<Attribute[]>;

  /** False for a cursor over one field's bytes (overField): its end is not the end of the file. */
  private wholeFile = true;

  private constructor(readonly label: string, readonly size: number, private readonly file: WindowFile | undefined, bytes: Uint8Array) {
    this.reader = new WindowReader(windowView(bytes));
    this.smallPayloads = file === undefined ? undefined : new SmallPayloads();
    this.internTable = new Array<string | undefined>(Math.min(1 << 16, Math.max(1 << 8, 2 ** Math.ceil(Math.log2(Math.max(1, size / 64))))));
  }

  static overBytes(bytes: Uint8Array, label: string): Cursor {
    return new Cursor(label, bytes.length, undefined, bytes);
  }

  static overFile(file: WindowFile, label: string): Cursor {
    return new Cursor(label, file.size, file, new Uint8Array(0));
  }

  /** A cursor over the bytes of one field (a packed payload): a value running off their end is a malformed field,
   *  not a file cut short. */
  static overField(bytes: Uint8Array, label: string): Cursor {
    const cursor = new Cursor(label, bytes.length, undefined, bytes);
    cursor.wholeFile = false;
    return cursor;
  }

  /** Absolute position. */
  get pos(): number {
    return this.base + this.reader.pos;
  }

  /** Makes `n` bytes from the current position available in the window (fewer at the end of the file). */
  ensure(n: number): void {
    const r = this.reader;
    if (r.len - r.pos >= n || this.file === undefined || this.base + r.len >= this.size) return;
    this.refill(n);
  }

  private refill(n: number): void {
    const at = this.pos;
    // Sequential reading through structure earns a bigger window; a jump over a payload starts small again.
    this.nextWindow = this.jumped ? MIN_WINDOW : Math.min(this.nextWindow * 2, MAX_WINDOW);
    this.jumped = false;
    const length = Math.min(Math.max(n, this.nextWindow), this.size - at);
    let target = this.windowBuffer;
    if (target.length < length) {
      // A string longer than the window gets its own buffer; the window itself never exceeds MAX_WINDOW.
      target = allocateWindow(length <= MAX_WINDOW ? Math.max(length, Math.min(this.windowBuffer.length * 2, MAX_WINDOW)) : length);
      if (length <= MAX_WINDOW) this.windowBuffer = target;
    }
    this.file!.readInto(target, length, at);
    this.reader.buf = target;
    this.reader.len = length;
    this.reader.pos = 0;
    this.base = at;
  }

  /** The bytes at [offset, offset + length) without moving the cursor (rare paths: split packed fields). */
  readRange(offset: number, length: number): Uint8Array {
    if (this.file === undefined) return this.reader.buf.subarray(offset, offset + length);
    const out = new Uint8Array(length);
    this.file.readInto(out, length, offset);
    return out;
  }

  /** Moves to absolute position `to` (within the file), dropping the window when `to` is outside it. */
  seek(to: number): void {
    const r = this.reader;
    const rel = to - this.base;
    if (rel >= 0 && rel <= r.len) {
      r.pos = rel;
      return;
    }
    // A short hop (a small tensor) keeps the window growing; a long one (weights) starts small again.
    this.jumped = rel - r.len > this.nextWindow;
    this.base = to;
    r.pos = 0;
    r.len = 0;
  }

  /** The next tag (field number << 3 | wire type). The caller has checked pos < end. */
  tag(): number {
    const r = this.reader;
    // Fast path: almost every tag of a graph is one byte (field numbers 1 to 15) with the window ahead.
    if (r.len - r.pos >= FIELD_HEAD) {
      const b = r.buf[r.pos]!;
      if (b < 0x80 && b >= 8) {
        r.pos++;
        return b;
      }
    } else this.ensure(FIELD_HEAD);
    const start = this.pos;
    const tag = this.varint32('a field tag (varint)');
    // Field number 0 is not protobuf: skipped as unknown, a run of zero bytes would read as endless empty fields.
    if (tag >>> 3 === 0) throw new OnnxReadError(this.label, start, 'a field tag', 'field number 0 (zero bytes where a field should start: a file not fully written?)');
    return tag;
  }

  /** A varint of up to 10 bytes, as its low 32 bits, unsigned (what a 32-bit protobuf field keeps of it). */
  private varint32(what: string): number {
    const r = this.reader;
    const buf = r.buf;
    const len = r.len;
    let pos = r.pos;
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= len) throw this.truncated(this.base + r.pos, what);
      const b = buf[pos++]!;
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        r.pos = pos;
        return value >>> 0;
      }
    }
    throw new OnnxReadError(this.label, this.base + r.pos, 'a varint of at most 10 bytes', 'a longer one');
  }

  /** A varint int64 as a JS number (exact up to 2^53; dims, ints, versions never exceed that in practice). */
  int64(): number {
    const r = this.reader;
    const buf = r.buf;
    let pos = r.pos;
    const len = r.len;
    // Fast path: one to four bytes.
    let lo = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= len) throw this.truncated(this.base + r.pos, 'a varint');
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        r.pos = pos;
        return lo;
      }
    }
    if (pos >= len) throw this.truncated(this.base + r.pos, 'a varint');
    b = buf[pos++]!;
    lo = (lo | ((b & 0x7f) << 28)) >>> 0;
    let hi = (b & 0x7f) >> 4;
    if (b >= 0x80) {
      for (let shift = 3; ; shift += 7) {
        if (pos >= len) throw this.truncated(this.base + r.pos, 'a varint');
        b = buf[pos++]!;
        if (shift < 32) hi |= (b & 0x7f) << shift;
        if (b < 0x80) break;
        if (shift >= 31 + 7) throw new OnnxReadError(this.label, this.base + r.pos, 'a varint of at most 10 bytes', 'a longer one');
      }
    }
    r.pos = pos;
    hi >>>= 0;
    if (hi & 0x80000000) return -((~hi >>> 0) * 4294967296 + (~lo >>> 0) + 1);
    return hi * 4294967296 + lo;
  }

  float(): number {
    return this.fixed(4, 'a 32-bit float').getFloat32(0, true);
  }

  double(): number {
    return this.fixed(8, 'a 64-bit double').getFloat64(0, true);
  }

  /** Steps over the next `size` bytes, copied to the start of the scratch view (returned). */
  private fixed(size: number, what: string): DataView {
    const r = this.reader;
    if (r.len - r.pos < size) throw this.truncated(this.pos, what);
    for (let k = 0; k < size; k++) scratch[k] = r.buf[r.pos + k]!;
    r.pos += size;
    return scratchView;
  }

  /** Where the run of consecutive length-delimited fields with the one-byte tag `tag` that starts at absolute `at`
   *  ends (absolute), when the whole run lies in the window and is at most MAX_RUN_BYTES long; -1 otherwise (the
   *  caller then decodes field by field, which also reports whatever is malformed). Does not move the cursor. */
  fieldRunEnd(at: number, tag: number, end: number): number {
    this.ensure(MAX_RUN_BYTES);
    const r = this.reader;
    const buf = r.buf;
    let p = at - this.base;
    if (p < 0) return -1;
    const messageEnd = end - this.base;
    const limit = Math.min(r.len, messageEnd, p + MAX_RUN_BYTES);
    while (p < limit && buf[p] === tag) {
      p++;
      if (p >= limit) return -1;
      let len = buf[p++]!;
      if (len >= 0x80) {
        if (p >= limit || buf[p]! >= 0x80) return -1;
        len = (len & 0x7f) | (buf[p++]! << 7);
      }
      p += len;
    }
    // Past the limit, or at it with the message still going on: the run's end is not known here.
    if (p > limit || (p === limit && p < messageEnd)) return -1;
    return this.base + p;
  }

  /** A summary read's node without attributes, shared with every earlier one of the same op (frozen). */
  summaryNodeLike(node: Node): Node {
    const byDomain = (this.summaryNodes ??= new Map());
    let byOverload = byDomain.get(node.domain);
    if (!byOverload) byDomain.set(node.domain, (byOverload = new Map()));
    let byOp = byOverload.get(node.overload);
    if (!byOp) byOverload.set(node.overload, (byOp = new Map()));
    let shared = byOp.get(node.opType);
    if (!shared) byOp.set(node.opType, (shared = Object.freeze(node)));
    return shared;
  }

  /** The attribute list decoded before from the same bytes as [at, runEnd), if any. */
  knownAttributes(at: number, runEnd: number): Attribute[] | undefined {
    const start = at - this.base;
    if (this.attributeRuns === undefined || start < 0 || runEnd - this.base > this.reader.len) return undefined;
    return this.attributeRuns.find(this.reader.buf, start, runEnd - at);
  }

  /** Remembers `list` as what the bytes [at, runEnd) decode to (when they are still in the window). */
  rememberAttributes(at: number, runEnd: number, list: Attribute[]): void {
    const start = at - this.base;
    if (start < 0 || runEnd - this.base > this.reader.len) return;
    this.attributeRuns ??= new RepeatedRuns<Attribute[]>();
    this.attributeRuns.remember(this.reader.buf, start, runEnd - at, list);
  }

  /** Whether the next field (before `end`) has the one-byte tag `tag`; moves nothing. */
  nextTagIs(tag: number, end: number): boolean {
    if (this.pos >= end) return false;
    this.ensure(1);
    const r = this.reader;
    return r.pos < r.len && r.buf[r.pos] === tag;
  }

  /** Reads a length prefix and checks that the payload ends within `end`; returns the payload length. */
  length(end: number, what: string): number {
    const at = this.pos;
    const r = this.reader;
    // Fast path: a one-byte length (names, small messages); the tag's ensure() left the byte in the window.
    let len: number;
    if (r.pos < r.len && r.buf[r.pos]! < 0x80) len = r.buf[r.pos++]!;
    // Every byte of the varint: read as 32 bits, a forged 2^32 + 2 wrapped to 2 and the wrong bytes were parsed.
    else len = this.int64();
    if (len < 0) throw new OnnxReadError(this.label, at, `the length of ${what}`, `a negative length (${len})`);
    if (this.pos + len > end) {
      const pastFile = this.wholeFile && this.pos + len > this.size;
      throw new OnnxReadError(this.label, at, `the length of ${what} to end by byte ${end}`,
        `length ${len}, ending at byte ${this.pos + len}${pastFile ? `, past the end of the file (${this.size} bytes): ${CUT_SHORT}` : ''}`, pastFile ? CUT_SHORT_HINT : undefined);
    }
    return len;
  }

  /** Steps over the `len` bytes of a length-delimited field, brought into the window; returns where they start in
   *  reader.buf. */
  private payload(len: number): number {
    this.ensure(len);
    const r = this.reader;
    const start = r.pos;
    r.pos += len;
    return start;
  }

  /** Steps over a tensor payload of `len` bytes (its length read); a small one is kept when reading a file, so
   *  that decoding it later needs no file access. */
  skipPayload(len: number): void {
    const kept = this.smallPayloads;
    if (kept === undefined || len === 0 || len > SMALL_PAYLOAD_BYTES) {
      this.seek(this.pos + len);
      return;
    }
    const start = this.payload(len);
    kept.keep(this.base + start, this.reader.buf, start, len);
  }

  /** A length-delimited UTF-8 string ending within `end`. */
  string(end: number, what: string): string {
    const len = this.length(end, what);
    if (len === 0) return '';
    const start = this.payload(len);
    return len <= INTERN_MAX_BYTES ? this.interned(this.reader.buf, start, len) : decodeUtf8(this.reader.buf, start, start + len);
  }

  /** A string the graph does not repeat (a node's own name): decoded directly, neither hashed nor put in the intern
   *  table, where it would only push out the op types and attribute names that do repeat. */
  uniqueString(end: number, what: string): string {
    const len = this.length(end, what);
    if (len === 0) return '';
    const start = this.payload(len);
    return decodeUtf8(this.reader.buf, start, start + len);
  }

  /** A node's input or output: the value's id in `names`, its string made once per distinct name; -1 for ''. */
  valueName(end: number, what: string, names: ValueNames): number {
    const len = this.length(end, what);
    if (len === 0) return -1;
    const start = this.payload(len);
    return names.internBytes(this.reader.buf, start, len, decodeAscii, decodeUtf8);
  }

  /** A graph repeats its short strings: op types, domains, attribute names (value names get ids instead:
   *  node-values.ts). A small direct-mapped cache keyed on the bytes returns the string already made, so a
   *  200,000-node graph holds each once and allocates far less. Only ASCII strings are cached (their length equals
   *  their byte count). */
  private interned(buf: Uint8Array, start: number, len: number): string {
    const hash = hashAsciiBytes(buf, start, len);
    if (hash === undefined) return decodeUtf8(buf, start, start + len);
    const table = this.internTable;
    const slot = (hash >>> 0) & (table.length - 1);
    const known = table[slot];
    if (known !== undefined && known.length === len) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (known.charCodeAt(i) !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return known;
    }
    const made = decodeAscii(buf, start, start + len);
    table[slot] = made;
    return made;
  }

  /** A length-delimited byte string, copied out of the window. */
  bytes(end: number, what: string): Uint8Array {
    const len = this.length(end, what);
    const start = this.payload(len);
    return this.reader.buf.slice(start, start + len);
  }

  /** Skips a field's value of the given wire type; groups are skipped iteratively. */
  skip(wireType: number, end: number, what: string): void {
    const at = this.pos;
    switch (wireType) {
      case WireType.VARINT:
        this.int64();
        break;
      case WireType.I64:
        this.seek(this.pos + 8);
        break;
      case WireType.LEN: {
        const len = this.length(end, what);
        this.seek(this.pos + len);
        break;
      }
      case WireType.I32:
        this.seek(this.pos + 4);
        break;
      case WireType.SGROUP: {
        // Deprecated groups never appear in ONNX, but skipping one must not recurse.
        let depth = 1;
        while (depth > 0) {
          if (this.pos >= end) throw new OnnxReadError(this.label, at, `the end of a group inside ${what}`, 'the end of the message');
          const tag = this.tag();
          const wt = tag & 7;
          if (wt === WireType.SGROUP) depth++;
          else if (wt === WireType.EGROUP) depth--;
          else this.skip(wt, end, what);
        }
        break;
      }
      default:
        throw new OnnxReadError(this.label, at, `a valid wire type in ${what}`, `wire type ${WIRE_NAMES[wireType] ?? wireType}`);
    }
    if (this.pos > end) throw this.overrun(at, end, what);
  }

  /** After a field: its value must not have run past the end of the enclosing message. */
  checkWithin(end: number, fieldStart: number, what: string): void {
    if (this.pos > end) throw this.overrun(fieldStart, end, what);
  }

  wrongWireType(at: number, what: string, found: number, expected: number): OnnxReadError {
    return new OnnxReadError(this.label, at, `wire type ${WIRE_NAMES[expected]} for ${what}`, `wire type ${WIRE_NAMES[found] ?? found}`);
  }

  overrun(at: number, end: number, what: string): OnnxReadError {
    return new OnnxReadError(this.label, at, `${what} to end by byte ${end} (the end of its message)`, `a value running to byte ${this.pos}`);
  }

  /** A value that runs past the end of the window's data: at the end of the file, or of a field's bytes. */
  truncated(at: number, what: string): OnnxReadError {
    const dataEnd = this.base + this.reader.len;
    if (this.wholeFile && dataEnd === this.size) return new OnnxReadError(this.label, at, what, `the end of the file at byte ${dataEnd}: ${CUT_SHORT}`, CUT_SHORT_HINT);
    return new OnnxReadError(this.label, at, what, `the end of the data at byte ${dataEnd}`);
  }
}

/** The usual cause of a value running past the end of the file, which byte offsets alone do not tell a user. */
const CUT_SHORT = 'the file looks cut short (an interrupted download or copy?)';
const CUT_SHORT_HINT = 'The file ends in the middle of the model: it looks cut short (an interrupted download or copy?).';

/** Bytes known to be ASCII: a plain copy into a one-byte string, no UTF-8 validation. */
function decodeAscii(buf: Uint8Array, start: number, end: number): string {
  const b = buf as Utf8Sliceable;
  return b.latin1Slice !== undefined ? b.latin1Slice(start, end) : String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
}

/** UTF-8 decoding of buf[start, end): invalid sequences become U+FFFD, as protobuf's own readers do. */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  const b = buf as Utf8Sliceable;
  return b.utf8Slice !== undefined ? b.utf8Slice(start, end) : textDecoder.decode(buf.subarray(start, end));
}

