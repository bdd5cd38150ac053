// Real exports: every committed .onnx fixture (torch exports described by test/fixtures/torch/manifest.json,
// QDQ models, the bundled samples) is read without error and matches the official onnx package exactly.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile, readTensorNumbers } from '../../../src/core/onnx/reader';
import { summarize } from '../../../src/core/onnx/summary';
import { onnxFilesUnder } from '../../helpers/model-files';
import { debianPython, fixturesDir, repoRoot } from '../../helpers/paths';

const torchDir = join(fixturesDir, 'torch');
const manifest = JSON.parse(readFileSync(join(torchDir, 'manifest.json'), 'utf8')) as { models: Array<{ file: string; nodeCount: number; constructs?: Array<{ nodes: string[]; ops: string[] }> }> };

/** Every .onnx under the fixture folders and the bundled samples. */
function allModels(): string[] {
  const out = onnxFilesUnder(fixturesDir);
  if (existsSync(join(repoRoot, 'samples'))) out.push(...onnxFilesUnder(join(repoRoot, 'samples')));
  return out.sort();
}

describe('committed fixtures and samples', () => {
  const models = allModels();
  const reference = new Map<string, { opHistogram: Record<string, number>; nodeCount: number; nodes: unknown[]; initializers: unknown[] }>();

  beforeAll(() => {
    const result = spawnSync(debianPython, [join(repoRoot, 'scripts/fixtures/corpus_histograms.py'), ...models], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
    if (result.status !== 0) throw new Error(`corpus_histograms.py failed: ${result.stderr || result.error}`);
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      const ref = JSON.parse(line);
      if (ref.error) throw new Error(`onnx could not load ${ref.path}: ${ref.error}`);
      reference.set(ref.path, ref);
    }
  });

  it('finds every torch model of the manifest', () => {
    expect(manifest.models.length).toBeGreaterThan(0);
    for (const m of manifest.models) expect(models, m.file).toContain(join(torchDir, m.file));
  });

  it('reads every fixture exactly as onnx does', () => {
    const mismatches: string[] = [];
    for (const path of models) {
      const model = readModelFile(path);
      const summary = summarize(model);
      const ref = reference.get(path)!;
      const nodes = summary.nodeCount === ref.nodeCount && JSON.stringify(summary.opHistogram) === JSON.stringify(ref.opHistogram);
      const inits = JSON.stringify(model.graph.initializers.map((t) => [t.name, t.dataType, t.dims])) === JSON.stringify(ref.initializers);
      if (!nodes || !inits) mismatches.push(`${path}: ours ${summary.nodeCount} ${JSON.stringify(summary.opHistogram)} vs onnx ${ref.nodeCount} ${JSON.stringify(ref.opHistogram)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with the torch manifest on node counts and construct node names', () => {
    for (const m of manifest.models) {
      const model = readModelFile(join(torchDir, m.file));
      expect(summarize(model).nodeCount, m.file).toBe(m.nodeCount);
      const byName = new Map(model.graph.nodes.map((n) => [n.name, n.opType]));
      for (const construct of m.constructs ?? []) {
        construct.nodes.forEach((name, i) => expect(byName.get(name), `${m.file} ${name}`).toBe(construct.ops[i]!.split('::').at(-1)));
      }
    }
  });

  it('reads the epsilon constant of the Gemma RMSNorm export', () => {
    const model = readModelFile(join(torchDir, 'gemma_rmsnorm_opset17.onnx'));
    const constants = model.graph.nodes.filter((n) => n.opType === 'Constant').map((n) => readTensorNumbers(model, n.attributes.find((a) => a.name === 'value')!.t!));
    expect(constants.some((v) => v !== undefined && v.length === 1 && Math.abs(v[0]! - 1e-6) < 1e-12)).toBe(true);
  });
});
