// A scalar constant whose packed varint payload (int64_data, int32_data, uint64_data) runs on for megabytes, as a
// hostile or broken writer can make it, must cost the scalar's few bytes: readTensorNumbers used to read and
// decode the whole payload before keeping the first value. Each value takes at most 10 bytes on the wire, so the
// values a tensor declares are always within (values × 10) bytes of its payload's start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataType, type TensorSpec } from '../../../src/core/onnx/builder';
import { readModelFile, readTensorBytes, readTensorNumbers } from '../../../src/core/onnx/reader';
import { bytesReadDuring } from '../../helpers/fs-watch';
import { writeInitializerModel } from '../../helpers/initializer-model';

const VALUES = 400_000; // of -1 or 2^63 - 1: 10 bytes each on the wire, 4 MB a payload
const root = mkdtempSync(join(tmpdir(), 'hardening-varint-size-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modelWith(tensors: TensorSpec[]) {
  return readModelFile(writeInitializerModel(join(root, `model-${tensors[0]!.name}.onnx`), tensors));
}

describe('a scalar with a megabytes-long varint payload', () => {
  const cases: Array<{ field: string; tensor: TensorSpec; first: number[]; second: number[] }> = [
    { field: 'int64_data', tensor: { name: 'i64', dataType: DataType.INT64, dims: [], int64s: new Array<bigint>(VALUES).fill(-1n) }, first: [-1], second: [-1, -1] },
    { field: 'int32_data', tensor: { name: 'i32', dataType: DataType.INT32, dims: [], int32s: new Array<number>(VALUES).fill(-1) }, first: [-1], second: [-1, -1] },
    { field: 'uint64_data', tensor: { name: 'u64', dataType: DataType.UINT64, dims: [], uint64s: new Array<bigint>(VALUES).fill(2n ** 63n - 1n) }, first: [2 ** 63], second: [2 ** 63, 2 ** 63] },
    // int4 packs two elements in one int32_data value: 3 elements are 2 values.
    { field: 'int32_data (int4)', tensor: { name: 'i4', dataType: DataType.INT4, dims: [], int32s: new Array<number>(VALUES).fill(0x7f) }, first: [-1], second: [-1, 7] },
  ];

  for (const c of cases) {
    it(`${c.field}: one value read and decoded from ~10 bytes`, () => {
      const model = modelWith([c.tensor, { ...c.tensor, name: `${c.tensor.name}_pair`, dims: [2] }]);
      let values: number[] | undefined;
      const read = bytesReadDuring(() => (values = readTensorNumbers(model, model.graph.initializers[0]!)));
      expect(values).toEqual(c.first);
      expect(read).toBeLessThanOrEqual(10);
      // Two elements: the second value is decoded too, from at most 20 bytes.
      const pairRead = bytesReadDuring(() => (values = readTensorNumbers(model, model.graph.initializers[1]!)));
      expect(values).toEqual(c.second);
      expect(pairRead).toBeLessThanOrEqual(20);
    });
  }

  it('readTensorBytes still gives the whole payload (it asks for no limit)', () => {
    const model = modelWith([cases[0]!.tensor]);
    const bytes = readTensorBytes(model, model.graph.initializers[0]!);
    expect(bytes.length).toBe(VALUES * 8);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getBigInt64((VALUES - 1) * 8, true)).toBe(-1n);
  });
});
