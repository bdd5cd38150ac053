// The protobuf structure of a model file as a tree of fields, found without a schema: every length-delimited
// payload that parses cleanly as a message is taken for one (strings occasionally are too; for fuzzing that only
// adds cases). The tree knows every field boundary, and re-encodes itself with edits — a dropped, duplicated or
// transplanted field, a forged length — fixing (or deliberately not fixing) the lengths of the enclosing messages.

export interface WireField {
  /** Offset of the tag in the original bytes. */
  start: number;
  /** Offset just past the field. */
  end: number;
  field: number;
  wireType: number;
  /** Tag bytes exactly as written. */
  tag: Uint8Array;
  /** The value bytes (after the length varint for length-delimited fields). */
  payload: Uint8Array;
  /** Sub-fields when the payload parses as a message. */
  children?: WireField[];
  /** When set, the length written for this field instead of its true payload length. */
  forgedLength?: bigint;
}

const MAX_DEPTH = 64;

export function encodeVarint(value: bigint | number): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return Uint8Array.from(out);
}

function readVarint(bytes: Uint8Array, pos: number, end: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) return undefined;
    const b = bytes[pos + i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return { value, next: pos + i + 1 };
  }
  return undefined;
}

/** The fields of bytes[start, end) if they parse exactly as a message, else undefined. */
export function parseFields(bytes: Uint8Array, start = 0, end = bytes.length, depth = 0): WireField[] | undefined {
  const fields: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const tag = readVarint(bytes, pos, end);
    if (!tag || tag.value === 0) return undefined;
    const field = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (field === 0 || field > 536870911) return undefined;
    let payloadStart = tag.next;
    let payloadEnd: number;
    switch (wireType) {
      case 0: {
        const v = readVarint(bytes, payloadStart, end);
        if (!v) return undefined;
        payloadEnd = v.next;
        break;
      }
      case 1: payloadEnd = payloadStart + 8; break;
      case 5: payloadEnd = payloadStart + 4; break;
      case 2: {
        const len = readVarint(bytes, payloadStart, end);
        if (!len) return undefined;
        payloadStart = len.next;
        payloadEnd = payloadStart + len.value;
        break;
      }
      default: return undefined;
    }
    if (payloadEnd > end) return undefined;
    const entry: WireField = { start: pos, end: payloadEnd, field, wireType, tag: bytes.subarray(pos, tag.next), payload: bytes.subarray(payloadStart, payloadEnd) };
    if (wireType === 2 && payloadEnd > payloadStart && depth < MAX_DEPTH) {
      const children = parseFields(bytes, payloadStart, payloadEnd, depth + 1);
      if (children) entry.children = children;
    }
    fields.push(entry);
    pos = payloadEnd;
  }
  return fields;
}

/** Every field of the tree, depth first, with its parent list (for edits in place). */
export function allFields(fields: WireField[]): Array<{ field: WireField; siblings: WireField[]; depth: number }> {
  const out: Array<{ field: WireField; siblings: WireField[]; depth: number }> = [];
  const stack: Array<{ list: WireField[]; depth: number }> = [{ list: fields, depth: 0 }];
  while (stack.length > 0) {
    const { list, depth } = stack.pop()!;
    for (const f of list) {
      out.push({ field: f, siblings: list, depth });
      if (f.children) stack.push({ list: f.children, depth: depth + 1 });
    }
  }
  return out;
}

/** Every offset where a field starts or ends, and where a length-delimited payload starts. */
export function boundaries(fields: WireField[]): number[] {
  const set = new Set<number>();
  for (const { field } of allFields(fields)) {
    set.add(field.start);
    set.add(field.end);
    set.add(field.end - field.payload.length);
  }
  return [...set].sort((a, b) => a - b);
}

/** Bytes of the (possibly edited) tree; lengths are recomputed except where forged. */
export function encodeFields(fields: WireField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) parts.push(encodeField(f));
  return concat(parts);
}

export function encodeField(f: WireField): Uint8Array {
  const payload = f.children ? encodeFields(f.children) : f.payload;
  if (f.wireType !== 2) return concat([f.tag, payload]);
  return concat([f.tag, encodeVarint(f.forgedLength ?? payload.length), payload]);
}

/** A deep copy of a field (edits on the copy leave the original alone). */
export function cloneField(f: WireField): WireField {
  return { ...f, children: f.children?.map(cloneField) };
}

export function cloneTree(fields: WireField[]): WireField[] {
  return fields.map(cloneField);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
