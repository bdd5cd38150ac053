// Cost follows graph size, not weight size: a scalar constant whose external data has no 'length' (so it runs
// to the end of the data file) must cost its 4 bytes, not the whole file. A hostile or careless model with a
// gigabyte data file otherwise made readTensorNumbers, and every coverage check and decomposition scan that
// reads small constants, read and allocate the whole gigabyte (seen: 14 s and 2.9 GB peak RSS for checkModel).
// Counted by watching the bytes the process asks readSync for.
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { DataType } from '../../../src/core/onnx/builder';
import { readModelFile, readTensorNumbers } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import { bytesReadDuring } from '../../helpers/fs-watch';
import { writeInitializerModel } from '../../helpers/initializer-model';

const DATA_BYTES = 64 * 2 ** 20;
const root = mkdtempSync(join(tmpdir(), 'hardening-external-size-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** x² / sqrt(mean + eps), its exponent and epsilon scalars in a 64 MB data file with no 'length'. */
function modelWithScalarsInBigFile() {
  const data = join(root, 'weights.bin');
  closeSync(openSync(data, 'w'));
  truncateSync(data, DATA_BYTES); // sparse: no disk space used
  const path = writeInitializerModel(join(root, 'model.onnx'), [
    { name: 'two', dataType: DataType.FLOAT, dims: [], external: { location: 'weights.bin' } },
    { name: 'eps', dataType: DataType.FLOAT, dims: [], external: { location: 'weights.bin', offset: 4 } },
  ], [
    { opType: 'Pow', inputs: ['x', 'two'], outputs: ['p'] },
    { opType: 'ReduceMean', inputs: ['p'], outputs: ['m'] },
    { opType: 'Add', inputs: ['m', 'eps'], outputs: ['a'] },
    { opType: 'Sqrt', inputs: ['a'], outputs: ['s'] },
    { opType: 'Div', inputs: ['x', 's'], outputs: ['y'] },
  ]);
  return readModelFile(path);
}

describe('small constants in a big external data file', () => {
  const model = modelWithScalarsInBigFile();

  it('readTensorNumbers reads only the bytes of the elements', () => {
    let values: number[] | undefined;
    const read = bytesReadDuring(() => (values = readTensorNumbers(model, model.graph.initializers[0]!)));
    expect(values).toEqual([0]);
    expect(read).toBeLessThan(1024);
  });

  it('the coverage check and the decomposition scan read kilobytes, not the data file', () => {
    const read = bytesReadDuring(() => {
      checkModel(model, { runtime: 'ort-cpu' });
      detectDecompositions(model, { opset: 17 });
    });
    expect(read).toBeLessThan(DATA_BYTES / 1024);
  });
});
