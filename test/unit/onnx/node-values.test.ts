// Value ids: the table the reader makes while decoding equals the one made from the node strings, on real models,
// and the hash table itself holds up (ASCII and non-ASCII names, growth, names it never saw).
import { readdirSync, readFileSync } from 'node:fs';
import { Reader } from 'protobufjs/minimal';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/core/onnx/builder';
import type { Node } from '../../../src/core/onnx/model';
import { NodeValuesBuilder, nodeValuesOf, ValueNames, type NodeValues } from '../../../src/core/onnx/node-values';
import { readModelBytes, readModelFile } from '../../../src/core/onnx/reader';
import { addSubScopes, nodesOf, rootScopes, type GraphScope } from '../../../src/core/onnx/walk';
import { corpusNodeDir, fixturesDir, hasShared } from '../../helpers/paths';

/** The names each node reads and writes, spelled back from the ids. */
function spelled(values: NodeValues, count: number): Array<[string[], string[]]> {
  const name = (id: number) => (id < 0 ? '' : values.names.names[id]!);
  const out: Array<[string[], string[]]> = [];
  for (let i = 0; i < count; i++) {
    out.push([
      Array.from(values.inIds.subarray(values.inStart[i], values.inStart[i + 1]), name),
      Array.from(values.outIds.subarray(values.outStart[i], values.outStart[i + 1]), name),
    ]);
  }
  return out;
}

function allNodeLists(path: string): Array<readonly Node[]> {
  const model = readModelFile(path);
  const lists: Array<readonly Node[]> = [];
  const stack: GraphScope[] = [...rootScopes(model, true)];
  while (stack.length > 0) {
    const scope = stack.pop()!;
    const nodes = nodesOf(scope);
    lists.push(nodes);
    nodes.forEach((node, i) => addSubScopes(scope, i, node, stack));
  }
  return lists;
}

/** The main graph's node inputs and outputs, decoded with protobufjs alone (fields of onnx.proto: ModelProto.graph
 *  = 7, GraphProto.node = 1, NodeProto.input = 1, output = 2): an oracle that shares no code with the reader. */
function plainDecode(bytes: Uint8Array): Array<[string[], string[]]> {
  const fields = (r: Reader, end: number, each: (field: number, r: Reader) => void) => {
    while (r.pos < end) {
      const tag = r.uint32();
      if ((tag & 7) === 2) each(tag >>> 3, r);
      else r.skipType(tag & 7);
    }
  };
  const nodes: Array<[string[], string[]]> = [];
  const r = new Reader(bytes);
  fields(r, bytes.length, (field) => {
    if (field !== 7) return void r.skip(r.uint32());
    const graphEnd = r.uint32() + r.pos;
    fields(r, graphEnd, (f) => {
      if (f !== 1) return void r.skip(r.uint32());
      const node: [string[], string[]] = [[], []];
      fields(r, r.uint32() + r.pos, (nf) => {
        if (nf === 1) node[0].push(r.string());
        else if (nf === 2) node[1].push(r.string());
        else r.skip(r.uint32());
      });
      nodes.push(node);
    });
  });
  return nodes;
}

describe('value ids made by the reader', () => {
  const torch = join(fixturesDir, 'torch');
  const qdq = join(fixturesDir, 'qdq');
  const files = [
    ...readdirSync(torch).filter((f) => f.endsWith('.onnx')).map((f) => join(torch, f)),
    ...readdirSync(qdq).filter((f) => f.endsWith('.onnx')).map((f) => join(qdq, f)),
    // Control flow: If/Loop/Scan bodies and sequence maps, each its own node list with its own table.
    ...(hasShared ? readdirSync(corpusNodeDir).filter((d) => /^test_(if|loop|scan|sequence_map)/.test(d)).map((d) => join(corpusNodeDir, d, 'model.onnx')) : []),
  ];

  it('spell every node input and output of the torch fixtures and QDQ twins, subgraphs and functions included', () => {
    let nodes = 0;
    let lists = 0;
    for (const file of files) {
      for (const list of allNodeLists(file)) {
        lists++;
        const values = nodeValuesOf(list);
        expect(spelled(values, list.length)).toEqual(list.map((n) => [[...n.inputs], [...n.outputs]]));
        // One id per distinct name: the table is exactly the set of names the list mentions.
        const mentioned = new Set(list.flatMap((n) => [...n.inputs, ...n.outputs]).filter((v) => v !== ''));
        expect(new Set(values.names.names)).toEqual(mentioned);
        expect(values.names.size).toBe(mentioned.size);
        nodes += list.length;
      }
    }
    expect(nodes).toBeGreaterThan(4000);
    if (hasShared) expect(lists).toBeGreaterThan(files.length);
  });

  it('give read nodes the inputs and outputs a plain protobuf decode finds, made once and shown in JSON', () => {
    let nodes = 0;
    for (const file of files.filter((f) => f.includes(`${join('fixtures', 'torch')}`))) {
      const list = readModelFile(file).graph.nodes;
      expect(list.map((n) => [n.inputs, n.outputs])).toEqual(plainDecode(readFileSync(file)));
      nodes += list.length;
    }
    expect(nodes).toBeGreaterThan(1000);
    const node = readModelFile(files[0]!).graph.nodes[0]!;
    expect(node.inputs).toBe(node.inputs);
    expect(JSON.parse(JSON.stringify(node))).toMatchObject({ opType: node.opType, inputs: node.inputs, outputs: node.outputs });
    // A spread copies a Node's own fields and nothing of the reader's bookkeeping.
    expect(Object.keys({ ...node }).sort()).toEqual(['attributes', 'docString', 'domain', 'metadataProps', 'name', 'opType', 'overload']);
  });

  it('are the same table whether the reader made it or the strings did', () => {
    const model = readModelFile(join(torch, 'llama_decoder_layer_opset17.onnx'));
    const fromReader = nodeValuesOf(model.graph.nodes);
    const copy = [...model.graph.nodes];
    const fromStrings = nodeValuesOf(copy);
    expect(fromStrings).not.toBe(fromReader);
    expect(Array.from(fromStrings.inIds)).toEqual(Array.from(fromReader.inIds));
    expect(Array.from(fromStrings.outIds)).toEqual(Array.from(fromReader.outIds));
    expect(fromStrings.names.names).toEqual(fromReader.names.names);
  });

  it('keep non-ASCII, absent and repeated names apart', () => {
    const model = readModelBytes(buildModel({
      graph: {
        nodes: [
          { opType: 'Relu', inputs: ['x'], outputs: ['ünïcödé'] },
          { opType: 'Clip', inputs: ['ünïcödé', '', 'max'], outputs: ['y'] },
          { opType: 'Add', inputs: ['y', 'ünïcödé'], outputs: ['日本'] },
        ],
      },
    }));
    const values = nodeValuesOf(model.graph.nodes);
    expect(spelled(values, 3)).toEqual([[['x'], ['ünïcödé']], [['ünïcödé', '', 'max'], ['y']], [['y', 'ünïcödé'], ['日本']]]);
    expect(values.names.idOf('ünïcödé')).toBe(values.inIds[values.inStart[2]! + 1]);
    expect(values.names.idOf('日本')).toBeGreaterThanOrEqual(0);
    expect(values.names.idOf('')).toBe(-1);
    expect(values.names.idOf('never-seen')).toBe(-1);
  });
});

