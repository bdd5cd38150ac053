// Decoding of the packed repeated numeric fields of TensorProto (float_data, int32_data, int64_data,
// double_data, uint64_data) from their wire bytes.
import type { TensorDataField } from './model';
import { Cursor } from './wire';

/** The most bytes one varint takes on the wire (a negative value, int32 included, is sign-extended to 64 bits). */
export const MAX_VARINT_BYTES = 10;

/** Values of a packed field as JS numbers (int64 beyond 2^53 loses precision; use packedToLittleEndian for exact bytes).
 *  A varint field stops after `maxValues` values: its bytes may then end inside a varint that is never read. */
export function decodePackedNumbers(field: TensorDataField, bytes: Uint8Array, label: string, maxValues = Number.POSITIVE_INFINITY): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  switch (field) {
    case 'float_data':
      for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(view.getFloat32(i, true));
      return out;
    case 'double_data':
      for (let i = 0; i + 8 <= bytes.length; i += 8) out.push(view.getFloat64(i, true));
      return out;
    default: {
      const c = Cursor.overField(bytes, label);
      while (c.pos < bytes.length && out.length < maxValues) {
        const v = c.int64();
        out.push(field === 'int32_data' ? v | 0 : field === 'uint64_data' && v < 0 ? v + 18446744073709551616 : v);
      }
      return out;
    }
  }
}

/** Varints of a packed int64/uint64 field as exact 64-bit little-endian words. */
export function varintsToInt64LittleEndian(bytes: Uint8Array, label: string, maxValues = Number.POSITIVE_INFINITY): Uint8Array {
  const words: number[] = [];
  let pos = 0;
  while (pos < bytes.length && words.length < maxValues * 2) {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (pos >= bytes.length) throw Cursor.overField(bytes, label).truncated(pos, 'a varint');
      const b = bytes[pos++]!;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else if (shift < 64) hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
      if (b < 0x80) break;
    }
    words.push(lo >>> 0, hi >>> 0);
  }
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i]!, true);
  return out;
}
