// Bad input of every kind becomes an OnnxReadError naming the file, the byte offset and what was expected —
// never another exception, a hang, a stack overflow or an allocation sized by a lying length.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reader } from 'protobufjs/minimal';
import { afterAll, describe, expect, it } from 'vitest';
import { attr, buildModel, fieldHeader } from '../../../src/core/onnx/builder';
import { DataType } from '../../../src/core/onnx/model';
import { OnnxReadError, readModelBytes, readModelFile } from '../../../src/core/onnx/reader';

const tmp = mkdtempSync(join(tmpdir(), 'onnx-errors-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const rich = buildModel({
  irVersion: 10, producerName: 'errors-test', opsetImport: [{ domain: '', version: 21 }, { domain: 'custom', version: 1 }],
  metadataProps: { k: 'v' },
  graph: {
    name: 'g',
    inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 'n'] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT }],
    initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [4], raw: new Uint8Array(16) }, { name: 'i', dataType: DataType.INT64, dims: [2], ints: [-1, 300] }],
    nodes: [
      { opType: 'Add', inputs: ['x', 'w'], outputs: ['a'], attributes: { alpha: attr.float(0.5), axes: [-1, 2], mode: 'constant' } },
      { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: { then_branch: { nodes: [{ opType: 'Relu', inputs: ['a'], outputs: ['y'] }] }, else_branch: { nodes: [{ opType: 'Neg', inputs: ['a'], outputs: ['y'] }] } } },
    ],
  },
  functions: [{ name: 'F', domain: 'custom', inputs: ['p'], outputs: ['q'], nodes: [{ opType: 'Sqrt', inputs: ['p'], outputs: ['q'] }], opsetImport: [{ domain: '', version: 21 }] }],
});

/** Offsets where a top-level ModelProto field ends: a file cut there is a shorter, valid model. */
function topLevelBoundaries(bytes: Uint8Array): Set<number> {
  const r = new Reader(bytes);
  const ends = new Set<number>([0]);
  while (r.pos < r.len) {
    r.skipType(r.uint32() & 7);
    ends.add(r.pos);
  }
  return ends;
}

function expectReadError(run: () => unknown, pattern?: RegExp): OnnxReadError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(OnnxReadError);
    if (pattern) expect((error as Error).message).toMatch(pattern);
    return error as OnnxReadError;
  }
  throw new Error('expected an OnnxReadError, but the model was read');
}

