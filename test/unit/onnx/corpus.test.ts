// Every model of the ONNX conformance corpus (../shared/corpus) is read without error, and what the reader finds
// matches the official `onnx` Python package exactly: Debian's python3-onnx runs once over the whole corpus
// (scripts/fixtures/corpus_histograms.py) and its op histograms, functions, initializers and node digests are
// compared with ours. A second, independent check: each test folder names an op that its model contains.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { qualifiedOp } from '../../../src/core/onnx/model';
import { readModelFile } from '../../../src/core/onnx/reader';
import { summarize } from '../../../src/core/onnx/summary';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { corpusLightDir, corpusNodeDir, debianPython, repoRoot } from '../../helpers/paths';

const nodeModels = readdirSync(corpusNodeDir).filter((d) => existsSync(join(corpusNodeDir, d, 'model.onnx'))).sort().map((d) => join(corpusNodeDir, d, 'model.onnx'));
const lightModels = readdirSync(corpusLightDir).filter((f) => f.endsWith('.onnx')).sort().map((f) => join(corpusLightDir, f));

interface Reference {
  path: string;
  error?: string;
  irVersion: number;
  opsetImport: Array<{ domain: string; version: number }>;
  producer: { name: string; version: string };
  nodeCount: number;
  opHistogram: Record<string, number>;
  functions: Array<{ domain: string; name: string; opHistogram: Record<string, number> }>;
  initializers: Array<[string, number, number[]]>;
  inputs: string[];
  outputs: string[];
  nodes: Array<[string, string, string[], string[], Array<[string, number]>]>;
}

/** The same facts from our reader, in the reference's shape. */
function ourFacts(path: string): Omit<Reference, 'error'> {
  const model = readModelFile(path);
  const summary = summarize(model);
  return {
    path,
    irVersion: model.irVersion,
    opsetImport: model.opsetImport,
    producer: summary.producer,
    nodeCount: summary.nodeCount,
    opHistogram: summary.opHistogram,
    functions: summary.functions.map(({ domain, name, opHistogram }) => ({ domain, name, opHistogram })),
    initializers: model.graph.initializers.map((t) => [t.name, t.dataType, t.dims]),
    inputs: model.graph.inputs.map((v) => v.name),
    outputs: model.graph.outputs.map((v) => v.name),
    nodes: [...iterateNodes(model)].map(({ node }) => [node.opType, node.domain, node.inputs, node.outputs, node.attributes.map((a) => [a.name, a.type])]),
  };
}

describe('the conformance corpus', () => {
  const reference = new Map<string, Reference>();

  beforeAll(() => {
    const result = spawnSync(debianPython, [join(repoRoot, 'scripts/fixtures/corpus_histograms.py'), ...nodeModels, ...lightModels], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 300_000 });
    if (result.status !== 0) throw new Error(`${debianPython} scripts/fixtures/corpus_histograms.py failed (python3-onnx installed?): ${result.stderr || result.error}`);
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      const ref = JSON.parse(line) as Reference;
      reference.set(ref.path, ref);
    }
  });

  it('has the 1,802 node-test models and the light models', () => {
    expect(nodeModels).toHaveLength(1802);
    expect(lightModels.length).toBeGreaterThanOrEqual(9);
  });

  it.each([['onnx-backend-node', nodeModels], ['onnx-backend-light', lightModels]] as const)('reads every %s model exactly as onnx does', (_name, models) => {
    const mismatches: string[] = [];
    for (const path of models) {
      const ref = reference.get(path);
      if (!ref || ref.error) {
        mismatches.push(`${path}: no reference (${ref?.error ?? 'missing'})`);
        continue;
      }
      try {
        const ours = ourFacts(path);
        for (const key of Object.keys(ours) as Array<keyof typeof ours>) {
          if (JSON.stringify(ours[key]) !== JSON.stringify(ref[key])) mismatches.push(`${path}: ${key} differs: ours ${JSON.stringify(ours[key]).slice(0, 300)} vs onnx ${JSON.stringify(ref[key]).slice(0, 300)}`);
        }
      } catch (error) {
        mismatches.push(`${path}: ${(error as Error).message}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives the same summary with detail: 'summary' (what inspect reads) as with the full model", () => {
    const differ: string[] = [];
    for (const path of [...nodeModels, ...lightModels]) {
      const lite = readModelFile(path, { detail: 'summary' });
      if (JSON.stringify(summarize(lite)) !== JSON.stringify(summarize(readModelFile(path)))) differ.push(path);
      if (lite.graph.nodes.some((n) => n.name !== '' || n.inputs.length > 0 || n.outputs.length > 0 || n.attributes.some((a) => !a.g && a.graphs.length === 0)) || lite.graph.valueInfo.length > 0) differ.push(`${path}: more than the summary was read`);
    }
    expect(differ).toEqual([]);
  });

  it('finds in every node-test model the op its folder names', () => {
    // Folders that spell the op differently from its schema name.
    const aliases: Record<string, string> = {
      batchnorm: 'BatchNormalization', instancenorm: 'InstanceNormalization', greater_equal: 'GreaterOrEqual', less_equal: 'LessOrEqual',
      l1normalization: 'LpNormalization', l2normalization: 'LpNormalization', mvn: 'MeanVarianceNormalization', nllloss: 'NegativeLogLikelihoodLoss',
      sce: 'SoftmaxCrossEntropyLoss', strnormalizer: 'StringNormalizer', tril: 'Trilu', triu: 'Trilu',
    };
    const unexplained: string[] = [];
    let checked = 0;
    for (const path of nodeModels) {
      const folder = path.split('/').at(-2)!.replace(/^test_/, '');
      // `_expanded` models are the function body of the op, decomposed: the op itself is gone by design.
      if (/_expanded(_ver\d+)?$/.test(folder)) continue;
      const ops = Object.keys(summarize(readModelFile(path)).opHistogram).map((op) => op.split('::').at(-1)!);
      const squashed = folder.replace(/_/g, '').toLowerCase();
      const alias = Object.entries(aliases).find(([prefix]) => folder === prefix || folder.startsWith(`${prefix}_`))?.[1];
      const named = ops.some((op) => squashed.includes(op.toLowerCase())) || (alias !== undefined && ops.includes(alias));
      if (!named) unexplained.push(`${folder}: ${ops.join(', ')}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    expect(unexplained).toEqual([]);
  });

  it('counts nested subgraph nodes in the histogram (If/Loop/Scan bodies)', () => {
    const path = join(corpusNodeDir, 'test_loop11', 'model.onnx');
    const summary = summarize(readModelFile(path));
    expect(summary.opHistogram.Loop).toBe(1);
    expect(summary.nodeCounts.subgraphs).toBeGreaterThan(0);
    expect(summary.nodeCount).toBe(summary.nodeCounts.mainGraph + summary.nodeCounts.subgraphs);
    expect(qualifiedOp('ai.onnx', 'Add')).toBe('Add');
  });
});
