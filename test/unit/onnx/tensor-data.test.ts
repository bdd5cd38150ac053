// decodeElements on raw little-endian bytes: 64-bit integers decode to the same nearest double as Number(BigInt)
// would give, negatives and values past 2^53 included.
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/core/onnx/model';
import { decodeElements } from '../../../src/core/onnx/tensor-data';

function bytesOf(values: bigint[], signed: boolean): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => (signed ? view.setBigInt64(i * 8, v, true) : view.setBigUint64(i * 8, v, true)));
  return bytes;
}

describe('decodeElements, 64-bit integers', () => {
  it('int64: small, negative, past 2^53 (rounded to nearest), extremes', () => {
    const values = [0n, 1n, -1n, -(2n ** 40n) - 3n, 2n ** 53n + 1n, 2n ** 53n + 3n, 2n ** 63n - 1n, -(2n ** 63n), 123456789012345n];
    expect(decodeElements(DataType.INT64, bytesOf(values, true), values.length)).toEqual(values.map((v) => Number(v)));
  });

  it('uint64: up to 2^64 - 1', () => {
    const values = [0n, 5n, 2n ** 32n, 2n ** 32n - 1n, 2n ** 53n + 1n, 2n ** 64n - 1n];
    expect(decodeElements(DataType.UINT64, bytesOf(values, false), values.length)).toEqual(values.map((v) => Number(v)));
  });
});
