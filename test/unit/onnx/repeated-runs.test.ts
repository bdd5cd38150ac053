// Attribute lists repeated byte for byte are decoded once and shared (repeated-runs.ts): every node still reads
// exactly its own attributes, shared lists cannot be changed, subgraph attributes and large tensors are never shared,
// and a file of all-different attributes is read the same once the cache is full.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attr, buildModel, encodeNode, type AttrInput, type NodeSpec } from '../../../src/core/onnx/builder';
import type { Attribute } from '../../../src/core/onnx/model';
import { readModelBytes, readModelFile, readTensorNumbers } from '../../../src/core/onnx/reader';
import { RepeatedRuns } from '../../../src/core/onnx/repeated-runs';
import { SMALL_PAYLOAD_BYTES } from '../../../src/core/onnx/small-payloads';

/** What a test cares about in an attribute: its name, type and value fields. */
function values(list: readonly Attribute[]) {
  return list.map((a) => ({ name: a.name, type: a.type, f: a.f, i: a.i, s: a.s, floats: [...a.floats], ints: [...a.ints], strings: [...a.strings] }));
}

/** A tiny deterministic generator, so a failure names its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32;
}

describe('attribute lists shared between nodes', () => {
  it('gives every node its own values and one frozen list per distinct run of bytes', () => {
    const next = random(7);
    const choices: Array<Record<string, AttrInput>> = [
      { perm: [0, 2, 1, 3] },
      { axes: [-1], keepdims: 1 },
      { axis: -1 },
      { alpha: 0.5, mode: 'constant' },
      { to: 1 },
      { names: ['a', 'ünï'], scales: [0.25, -2.5] },
    ];
    const picks = Array.from({ length: 600 }, () => Math.floor(next() * choices.length));
    const nodes: NodeSpec[] = picks.map((pick, i) => ({ opType: 'Op', name: `n${i}`, inputs: [`v${i}`], outputs: [`v${i + 1}`], attributes: choices[pick] }));
    const graph = readModelBytes(buildModel({ graph: { nodes } })).graph;

    const listOf = new Map<number, Attribute[]>();
    graph.nodes.forEach((node, i) => {
      const expected = values(readModelBytes(buildModel({ graph: { nodes: [nodes[i]!] } })).graph.nodes[0]!.attributes);
      expect(values(node.attributes)).toEqual(expected);
      const first = listOf.get(picks[i]!);
      if (first === undefined) listOf.set(picks[i]!, node.attributes);
      else expect(node.attributes).toBe(first);
    });
    expect(new Set(graph.nodes.map((n) => n.attributes)).size).toBe(new Set(picks).size);
    const shared = graph.nodes[0]!.attributes;
    expect(Object.isFrozen(shared) && Object.isFrozen(shared[0]) && Object.isFrozen(shared[0]!.ints)).toBe(true);
    expect(() => (shared as Attribute[]).push(shared[0]!)).toThrow(TypeError);
  });

  it('never shares an attribute that holds a subgraph', () => {
    const branch = { nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }], outputs: [{ name: 'y' }] };
    const ifNode = (i: number): NodeSpec => ({ opType: 'If', name: `if${i}`, inputs: ['c'], outputs: [`o${i}`], attributes: { then_branch: branch, else_branch: branch } });
    const graph = readModelBytes(buildModel({ graph: { nodes: [ifNode(0), ifNode(1)] } })).graph;
    const [if0, if1] = graph.nodes;
    expect(if0!.attributes).not.toBe(if1!.attributes);
    expect(if0!.attributes[0]!.g).not.toBe(if1!.attributes[0]!.g);
    expect(if1!.attributes.map((a) => a.g!.nodes[0]!.opType)).toEqual(['Identity', 'Identity']);
  });

  it('shares a small constant between the Constants that repeat its bytes, never a larger tensor', () => {
    const constant = (name: string, floats: number[]): NodeSpec => ({ opType: 'Constant', name, outputs: [name], attributes: { value: attr.tensor({ name: '', dataType: 1, dims: [floats.length], floats }) } });
    const large = Array.from({ length: SMALL_PAYLOAD_BYTES / 4 + 1 }, (_, i) => i);
    const folder = mkdtempSync(join(tmpdir(), 'repeated-runs-'));
    try {
      const path = join(folder, 'constants.onnx');
      writeFileSync(path, buildModel({ graph: { nodes: [constant('a', [2]), constant('b', [2]), constant('c', [3]), constant('d', large), constant('e', large)] } }));
      // From the file too: the second copy shares the first one's payload, whose bytes the reader kept.
      for (const model of [readModelBytes(readFileSync(path)), readModelFile(path)]) {
        const [a, b, c, d, e] = model.graph.nodes;
        expect(b!.attributes).toBe(a!.attributes);
        expect(Object.isFrozen(a!.attributes[0]!.t) && Object.isFrozen(a!.attributes[0]!.t!.payload)).toBe(true);
        expect(c!.attributes).not.toBe(a!.attributes);
        expect(d!.attributes).not.toBe(e!.attributes);
        expect(Object.isFrozen(d!.attributes)).toBe(false);
        expect([a, b, c].map((n) => readTensorNumbers(model, n!.attributes[0]!.t!))).toEqual([[2], [2], [3]]);
        expect(readTensorNumbers(model, e!.attributes[0]!.t!)).toEqual(large);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads attributes a writer scattered among the other fields, in file order', () => {
    const run = (attributes: Record<string, AttrInput>) => encodeNode({ opType: '', attributes });
    const node: NodeSpec = { opType: 'Op', attributes: { axis: 1 }, docString: 'between', extraFields: [{ verbatim: run({ keepdims: 0 }) }] };
    const graph = readModelBytes(buildModel({ graph: { nodes: [node, node, { ...node, extraFields: [{ verbatim: run({ keepdims: 1 }) }] }] } })).graph;
    expect(graph.nodes.map((n) => n.attributes.map((a) => `${a.name}=${a.i}`))).toEqual([['axis=1', 'keepdims=0'], ['axis=1', 'keepdims=0'], ['axis=1', 'keepdims=1']]);
    expect(graph.nodes[2]!.docString).toBe('between');
  });

  it('reads a node of 80,000 attributes each split from the next by a doc string in linear time', () => {
    // Hostile: attribute, doc_string, attribute, … — joining the runs by copying would cost N² (minutes here).
    const pairs = 80_000;
    const pair = [0x2a, 0x00, 0x32, 0x00]; // an empty AttributeProto, then an empty doc_string
    const scattered = new Uint8Array(pairs * pair.length).map((_, i) => pair[i % pair.length]!);
    const started = performance.now();
    const node = readModelBytes(buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ verbatim: scattered }] }] } })).graph.nodes[0]!;
    expect(node.attributes.length).toBe(pairs);
    expect(performance.now() - started).toBeLessThan(5000); // ~0.1 s linear; the quadratic join took minutes
  });

  it('reads 10,000 all-different attribute lists right once the cache has stopped taking more', () => {
    const nodes: NodeSpec[] = Array.from({ length: 10_000 }, (_, i) => ({ opType: 'Gather', name: `g${i}`, attributes: { axis: i - 5000, batch_dims: [i, 1 - i] } }));
    const graph = readModelBytes(buildModel({ graph: { nodes } })).graph;
    graph.nodes.forEach((node, i) => {
      expect(node.attributes.map((a) => a.i ?? [...a.ints])).toEqual([i - 5000, [i, 1 - i]]);
    });
  });
});

describe('RepeatedRuns', () => {
  it('finds only exactly the bytes it was given, and declines past its bound', () => {
    const runs = new RepeatedRuns<string>();
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6]);
    runs.remember(bytes, 1, 3, 'two-three-four');
    expect(runs.find(new Uint8Array([9, 2, 3, 4]), 1, 3)).toBe('two-three-four');
    expect(runs.find(bytes, 1, 2)).toBeUndefined();
    expect(runs.find(bytes, 2, 3)).toBeUndefined();
    bytes[2] = 7; // the cache kept a copy
    expect(runs.find(new Uint8Array([2, 3, 4]), 0, 3)).toBe('two-three-four');
    for (let i = 0; i < 10_000; i++) runs.remember(new Uint8Array([i & 255, i >> 8, 1]), 0, 3, `v${i}`);
    expect(runs.find(new Uint8Array([0, 0, 1]), 0, 3)).toBe('v0');
    expect(runs.find(new Uint8Array([16, 39, 1]), 0, 3)).toBeUndefined(); // 9,999: past the bound, not kept
  });
});
