// Reading the op and the opset header back from ONNX text (what the .onnxtxt hover needs): on the printed text of
// every conformance-corpus model and torch/QDQ fixture, each node's op name is found at its printed range with
// the imports of its scope (model or function), and no other line is taken for a node; plus hand-written text.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import type { Model } from '../../../src/core/onnx/model';
import { printModel } from '../../../src/core/onnx/printer';
import { readModelBytes, readModelFile } from '../../../src/core/onnx/reader';
import { opAt, opOnLine, textLines } from '../../../src/core/onnx/text-ops';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { corpusNodeDir, fixturesDir } from '../../helpers/paths';

function onnxFiles(dir: string, nested = false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().map((d) => (nested ? join(dir, d, 'model.onnx') : join(dir, d))).filter((f) => f.endsWith('.onnx') && existsSync(f));
}

/** No corpus model has model-local functions: one whose function imports another opset, with an If subgraph. */
function functionModel(): Model {
  return readModelBytes(buildModel({
    opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }],
    graph: {
      inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'c', elemType: DataType.BOOL }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT }],
      nodes: [
        { opType: 'SwiGLU', domain: 'local', inputs: ['x'], outputs: ['s'] },
        { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: {
          then_branch: { name: 'then_g', outputs: [{ name: 't', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['s'], outputs: ['t'] }] },
          else_branch: { name: 'else_g', outputs: [{ name: 'e', elemType: DataType.FLOAT }], nodes: [{ opType: 'Neg', inputs: ['s'], outputs: ['e'] }] },
        } },
      ],
    },
    functions: [{
      domain: 'local', name: 'SwiGLU', inputs: ['a'], outputs: ['b'], opsetImport: [{ domain: '', version: 18 }, { domain: 'com.microsoft', version: 1 }],
      nodes: [{ opType: 'Sigmoid', inputs: ['a'], outputs: ['g'] }, { opType: 'Mul', inputs: ['a', 'g'], outputs: ['b'] }],
    }],
  }), 'function-model.onnx');
}

const models: Array<string | Model> = [...onnxFiles(corpusNodeDir, true), ...onnxFiles(join(fixturesDir, 'torch')), ...onnxFiles(join(fixturesDir, 'qdq')), functionModel()];

describe('opAt on printed models', () => {
  it('finds every node\'s op with its scope\'s imports, and takes no other line for a node', () => {
    expect(models.length).toBeGreaterThan(1800);
    let nodes = 0;
    let functionNodes = 0;
    for (const entry of models) {
      const model = typeof entry === 'string' ? readModelFile(entry) : entry;
      const file = model.source.path;
      const printed = printModel(model);
      const lines = textLines(printed.text);
      const nodeLines = new Set(printed.nodeLines.values());
      for (const ref of iterateNodes(model, { functions: true })) {
        const range = printed.opRanges.get(ref.path)!;
        for (const character of [range.start, range.end - 1]) {
          const found = opAt(lines, range.line, character);
          expect(found, `${file} ${ref.path}`).toMatchObject({ domain: ref.node.domain, opType: ref.node.opType, start: range.start, end: range.end });
          expect(found!.opsetImport, `${file} ${ref.path}`).toEqual(ref.scope.opsetImport.map((o) => ({ domain: o.domain, version: Number(o.version) })));
        }
        // Before the op name (the node's name or outputs) is not an op.
        expect(opAt(lines, range.line, range.start - 2)).toBeUndefined();
        nodes++;
        if (ref.scope.kind === 'function') functionNodes++;
      }
      for (let line = 0; line < lines.count; line++) {
        if (opOnLine(lines.at(line))) expect(nodeLines.has(line), `${file} line ${line + 1}: ${lines.at(line)}`).toBe(true);
      }
    }
    expect(nodes).toBeGreaterThan(5000);
    expect(functionNodes).toBeGreaterThan(0);
  });
});

describe('opAt on hand-written text', () => {
  it('reads a one-line header, qualified and quoted domains, and a function\'s own header', () => {
    const text = [
      '<ir_version: 7, opset_import: [ "" : 10, "com.microsoft" : 1, "local" : 1 ]>',
      'agraph (float[N, 128] X, float[128, 10] W) => (float[N, 10] C)',
      '{',
      '    T = MatMul(X, W)   # a trailing comment',
      '    ["n"] S, "odd name" = com.microsoft.FusedMatMul <alpha = 1.0> (T, W)',
      '    C = local.SwiGLU (S)',
      '}',
      '<',
      '   domain: "local",',
      '   opset_import: [',
      '      "" : 18',
      '   ]',
      '>',
      'SwiGLU <alpha, beta = 1.0> (x) => (y)',
      '{',
      '   y = "weird.domain"."Op" <axis: int = @alpha> (x)',
      '   z = Softmax (x)',
      '}',
    ].join('\n');
    const lines = textLines(text);
    expect(opAt(lines, 3, 9)).toMatchObject({ domain: '', opType: 'MatMul', start: 8, end: 14, headerLine: 0, opsetImport: [{ domain: '', version: 10 }, { domain: 'com.microsoft', version: 1 }, { domain: 'local', version: 1 }] });
    expect(opAt(lines, 4, 40)).toMatchObject({ domain: 'com.microsoft', opType: 'FusedMatMul' });
    expect(opAt(lines, 4, 12)).toBeUndefined();
    expect(opAt(lines, 5, 12)).toMatchObject({ domain: 'local', opType: 'SwiGLU' });
    expect(opAt(lines, 15, 12)).toMatchObject({ domain: 'weird.domain', opType: 'Op', headerLine: 9, opsetImport: [{ domain: '', version: 18 }] });
    expect(opAt(lines, 16, 8)).toMatchObject({ opType: 'Softmax', opsetImport: [{ domain: '', version: 18 }] });
    // Header lines, the signature and attributes are not nodes.
    for (const line of [0, 1, 9, 13]) expect(opOnLine(lines.at(line)), lines.at(line)).toBeUndefined();
    expect(opAt(lines, 99, 0)).toBeUndefined();
  });

  it('has no header to offer when the text has none', () => {
    expect(opAt(textLines('y = Relu (x)'), 0, 5)).toMatchObject({ opType: 'Relu', opsetImport: [], headerLine: -1 });
  });
});
