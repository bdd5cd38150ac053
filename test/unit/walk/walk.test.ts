import { describe, expect, it } from 'vitest';
import { attr, buildModel } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';
import { iterateNodes, nodeLabel } from '../../../src/core/onnx/walk';

const branch = (op: string) => ({ nodes: [{ opType: op, inputs: ['x'], outputs: ['y'] }], outputs: [{ name: 'y' }] });

function ifModel() {
  return readModelBytes(
    buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'c' }, { name: 'x' }],
        nodes: [
          { opType: 'Relu', inputs: ['x'], outputs: ['r'], name: 'first' },
          { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: { then_branch: attr.graph(branch('Neg')), else_branch: attr.graph(branch('Abs')) } },
        ],
      },
      functions: [{ domain: 'local', name: 'F', inputs: ['a'], outputs: ['b'], opsetImport: [{ domain: '', version: 13 }], nodes: [{ opType: 'Sigmoid', inputs: ['a'], outputs: ['b'] }] }],
    }),
  );
}

describe('iterateNodes', () => {
  it('visits main-graph nodes, then each subgraph in attribute order, with stable paths', () => {
    const refs = [...iterateNodes(ifModel())];
    expect(refs.map((r) => r.path)).toEqual(['/0:Relu', '/1:If', '/1:If/then_branch/0:Neg', '/1:If/else_branch/0:Abs']);
    expect(refs.map(nodeLabel)).toEqual(['first', '/1:If', '/1:If/then_branch/0:Neg', '/1:If/else_branch/0:Abs']);
    expect(refs[2]!.scope.kind).toBe('subgraph');
    expect(refs[2]!.scope.depth).toBe(1);
  });

  it('visits function bodies with the function’s own opset imports only when asked', () => {
    const model = ifModel();
    expect([...iterateNodes(model)].some((r) => r.scope.kind === 'function')).toBe(false);
    const fn = [...iterateNodes(model, { functions: true })].filter((r) => r.scope.kind === 'function');
    expect(fn.map((r) => r.path)).toEqual(['fn:local::F/0:Sigmoid']);
    expect(fn[0]!.scope.opsetImport).toEqual([{ domain: '', version: 13 }]);
  });

  it('gives subgraphs of repeated attribute names distinct paths (a hostile model)', () => {
    const model = ifModel();
    const ifNode = model.graph.nodes[1]!;
    ifNode.attributes = [ifNode.attributes[0]!, { ...ifNode.attributes[1]!, name: 'then_branch' }];
    const paths = [...iterateNodes(model)].map((r) => r.path);
    expect(paths).toEqual(['/0:Relu', '/1:If', '/1:If/then_branch/0:Neg', '/1:If/then_branch~2/0:Abs']);
  });

  it('walks 10,000 nested subgraphs without overflowing the stack', () => {
    // Nested in memory: the reader's own depth limit is tested with the reader.
    const model = ifModel();
    let g = model.graph;
    g.nodes = [];
    for (let i = 0; i < 10_000; i++) {
      const inner = { ...model.graph, nodes: [] as typeof g.nodes };
      g.nodes = [{ name: '', opType: 'Loop', domain: '', overload: '', inputs: [], outputs: [], docString: '', metadataProps: [], attributes: [{ name: 'body', type: 5, docString: '', g: inner, floats: [], ints: [], strings: [], tensors: [], graphs: [], sparseTensors: [], typeProtos: [] }] }];
      g = inner;
    }
    let count = 0;
    let deepest = 0;
    for (const ref of iterateNodes(model)) {
      count++;
      deepest = Math.max(deepest, ref.scope.depth);
    }
    expect(count).toBe(10_000);
    expect(deepest).toBe(9_999);
  });
});
