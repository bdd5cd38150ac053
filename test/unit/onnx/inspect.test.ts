// `onnx-coverage inspect`: JSON fields, several models in one call, human text, exit codes and messages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCommand } from '../../../src/cli/inspect';
import { attr, buildModel } from '../../../src/core/onnx/builder';
import { DataType } from '../../../src/core/onnx/model';
import { readModelFile } from '../../../src/core/onnx/reader';
import { corpusNodeDir } from '../../helpers/paths';

const tmp = mkdtempSync(join(tmpdir(), 'onnx-inspect-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function inspect(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await inspectCommand.run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const modelPath = join(tmp, 'model.onnx');
writeFileSync(modelPath, buildModel({
  irVersion: 9, producerName: 'pytorch', producerVersion: '2.1.0',
  opsetImport: [{ domain: 'ai.onnx', version: 17 }, { domain: 'com.microsoft', version: 1 }, { domain: 'custom', version: 1 }],
  metadataProps: { author: 'test' },
  graph: {
    inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 'seq', 768] }, { name: 'mask', type: { kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.BOOL } } }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT16, shape: [null, 4] }, { name: 'n', elemType: DataType.INT64, shape: [] }, { name: 'u', elemType: DataType.FLOAT }],
    initializers: [
      { name: 'w', dataType: DataType.FLOAT, dims: [768, 4], raw: new Uint8Array(768 * 4 * 4) },
      { name: 'b', dataType: DataType.FLOAT16, dims: [4], ints: [0, 0, 0, 0] },
      { name: 'ext', dataType: DataType.INT8, dims: [10], external: { location: 'w.bin' } },
    ],
    nodes: [
      { opType: 'MatMul', inputs: ['x', 'w'], outputs: ['m'] },
      { opType: 'FusedGelu', domain: 'com.microsoft', inputs: ['m'], outputs: ['g'] },
      { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: {
        then_branch: { nodes: [{ opType: 'Add', inputs: ['g', 'b'], outputs: ['y'] }] },
        else_branch: attr.graph({ nodes: [{ opType: 'Loop', outputs: ['y'], attributes: { body: { nodes: [{ opType: 'Add' }, { opType: 'MyOp', domain: 'custom' }] } } }] }),
      } },
      { opType: 'MyFn', domain: 'custom', inputs: ['g'], outputs: ['u'] },
    ],
  },
  functions: [{ name: 'MyFn', domain: 'custom', inputs: ['a'], outputs: ['b'], nodes: [{ opType: 'Sqrt' }, { opType: 'Sqrt' }, { opType: 'Relu' }] }],
  // Counted apart: inference runtimes never run training_info graphs.
  trainingInfo: [{ algorithm: { nodes: [{ opType: 'Mul' }, { opType: 'Sub' }] } }],
}));

describe('onnx-coverage inspect --json', () => {
  it('prints every field the issue asks for', async () => {
    const { code, stdout, stderr } = await inspect(modelPath, '--json');
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const s = JSON.parse(lines[0]!);
    expect(s).toEqual({
      path: modelPath,
      irVersion: 9,
      producer: { name: 'pytorch', version: '2.1.0' },
      opsetImport: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }, { domain: 'custom', version: 1 }],
      inputs: [{ name: 'x', type: 'tensor(float)[1,"seq",768]' }, { name: 'mask', type: 'seq(tensor(bool))' }],
      outputs: [{ name: 'y', type: 'tensor(float16)[?,4]' }, { name: 'n', type: 'tensor(int64)[]' }, { name: 'u', type: 'tensor(float)' }],
      nodeCount: 8,
      nodeCounts: { mainGraph: 4, subgraphs: 4, functions: 3, training: 2 },
      initializers: { count: 3, bytes: 768 * 4 * 4 + 4 * 2 + 10, external: 1 },
      opHistogram: { MatMul: 1, 'com.microsoft::FusedGelu': 1, If: 1, Add: 2, Loop: 1, 'custom::MyOp': 1, 'custom::MyFn': 1 },
      functions: [{ domain: 'custom', name: 'MyFn', opHistogram: { Sqrt: 2, Relu: 1 } }],
      metadata: { author: 'test' },
    });
  });

  it('prints one object per line for several models, matching the corpus', async () => {
    const paths = ['test_abs', 'test_loop11', 'test_if'].map((d) => join(corpusNodeDir, d, 'model.onnx'));
    const { code, stdout } = await inspect('--json', ...paths);
    expect(code).toBe(0);
    const objects = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o) => o.path)).toEqual(paths);
    expect(objects[0].opHistogram).toEqual({ Abs: 1 });
    expect(objects[1].opHistogram.Loop).toBe(1);
    expect(objects[2].opHistogram.If).toBe(1);
  });
});

