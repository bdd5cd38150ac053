// The text report of a model with very many distinct op types (a hostile file, or a generated one with a custom
// op per node): every group is listed, the report is made without a RangeError. Lines used to be appended with
// push(...lines), whose argument count is bounded by the call stack (about 120,000 on 64-bit Node).
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { formatText } from '../../../src/core/coverage/format-text';
import { buildModel, DataType, type NodeSpec } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';

const OPS = 200_000;

describe('the text report of a model with 200,000 distinct unknown ops', () => {
  it('is made, one group line per op', () => {
    const nodes = Array.from({ length: OPS }, (_, i): NodeSpec => ({ opType: `Op${i}`, domain: 'custom', inputs: ['x'], outputs: [`y${i}`] }));
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'custom', version: 1 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [4] }], outputs: [{ name: 'y0', elemType: DataType.FLOAT, shape: [4] }], nodes },
    }), 'many-ops.onnx');
    const text = formatText(checkModel(model, { runtime: 'ort-cpu' }));
    expect(text).toContain('custom::Op0');
    expect(text).toContain(`custom::Op${OPS - 1}`);
    expect(text.split('\n').length).toBeGreaterThan(OPS);
  }, 60_000);
});
