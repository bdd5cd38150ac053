// checkModel on a model with more decomposed constructs than a function call can take arguments: 130,000 SiLU
// chains (Sigmoid then Mul, 260,000 nodes). Their findings used to be appended with push(...findings), which
// threw RangeError (Maximum call stack size exceeded) past ~120,000 and took down every view of the model.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { buildModel, DataType, type NodeSpec } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';

const CHAINS = 130_000;

describe('a model with 130,000 decomposed SiLU chains', () => {
  it('is checked: one decomposed-op finding per chain', () => {
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < CHAINS; i++) nodes.push({ opType: 'Sigmoid', inputs: ['x'], outputs: [`s${i}`] }, { opType: 'Mul', inputs: ['x', `s${i}`], outputs: [`y${i}`] });
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [4] }], outputs: Array.from({ length: CHAINS }, (_, i) => ({ name: `y${i}`, elemType: DataType.FLOAT, shape: [4] })), nodes },
    }), 'many-silu.onnx');
    const report = checkModel(model);
    expect(report.decompositions).toHaveLength(CHAINS);
    expect(report.findings.filter((f) => f.code === 'decomposed-op')).toHaveLength(CHAINS);
  }, 60_000);
});