describe('onnx-coverage inspect (text)', () => {
  it('prints a readable summary', async () => {
    const { code, stdout } = await inspect(modelPath);
    expect(code).toBe(0);
    expect(stdout).toContain(`${modelPath}\n`);
    expect(stdout).toMatch(/IR version\s+9/);
    expect(stdout).toMatch(/producer\s+pytorch 2\.1\.0/);
    expect(stdout).toMatch(/opset imports\s+ai\.onnx 17, com\.microsoft 1, custom 1/);
    expect(stdout).toContain('x: tensor(float)[1,"seq",768]');
    expect(stdout).toMatch(/nodes\s+8 \(main graph 4, subgraphs 4; functions 3; training graphs 2\)/);
    expect(stdout).toMatch(/initializers\s+3 \(12\.0 KiB, 1 external\)/);
    expect(stdout).toMatch(/ops\s+Add 2, If 1, Loop 1, MatMul 1, com\.microsoft::FusedGelu 1, custom::MyFn 1, custom::MyOp 1/);
    expect(stdout).toMatch(/functions\s+custom::MyFn \(Sqrt 2, Relu 1\)/);
    expect(stdout).toMatch(/metadata\s+author = test/);
  });
});

describe('bad input', () => {
  it('exits 2 with the reader message on stderr, and still prints the good models', async () => {
    const bad = join(tmp, 'bad.onnx');
    writeFileSync(bad, new Uint8Array([0x08, 0x0a, 0x3a, 0x7f, 0x0a]));
    const { code, stdout, stderr } = await inspect('--json', modelPath, bad);
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toBe(`onnx-coverage inspect: ${bad}: byte 3: expected the length of ModelProto.graph to end by byte 5, found length 127, ending at byte 131, past the end of the file (5 bytes): the file looks cut short (an interrupted download or copy?)\n`);
  });

  it('exits 2 for a missing file, no model, or an unknown option', async () => {
    expect((await inspect(join(tmp, 'nope.onnx'))).stderr).toMatch(/nope\.onnx: byte 0: expected a readable file, found ENOENT/);
    expect((await inspect()).code).toBe(2);
    const unknown = await inspect(modelPath, '--yaml');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option --yaml/);
  });
});

describe('what inspect reads', () => {
  it('steps over node attributes that hold no subgraph, never decoding them, and reads those that do', async () => {
    // The Constant's tensor has a data_type of the wrong wire type: decoding it (the full read) fails.
    const path = join(tmp, 'undecoded-attribute.onnx');
    writeFileSync(path, buildModel({ graph: { nodes: [
      { opType: 'Constant', outputs: ['c'], attributes: { value: attr.tensor({ name: 'c', dataType: DataType.FLOAT, dims: [1], floats: [1], extraFields: [{ field: 2, wireType: 5, value: 1 }] }) } },
      { opType: 'If', inputs: ['c'], outputs: ['y'], attributes: { then_branch: { nodes: [{ opType: 'Relu' }] }, else_branch: { nodes: [{ opType: 'Neg' }, { opType: 'Abs' }] } } },
    ] } }));
    expect(() => readModelFile(path)).toThrow(/TensorProto\.data_type/);
    const { code, stdout, stderr } = await inspect('--json', path);
    expect([code, stderr]).toEqual([0, '']);
    const summary = JSON.parse(stdout);
    expect(summary.nodeCounts).toMatchObject({ mainGraph: 2, subgraphs: 3 });
    expect(summary.opHistogram).toEqual({ Abs: 1, Constant: 1, If: 1, Neg: 1, Relu: 1 });
  });

  it('keeps one shared, frozen node per op of the nodes without subgraphs, and every node with them', () => {
    const path = join(tmp, 'repeated-ops.onnx');
    const branch = { nodes: [{ opType: 'Relu' }] };
    writeFileSync(path, buildModel({ graph: { nodes: [
      { opType: 'Relu', name: 'a' }, { opType: 'Relu', name: 'b' }, { opType: 'Add' }, { opType: 'Relu', domain: 'custom' },
      { opType: 'If', attributes: { then_branch: branch, else_branch: branch } }, { opType: 'If', attributes: { then_branch: branch, else_branch: branch } },
    ] } }));
    const nodes = readModelFile(path, { detail: 'summary' }).graph.nodes;
    expect(nodes.map((n) => `${n.domain}:${n.opType}`)).toEqual([':Relu', ':Relu', ':Add', 'custom:Relu', ':If', ':If']);
    expect(nodes[1]).toBe(nodes[0]);
    expect(Object.isFrozen(nodes[0])).toBe(true);
    expect(new Set(nodes).size).toBe(5);
    expect(nodes[4]!.attributes.map((a) => a.name)).toEqual(['then_branch', 'else_branch']);
  });
});