describe('truncation', () => {
  const boundaries = topLevelBoundaries(rich);

  it('fails with OnnxReadError at every cut inside a field, from memory and from a file alike', () => {
    let errors = 0;
    for (let cut = 1; cut < rich.length; cut++) {
      const prefix = rich.subarray(0, cut);
      if (boundaries.has(cut)) {
        expect(() => readModelBytes(prefix)).not.toThrow();
        continue;
      }
      const fromMemory = expectReadError(() => readModelBytes(prefix, 'cut.onnx'));
      expect(fromMemory.file).toBe('cut.onnx');
      expect(fromMemory.offset).toBeGreaterThanOrEqual(0);
      expect(fromMemory.offset).toBeLessThanOrEqual(cut);
      const path = join(tmp, `cut-${cut}.onnx`);
      writeFileSync(path, prefix);
      const fromFile = expectReadError(() => readModelFile(path));
      expect(fromFile.file).toBe(path);
      expect([fromFile.offset, fromFile.expected]).toEqual([fromMemory.offset, fromMemory.expected]);
      expect(fromFile.message).toContain(`byte ${fromFile.offset}`);
      errors++;
    }
    expect(errors).toBeGreaterThan(rich.length - boundaries.size - 1);
  });

  it('a failed read leaves nothing behind: the same model reads identically before and after every cut', () => {
    const before = JSON.stringify(readModelBytes(rich, 'rich.onnx').graph);
    for (let cut = 1; cut < rich.length; cut += 7) {
      try {
        readModelBytes(rich.subarray(0, cut), 'cut.onnx');
      } catch {
        // expected for most cuts
      }
      expect(JSON.stringify(readModelBytes(rich, 'rich.onnx').graph)).toBe(before);
    }
  });

  it('reports a truncated varint with its offset', () => {
    const bytes = new Uint8Array([0x08, 0x80, 0x80]);
    const error = expectReadError(() => readModelBytes(bytes, 't.onnx'), /varint/);
    expect(error.offset).toBe(1);
    expect(error.message).toBe('t.onnx: byte 1: expected a varint, found the end of the file at byte 3: the file looks cut short (an interrupted download or copy?)');
    expect(error.hint).toMatch(/^The file ends in the middle of the model/);
  });

  it('says a file looks cut short only when a value runs past the end of the file, not of its message', () => {
    const whole = buildModel({ graph: { nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } });
    const cut = expectReadError(() => readModelBytes(whole.subarray(0, whole.length - 3), 'cut.onnx'), /length/);
    expect(cut.found).toMatch(/^length \d+, ending at byte \d+, past the end of the file \(\d+ bytes\): the file looks cut short/);
    expect(cut.hint).toBe('The file ends in the middle of the model: it looks cut short (an interrupted download or copy?).');
    // A node whose op_type claims more bytes than its node holds, inside a whole file: a malformed model, not a cut.
    const inside = buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ field: 4, wireType: 2, raw: new Uint8Array([0x05, 0x61]) }] }], name: 'padding-after-the-node' } });
    const malformed = expectReadError(() => readModelBytes(inside, 'bad.onnx'), /NodeProto\.op_type/);
    expect(malformed.found).toMatch(/^length 5, ending at byte \d+$/);
    expect(malformed.hint).toBeUndefined();
  });

  it('does not call a whole file cut short when a packed field ends inside a varint', () => {
    // int64_data split over two packed fields (decoded while reading); the first one's last varint never ends.
    const bytes = buildModel({ graph: { name: 'g', initializers: [{ name: 'w', dataType: DataType.INT64, dims: [2], extraFields: [
      { field: 7, wireType: 2, raw: new Uint8Array([0x02, 0x05, 0x80]) },
      { field: 7, wireType: 2, raw: new Uint8Array([0x01, 0x07]) },
    ] }], nodes: [{ opType: 'Identity', inputs: ['w'], outputs: ['y'] }], outputs: [{ name: 'y' }] } });
    const error = expectReadError(() => readModelBytes(bytes, 'packed.onnx'), /expected a varint/);
    expect(error.message).not.toContain('cut short');
    expect(error.message).not.toContain('end of the file');
    expect(error.hint).toBeUndefined();
  });

  it('refuses a varint longer than ten bytes', () => {
    expectReadError(() => readModelBytes(new Uint8Array([0x08, ...new Array(11).fill(0xff), 0x01])), /at most 10 bytes/);
  });

  it('reads a field tag written in more bytes than it needs, and refuses one of more than ten', () => {
    // ir_version's tag (field 1, varint: 0x08) padded to six bytes, then its value 7.
    expect(readModelBytes(new Uint8Array([0x88, 0x80, 0x80, 0x80, 0x80, 0x00, 0x07])).irVersion).toBe(7);
    const error = expectReadError(() => readModelBytes(new Uint8Array([0x88, ...new Array(10).fill(0x80), 0x00, 0x07]), 'tag.onnx'), /at most 10 bytes/);
    expect(error.offset).toBe(0);
  });
});

