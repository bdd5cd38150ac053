// The runtime verdict is worked out once per schema, op, opset and types (engine.ts runtimeVerdict): nodes that
// share all of them share a verdict, and a node differing in any one gets its own. ONNX Runtime's CPU provider
// has Sqrt kernels for float and double, not for int64.
import { describe, expect, it } from 'vitest';
import { check, only } from './build';
import { KeyPathMemo } from '../../../src/core/key-path-memo';

const FLOAT = 1;
const INT64 = 7;
const DOUBLE = 11;

describe('runtime verdicts, remembered per schema, op, opset and types', () => {
  it('flags every int64 Sqrt, and no float or double one, however the nodes interleave', () => {
    const inputs = [{ name: 'f', elemType: FLOAT, shape: [4] }, { name: 'i', elemType: INT64, shape: [4] }, { name: 'd', elemType: DOUBLE, shape: [4] }];
    const nodes = ['f', 'i', 'f', 'd', 'i', 'd', 'i'].map((input, k) => ({ name: `sqrt${k}`, opType: 'Sqrt', inputs: [input], outputs: [`y${k}`] }));
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs, outputs: nodes.map((n, k) => ({ name: n.outputs[0]!, elemType: [FLOAT, INT64, FLOAT, DOUBLE, INT64, DOUBLE, INT64][k]!, shape: [4] })), nodes },
    }, { runtime: 'ort-cpu' });
    const flagged = only(report, 'runtime-unsupported');
    expect(flagged.map((f) => f.nodeName)).toEqual(['sqrt1', 'sqrt4', 'sqrt6']);
    expect(new Set(flagged.map((f) => f.message)).size).toBe(1);
    expect(flagged[0]!.message).toContain('int64');
  });
});

describe('KeyPathMemo', () => {
  it('tells paths apart by every key, by list bounds and by undefined', () => {
    const memo = new KeyPathMemo<string | undefined>();
    const at = (...parts: Array<readonly unknown[]>) => {
      memo.start();
      for (const p of parts) memo.keys(p);
      return memo;
    };
    at(['a'], ['b']).set('a|b');
    at(['a', 'b'], []).set('ab|');
    at([undefined], []).set(undefined);
    expect(at(['a'], ['b']).get()).toBe('a|b');
    expect(at(['a', 'b'], []).get()).toBe('ab|');
    expect(at([undefined], []).has()).toBe(true);
    expect(at([undefined], []).get()).toBeUndefined();
    expect(at([], [undefined]).has()).toBe(false);
    expect(at(['a'], []).has()).toBe(false);
  });
});
