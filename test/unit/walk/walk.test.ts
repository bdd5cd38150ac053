import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, buildModel } from '../../../src/core/onnx/builder';
import type { Model } from '../../../src/core/onnx/model';
import { readModelBytes, readModelFile } from '../../../src/core/onnx/reader';
import { iterateNodes, nodeAtPath, nodeLabel } from '../../../src/core/onnx/walk';
import { corpusNodeDir, fixturesDir } from '../../helpers/paths';

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

/** Every node's path leads back to that very node, its index and its scope. */
function expectEveryPathResolves(model: Model): number {
  let count = 0;
  for (const ref of iterateNodes(model, { functions: true })) {
    const found = nodeAtPath(model, ref.path);
    expect(found?.node, ref.path).toBe(ref.node);
    expect([found!.index, found!.scope.path]).toEqual([ref.index, ref.scope.path]);
    count++;
  }
  return count;
}

describe('nodeAtPath', () => {
  it('finds each node of the main graph, its subgraphs and functions by its path, and nothing for other paths', () => {
    const model = ifModel();
    expect(expectEveryPathResolves(model)).toBe(5);
    for (const wrong of ['', '/', '/5:Relu', '/0:Add', '/00:Relu', '/0:Relu/x', '/1:If/then_branch/0:Abs', '/1:If/other/0:Neg', 'fn:local::F/1:Sigmoid', 'fn:other::F/0:Sigmoid', '0:Relu']) {
      expect(nodeAtPath(model, wrong), wrong).toBeUndefined();
    }
  });

  it("is not misled by op types and attribute names holding '/' and ':' (a hostile model)", () => {
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { nodes: [
        { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: { x: attr.graph(branch('Neg')), 'x/0:Neg/y': attr.graph(branch('Abs')) } },
        { opType: 'a:b/c', domain: 'custom', inputs: ['y'], outputs: ['z'] },
      ] },
    }));
    const paths = [...iterateNodes(model)].map((r) => r.path);
    expect(paths).toEqual(['/0:If', '/0:If/x/0:Neg', '/0:If/x/0:Neg/y/0:Abs', '/1:a:b/c']);
    expect(expectEveryPathResolves(model)).toBe(4);
  });

  it('finds every node of every conformance-corpus model and torch fixture by its path', () => {
    const torch = join(fixturesDir, 'torch');
    const files = [
      ...(existsSync(corpusNodeDir) ? readdirSync(corpusNodeDir).map((d) => join(corpusNodeDir, d, 'model.onnx')).filter((f) => existsSync(f)) : []),
      ...readdirSync(torch).filter((f) => f.endsWith('.onnx')).map((f) => join(torch, f)),
    ];
    let nodes = 0;
    for (const file of files) nodes += expectEveryPathResolves(readModelFile(file));
    expect(nodes).toBeGreaterThan(10_000);
  });
});
