// A length prefix of 2^32 or more (protobuf itself stops at 2 GB) was read as a 32-bit varint, silently wrapped:
// 2^32 + 2 became 2, and the reader went on parsing the wrong bytes as fields, handing out a model. It must be an
// OnnxReadError at the length, saying it runs past the end of the file.
import { describe, expect, it } from 'vitest';
import { OnnxReadError, readModelBytes } from '../../../src/core/onnx/reader';

/** A varint of `value` (exact below 2^53). */
function varint(value: number): number[] {
  const out: number[] = [];
  while (value >= 0x80) {
    out.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  out.push(value);
  return out;
}

describe('a length prefix past 32 bits', () => {
  it.each([
    ['2^32 + 2', 2 ** 32 + 2],
    ['2^40', 2 ** 40],
    ['2^53 - 1', 2 ** 53 - 1],
  ])('%s is an OnnxReadError at the length, not wrapped', (_label, length) => {
    // ir_version 8; producer_name (field 2) with the forged length, then two bytes a wrapped length would take as its text.
    const bytes = new Uint8Array([0x08, 0x08, 0x12, ...varint(length), 0x41, 0x42]);
    let error: unknown;
    try {
      readModelBytes(bytes, 'long.onnx');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OnnxReadError);
    expect((error as OnnxReadError).offset).toBe(3);
    expect((error as OnnxReadError).message).toContain(`length ${length}`);
  });

  it('a ten-byte (negative int64) length is an OnnxReadError too', () => {
    const bytes = new Uint8Array([0x08, 0x08, 0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x41, 0x42]);
    expect(() => readModelBytes(bytes, 'negative.onnx')).toThrow(OnnxReadError);
  });
});