describe('wire types and lengths', () => {
  it('names the field whose wire type is wrong', () => {
    const bytes = buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ field: 4, wireType: 0, value: 7 }] }] } });
    const error = expectReadError(() => readModelBytes(bytes, 'w.onnx'), /NodeProto\.op_type/);
    expect(error.expected).toBe('wire type length-delimited for NodeProto.op_type');
    expect(error.found).toBe('wire type varint');
    expect(bytes[error.offset]).toBe((4 << 3) | 0);
  });

  it('refuses the invalid wire types 6 and 7 and a stray end-group', () => {
    for (const wireType of [6, 7, 4]) {
      const bytes = buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ field: 50, wireType, raw: new Uint8Array([0]) }] }] } });
      expectReadError(() => readModelBytes(bytes), /valid wire type/);
    }
  });

  it('refuses lying lengths without allocating them', () => {
    const lies = [
      // graph (field 7) claiming 2 GB
      new Uint8Array([...fieldHeader(1, 0), 10, ...fieldHeader(7, 2, 2 ** 31 - 1)]),
      // a node whose op_type claims 4 GB - 1
      buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ field: 4, wireType: 2, raw: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]) }] }] } }),
      // raw_data longer than its tensor
      buildModel({ graph: { initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [1], extraFields: [{ field: 9, wireType: 2, raw: new Uint8Array([0x80, 0x80, 0x01, 1, 2, 3, 4]) }] }] } }),
    ];
    for (const bytes of lies) {
      const before = process.memoryUsage().arrayBuffers;
      const error = expectReadError(() => readModelBytes(bytes, 'lie.onnx'), /length/);
      expect(error.found).toMatch(/^length \d+, ending at byte \d+(, past the end of the file \(\d+ bytes\): the file looks cut short \(an interrupted download or copy\?\))?$/);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
    }
  });

  it('refuses a lying length in a 3 MB file without reading past the window', () => {
    const bytes = buildModel({ graph: { initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [786432], raw: new Uint8Array(3 << 20) }], nodes: [{ opType: 'Relu', extraFields: [{ field: 1, wireType: 2, raw: new Uint8Array([0xff, 0xff, 0xff, 0x7f]) }] }] } });
    const path = join(tmp, 'lie-big.onnx');
    writeFileSync(path, bytes);
    expectReadError(() => readModelFile(path), /NodeProto\.input/);
  });
});