describe('ValueNames', () => {
  it('gives one id per name through many rehashes, from strings and from bytes alike', () => {
    const names = new ValueNames();
    const encoder = new TextEncoder();
    const ascii = (buf: Uint8Array, start: number, end: number) => String.fromCharCode(...buf.subarray(start, end));
    const utf8 = (buf: Uint8Array, start: number, end: number) => new TextDecoder().decode(buf.subarray(start, end));
    const spellings = Array.from({ length: 50_000 }, (_, i) => (i % 97 === 0 ? `wërt_${i}` : `/layers.${i >> 4}/mlp/Mul_${i}_output_0`));
    const ids = spellings.map((s, i) => (i % 2 === 0 ? names.intern(s) : names.internBytes(encoder.encode(s), 0, encoder.encode(s).length, ascii, utf8)));
    expect(new Set(ids).size).toBe(spellings.length);
    spellings.forEach((s, i) => {
      expect(names.idOf(s)).toBe(ids[i]);
      const bytes = encoder.encode(`  ${s}`);
      expect(names.internBytes(bytes, 2, bytes.length - 2, ascii, utf8)).toBe(ids[i]);
      expect(names.intern(s)).toBe(ids[i]);
    });
    expect(names.size).toBe(spellings.length);
    expect(names.idOf('/layers.0/mlp/Mul_0_output_1')).toBe(-1);
    expect(names.degraded).toBe(false);
  });

  it('falls back to a Map when a file forges names that share one full hash (no quadratic reading)', () => {
    // FNV-1a collisions are cheap: find k colliding pairs, each from the state the previous one leaves, and
    // every choice of one string per pair spells a name with the same 32-bit hash: 2^k names, one hash.
    const step = (state: number, s: string) => {
      let h = state;
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h;
    };
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const pairs: Array<[string, string]> = [];
    let state = 0x811c9dc5 | 0;
    for (let k = 0; k < 7; k++) {
      const seen = new Map<number, string>();
      for (;;) {
        const s = (random() >>> 2).toString(36).padStart(7, 'a');
        const h = step(state, s);
        const other = seen.get(h);
        if (other !== undefined && other !== s) {
          pairs.push([other, s]);
          state = h;
          break;
        }
        seen.set(h, s);
      }
    }
    const spellings = pairs.reduce<string[]>((acc, [a, b]) => acc.flatMap((p) => [p + a, p + b]), ['']);
    expect(spellings.length).toBe(128);
    const names = new ValueNames();
    const ascii = (buf: Uint8Array, start: number, end: number) => String.fromCharCode(...buf.subarray(start, end));
    const ids = spellings.map((s, i) => {
      const bytes = new TextEncoder().encode(s);
      return i % 2 === 0 ? names.intern(s) : names.internBytes(bytes, 0, bytes.length, ascii, ascii);
    });
    expect(names.degraded).toBe(true);
    expect(new Set(ids).size).toBe(128);
    spellings.forEach((s, i) => {
      expect(names.idOf(s)).toBe(ids[i]);
      expect(names.intern(s)).toBe(ids[i]);
    });
    expect(names.idOf('never-seen')).toBe(-1);
  });

  it('refuses a table finished for a different node list', () => {
    const builder = new NodeValuesBuilder();
    builder.beginNode();
    expect(() => builder.finish([])).toThrow(/1 nodes begun, 0 in the list/);
  });
});
