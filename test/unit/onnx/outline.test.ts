// The model text view's outline: every printed node once, at its line, nested as the model nests its graphs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/core/onnx/model';
import { nodeDisplayName } from '../../../src/core/onnx/node-names';
import { modelOutline, type OutlineEntry } from '../../../src/core/onnx/outline';
import { buildModel } from '../../../src/core/onnx/builder';
import { printModel } from '../../../src/core/onnx/printer';
import { readModelBytes, readModelFile } from '../../../src/core/onnx/reader';
import type { GraphScope, NodeRef } from '../../../src/core/onnx/walk';
import { corpusNodeDir, hasShared, repoRoot } from '../../helpers/paths';

function flatten(entries: OutlineEntry[], out: OutlineEntry[] = []): OutlineEntry[] {
  for (const e of entries) {
    out.push(e);
    flatten(e.children, out);
  }
  return out;
}

/** Children lie within their parent's lines (VS Code rejects symbols that do not). */
function expectNested(entry: OutlineEntry, where: string): void {
  expect(entry.endLine, where).toBeGreaterThanOrEqual(entry.line);
  for (const child of entry.children) {
    expect(child.line >= entry.line && child.endLine <= entry.endLine, `${where}: ${child.name} [${child.line}, ${child.endLine}] in ${entry.name} [${entry.line}, ${entry.endLine}]`).toBe(true);
    expectNested(child, where);
  }
}

function ref(name: string, opType = 'Mul', domain = ''): NodeRef {
  const node = { name, opType, domain } as Node;
  return { node, index: 3, scope: { kind: 'main', path: '', opsetImport: [], depth: 0 } as GraphScope, path: `/3:${opType}` };
}

describe('nodeDisplayName', () => {
  it('keeps the last part of an exporter name and turns its folders into the module path', () => {
    expect(nodeDisplayName(ref('/layers.0/mlp/Mul_1'))).toEqual({ label: 'Mul_1', op: 'Mul', module: 'layers.0.mlp' });
    expect(nodeDisplayName(ref('/Mul'))).toEqual({ label: '/Mul', op: 'Mul', module: '' });
    expect(nodeDisplayName(ref('plain/name', 'Relu', 'my_domain'))).toEqual({ label: 'plain/name', op: 'my_domain::Relu', module: '' });
    expect(nodeDisplayName(ref('/a/b/'))).toEqual({ label: '/a/b/', op: 'Mul', module: 'a.b' });
    expect(nodeDisplayName(ref(''))).toEqual({ label: '/3:Mul', op: 'Mul', module: '' });
  });
});

describe('modelOutline', () => {
  it('nests an If node\'s branches under it, at the printed lines', () => {
    const model = readModelFile(join(corpusNodeDir, 'test_if', 'model.onnx'));
    const printed = printModel(model);
    const lines = printed.text.split('\n');
    const [graph, ...rest] = modelOutline(model, printed.nodeLines);
    expect(rest).toEqual([]);
    expect(graph).toMatchObject({ kind: 'graph', name: 'test_if' });
    expect(lines[graph!.line]).toMatch(/^test_if \(/);
    const ifNode = graph!.children[0]!;
    expect(ifNode).toMatchObject({ kind: 'node', detail: 'If' });
    expect(lines[ifNode.line]).toContain('= If (cond)');
    expect(ifNode.children.map((c) => [c.kind, c.name, c.detail])).toEqual([['subgraph', 'else_branch', 'else_body'], ['subgraph', 'then_branch', 'then_body']]);
    expect(lines[ifNode.children[1]!.children[0]!.line]).toContain('then_out = Constant');
    expectNested(graph!, 'test_if');
  });

  it('names a torch export\'s nodes by their last part, with op and module as detail', () => {
    const model = readModelFile(join(repoRoot, 'samples', 'gemma_rmsnorm_opset17.onnx'));
    const printed = printModel(model);
    const [graph] = modelOutline(model, printed.nodeLines);
    expect(graph!.children).toHaveLength(11);
    expect(graph!.children[2]).toMatchObject({ kind: 'node', name: 'Pow', detail: 'Pow · layers.0.input_layernorm' });
  });

  it.runIf(hasShared)('lists every printed node exactly once, at its line, properly nested, on the whole corpus', () => {
    let withSubgraphs = 0;
    for (const name of readdirSync(corpusNodeDir).sort()) {
      const model = readModelFile(join(corpusNodeDir, name, 'model.onnx'));
      const printed = printModel(model);
      const outline = modelOutline(model, printed.nodeLines);
      const entries = flatten(outline);
      const nodeEntries = entries.filter((e) => e.kind === 'node');
      expect(nodeEntries.length, name).toBe(printed.nodeLines.size);
      expect(nodeEntries.map((e) => e.line).sort((a, b) => a - b), name).toEqual([...printed.nodeLines.values()].sort((a, b) => a - b));
      for (const root of outline) expectNested(root, name);
      if (entries.some((e) => e.kind === 'subgraph')) withSubgraphs++;
    }
    expect(withSubgraphs).toBeGreaterThan(10);
  });

  it('gives a model-local function an entry of its own after the main graph (the corpus has none)', () => {
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }],
      graph: { name: 'g', inputs: [{ name: 'x' }], nodes: [{ opType: 'F', domain: 'local', inputs: ['x'], outputs: ['y'], name: 'call' }], outputs: [{ name: 'y' }] },
      functions: [{ domain: 'local', name: 'F', inputs: ['a'], outputs: ['b'], opsetImport: [{ domain: '', version: 17 }], nodes: [{ opType: 'Sigmoid', inputs: ['a'], outputs: ['s'] }, { opType: 'Mul', inputs: ['a', 's'], outputs: ['b'] }] }],
    }));
    const printed = printModel(model);
    const lines = printed.text.split('\n');
    const outline = modelOutline(model, printed.nodeLines);
    expect(outline.map((e) => [e.kind, e.name])).toEqual([['graph', 'g'], ['function', 'local::F']]);
    expect(outline[1]!.children.map((c) => c.detail)).toEqual(['Sigmoid', 'Mul']);
    expect(lines[outline[1]!.children[1]!.line]).toContain('= Mul (a, s)');
    for (const root of outline) expectNested(root, 'functions');
    expect(outline[1]!.line).toBeGreaterThan(outline[0]!.endLine);
  });
});
