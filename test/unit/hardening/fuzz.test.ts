// The bounded, seeded fuzz run of CI (the long one: node scripts/run-ts.mjs scripts/fuzz/run.ts). About 3,000
// cases from real models — truncated at field boundaries, flipped, with forged lengths, dropped, duplicated,
// swapped, transplanted and re-typed fields — plus hostile models made from scratch (subgraphs nested 10,000
// deep, 10,000-deep sequence types, enormous fan-out and strings). Every case must end in a model that the
// whole pipeline (walk, summary, printer, coverage check, decomposition scan, schema hover) handles, or in an
// OnnxReadError naming the file and a byte offset; nothing else, each within its time bound, memory bounded.
import { describe, expect, it } from 'vitest';
import { formatResult, runCampaign } from '../../../scripts/fuzz/campaign';
import { nestedIfModel } from '../../../scripts/fuzz/cases';
import { runCase } from '../../../scripts/fuzz/pipeline';
import { seedModels } from '../../../scripts/fuzz/seeds';
import { repoRoot } from '../../helpers/paths';

const SEED = 20_251_127;

describe('fuzzing the whole pipeline', () => {
  it('ends every case in a model or an OnnxReadError, within bounds', () => {
    const seeds = seedModels(repoRoot, { set: 'ci' });
    const result = runCampaign({
      seed: SEED,
      seeds,
      budget: { truncations: 40, flips: 30, forgedLengths: 20, structural: 30 },
      hostile: true,
      wideScale: 0.2,
      // Generous: CI machines are shared; a hang or a super-linear blow-up is far beyond it.
      timeBoundMs: 10_000,
    });
    console.log(`fuzz (seed ${SEED}, ${seeds.length} seed models)\n${formatResult(result)}`);
    expect(result.failed).toEqual([]);
    expect(result.cases).toBeGreaterThan(2_000);
    expect(result.models).toBeGreaterThan(0);
    expect(result.readErrors).toBeGreaterThan(0);
    for (const kind of ['original', 'truncate', 'flip', 'forge-length', 'drop-field', 'duplicate-field', 'swap-fields', 'transplant-field', 'wire-type', 'deep-nesting', 'wide'] as const) {
      expect(result.byKind[kind]?.cases ?? 0, kind).toBeGreaterThan(0);
    }
    // Every unmodified seed is a model the pipeline handles.
    expect(result.byKind.original!.models).toBe(seeds.length);
    expect(result.peakRssMb).toBeLessThan(1_536);
  });

  it('refuses 10,000 levels of nested subgraphs with an OnnxReadError at a byte offset, and runs the pipeline on 80', () => {
    const deep = runCase(nestedIfModel(10_000), 'deep.onnx');
    expect(deep.kind).toBe('read-error');
    if (deep.kind === 'read-error') expect(deep.message).toMatch(/^deep\.onnx: byte \d+: expected .*nested at most/);
    const within = runCase(nestedIfModel(80), 'within.onnx');
    expect(within).toEqual({ kind: 'model', nodes: 81 });
  });
});