describe('not an ONNX model', () => {
  const cases: Array<[string, Uint8Array, RegExp]> = [
    ['empty', new Uint8Array(0), /an empty file/],
    ['png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /a PNG image/],
    ['zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]), /ZIP archive/],
    ['pickle', new Uint8Array([0x80, 0x02, 0x63]), /pickle/],
    ['text', new TextEncoder().encode('hello world, this is not a model\n'), /text/],
    ['json', new TextEncoder().encode('{"model": "no"}'), /text/],
    ['git-lfs', new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n'), /Git LFS pointer/],
    ['zeros', new Uint8Array(64), /ONNX ModelProto|wire type|field/],
  ];
  it.each(cases)('refuses %s', (_name, bytes, pattern) => {
    const error = expectReadError(() => readModelBytes(bytes, 'x.onnx'), pattern);
    expect(error.file).toBe('x.onnx');
  });

  it('refuses a missing file with the path and the system error', () => {
    const error = expectReadError(() => readModelFile(join(tmp, 'missing.onnx')), /ENOENT/);
    expect(error.file).toBe(join(tmp, 'missing.onnx'));
  });

  it('refuses a directory', () => {
    expectReadError(() => readModelFile(tmp), /EISDIR|readable/);
  });
});

describe('nesting', () => {
  /** A model whose main graph holds an If whose then_branch holds an If … `levels` deep, built outside-in
   *  without recursion: every level is a prefix (tags and lengths), the innermost graph comes last. */
  function nestedGraphs(levels: number): Uint8Array {
    const innermost = new Uint8Array([0x0a, 0x06, 0x22, 0x04, ...new TextEncoder().encode('Relu')]); // graph { node { op_type: "Relu" } }
    const sizes: number[] = new Array(levels + 1);
    sizes[levels] = innermost.length;
    const prefixes: Uint8Array[] = new Array(levels);
    for (let i = levels - 1; i >= 0; i--) {
      const inner = sizes[i + 1]!;
      // attribute { name: "g" (3 bytes), type: GRAPH (2 bytes), g: <inner> }
      const attrHead = new Uint8Array([0x0a, 0x01, 0x67, 0xa0, 0x01, 0x05, ...fieldHeader(6, 2, inner)]);
      const attrSize = attrHead.length + inner;
      // node { op_type: "If" (4 bytes), attribute: <attr> }
      const nodeHead = new Uint8Array([0x22, 0x02, 0x49, 0x66, ...fieldHeader(5, 2, attrSize)]);
      const nodeSize = nodeHead.length + attrSize;
      // graph { node: <node> }
      const graphHead = fieldHeader(1, 2, nodeSize);
      sizes[i] = graphHead.length + nodeSize;
      prefixes[i] = Uint8Array.from([...graphHead, ...nodeHead, ...attrHead]);
    }
    const modelHead = Uint8Array.from([0x08, 0x0a, ...fieldHeader(7, 2, sizes[0]!)]);
    const total = modelHead.length + prefixes.reduce((n, p) => n + p.length, 0) + innermost.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of [modelHead, ...prefixes, innermost]) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  it('reads moderately nested subgraphs', () => {
    const model = readModelBytes(nestedGraphs(50));
    let g = model.graph;
    for (let i = 0; i < 50; i++) g = g.nodes[0]!.attributes[0]!.g!;
    expect(g.nodes[0]!.opType).toBe('Relu');
  });

  it('gives an error, not a stack overflow, for 10,000 nested subgraphs (memory and file)', () => {
    const bytes = nestedGraphs(10_000);
    expectReadError(() => readModelBytes(bytes), /nested at most \d+ messages deep/);
    const path = join(tmp, 'deep.onnx');
    writeFileSync(path, bytes);
    expectReadError(() => readModelFile(path), /nested at most/);
  });

  it('gives an error for 10,000 nested sequence types', () => {
    const levels = 10_000;
    // TypeProto { sequence_type (4) { elem_type (1) { … } } }, innermost an empty TypeProto.
    const sizes = new Array<number>(levels + 1);
    sizes[levels] = 0;
    const heads: Uint8Array[] = [];
    for (let i = levels - 1; i >= 0; i--) {
      const elem = fieldHeader(1, 2, sizes[i + 1]!);
      const seq = fieldHeader(4, 2, elem.length + sizes[i + 1]!);
      sizes[i] = seq.length + elem.length + sizes[i + 1]!;
      heads.unshift(Uint8Array.from([...seq, ...elem]));
    }
    const valueInfo = Uint8Array.from([0x0a, 0x01, 0x78, ...fieldHeader(2, 2, sizes[0]!), ...heads.flatMap((h) => Array.from(h))]);
    const graph = Uint8Array.from([...fieldHeader(11, 2, valueInfo.length), ...valueInfo]);
    const bytes = Uint8Array.from([0x08, 0x0a, ...fieldHeader(7, 2, graph.length), ...graph]);
    expectReadError(() => readModelBytes(bytes), /nested at most/);
  });

  it('skips 100,000 nested unknown groups without recursion', () => {
    const depth = 100_000;
    const start = fieldHeader(60, 3);
    const end = fieldHeader(60, 4);
    const raw = new Uint8Array((depth - 1) * (start.length + end.length) + end.length);
    let at = 0;
    for (let i = 1; i < depth; i++) { raw.set(start, at); at += start.length; }
    for (let i = 0; i < depth; i++) { raw.set(end, at); at += end.length; }
    const model = readModelBytes(buildModel({ graph: { nodes: [{ opType: 'Relu', extraFields: [{ field: 60, wireType: 3, raw }] }] } }));
    expect(model.graph.nodes[0]!.opType).toBe('Relu');
  });
});

describe('fuzzing', () => {
  it('turns 3,000 random mutations of a valid model into a model or an OnnxReadError, nothing else', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    let models = 0;
    let errors = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = rich.slice();
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        readModelBytes(bytes);
        models++;
      } catch (error) {
        if (!(error instanceof OnnxReadError)) throw error;
        errors++;
      }
    }
    expect(models + errors).toBe(3000);
    expect(errors).toBeGreaterThan(0);
  });
});
