// The matcher against real torch 1.13 exports (test/fixtures/torch, ground truth from the exporter's scopes in
// manifest.json, which the detector never reads): every construct found with the right id and exactly its
// nodes; nothing reported where the op is already fused or in the near misses. Prints recall and precision.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import { fixturesDir } from '../../helpers/paths';

interface Construct { pattern: string; scope: string; nodes: string[]; intermediates: string[]; inputs: string[]; outputs: string[] }
interface ModelEntry { file: string; opset: number; constructs: Construct[]; fused: string[]; negative: boolean }

const torchDir = join(fixturesDir, 'torch');
const manifest = JSON.parse(readFileSync(join(torchDir, 'manifest.json'), 'utf8')) as { models: ModelEntry[] };
const key = (pattern: string, nodes: string[]): string => `${pattern}|${[...nodes].sort().join(',')}`;

const tally = { expected: 0, reported: 0, truePositives: 0 };

describe('torch fixture exports', () => {
  it('has a manifest with constructs, fused models and near misses', () => {
    expect(manifest.models.length).toBeGreaterThanOrEqual(90);
    expect(manifest.models.some((m) => m.negative)).toBe(true);
    expect(manifest.models.some((m) => m.constructs.length === 0 && m.fused.length > 0)).toBe(true);
  });

  for (const entry of manifest.models) {
    it(`${entry.file}: ${entry.negative ? 'no match (near miss)' : entry.constructs.length === 0 ? 'no match' : entry.constructs.map((c) => c.pattern).join(', ')}`, () => {
      const found = detectDecompositions(readModelFile(join(torchDir, entry.file)));
      const expected = new Map(entry.constructs.map((c) => [key(c.pattern, c.nodes), c]));
      tally.expected += expected.size;
      tally.reported += found.length;
      for (const d of found) if (expected.has(key(d.pattern, d.nodes))) tally.truePositives++;

      expect(found.map((d) => key(d.pattern, d.nodes)).sort()).toEqual([...expected.keys()].sort());
      for (const d of found) {
        const truth = expected.get(key(d.pattern, d.nodes))!;
        expect(d.scope).toBe(truth.scope);
        // The quantizer count of issue 9 is exactly the construct's intermediate activations.
        expect([...d.intermediates].sort()).toEqual([...truth.intermediates].sort());
        expect(d.quantization.extraActivationQuantizers).toBe(truth.intermediates.length);
        expect(d.outputs).toEqual(truth.outputs);
      }
    });
  }

  afterAll(() => {
    const recall = tally.expected === 0 ? 1 : tally.truePositives / tally.expected;
    const precision = tally.reported === 0 ? 1 : tally.truePositives / tally.reported;
    console.log(`torch fixtures: ${tally.truePositives}/${tally.expected} constructs found exactly (recall ${(recall * 100).toFixed(1)} %), ${tally.truePositives}/${tally.reported} reports correct (precision ${(precision * 100).toFixed(1)} %)`);
  });
});

describe('parameters captured from the fixtures', () => {
  const first = (file: string) => detectDecompositions(readModelFile(join(torchDir, file)))[0]!;

  it('Llama RMSNorm: epsilon 1e-6 on the last axis, plain weight', () => {
    const d = first('llama_rmsnorm_opset17.onnx');
    expect(d.params.epsilon).toBeCloseTo(1e-6, 12);
    expect(d.params).toMatchObject({ axis: -1, weight_offset: 0, has_weight: 1 });
  });

  it('Gemma RMSNorm without folding: the (1 + weight) form', () => {
    expect(first('gemma_rmsnorm_nofold_opset14.onnx').params.weight_offset).toBe(1);
  });

  it('attention: scale 1/√8 and the mask', () => {
    const d = first('attention_opset13.onnx');
    expect(d.params.scale).toBeCloseTo(1 / Math.sqrt(8), 6);
    expect(d.params.has_mask).toBe(1);
  });

  it('GELU forms say which approximation they are', () => {
    expect(first('gelu_erf_torch_opset13.onnx').params.approximate).toBe('none');
    expect(first('gelu_tanh_hand_opset17.onnx').params.approximate).toBe('tanh');
  });

  it("FastGELU's factored cubic is the tanh GELU: same params and replacements as the expanded form", () => {
    const fast = detectDecompositions(readModelFile(join(torchDir, 'gelu_tanh_fast_opset17.onnx')), { runtime: 'ort-cpu' });
    const expanded = detectDecompositions(readModelFile(join(torchDir, 'gelu_tanh_hand_opset17.onnx')), { runtime: 'ort-cpu' });
    expect(fast.map((d) => d.pattern)).toEqual(['gelu_tanh']);
    expect(fast[0]!.params).toEqual({ approximate: 'tanh' });
    expect(fast[0]!.params).toEqual(expanded[0]!.params);
    expect(fast[0]!.replacements).toEqual(expanded[0]!.replacements);
    expect(fast[0]!.replacements.find((r) => r.target === 'ort')).toMatchObject({ domain: 'com.microsoft', op: 'FastGelu' });
    expect(fast[0]!.replacements.find((r) => r.target === 'onnx')).toMatchObject({ op: 'Gelu', attributes: [{ name: 'approximate', value: 'tanh' }] });
  });

  it('QuickGELU is SiLU with alpha 1.702: ORT QuickGelu and the custom SiLU carry it; plain SiLU writes alpha only for QuickGelu', () => {
    const [quick] = detectDecompositions(readModelFile(join(torchDir, 'silu_quick_gelu_opset17.onnx')));
    expect(quick!.pattern).toBe('silu');
    expect(quick!.params.alpha).toBeCloseTo(1.702, 6);
    const alphaOf = (d: typeof quick, target: string) => d!.replacements.find((r) => r.target === target)!.attributes;
    expect(quick!.replacements.find((r) => r.target === 'ort')).toMatchObject({ domain: 'com.microsoft', op: 'QuickGelu' });
    expect(alphaOf(quick, 'ort')).toEqual([{ name: 'alpha', value: quick!.params.alpha }]);
    expect(alphaOf(quick, 'custom')).toEqual([{ name: 'alpha', value: quick!.params.alpha }]);
    expect(alphaOf(quick, 'onnx')).toEqual([{ name: 'alpha', value: quick!.params.alpha }]);

    const [silu] = detectDecompositions(readModelFile(join(torchDir, 'silu_torch_opset17.onnx')));
    expect(silu!.params.alpha).toBe(1);
    expect(alphaOf(silu, 'custom')).toEqual([]); // the custom SiLU's default
    expect(alphaOf(silu, 'ort')).toEqual([{ name: 'alpha', value: 1 }]); // QuickGelu's default is 1.702: always written
  });

  it('softmax: axis and whether the max is subtracted', () => {
    expect(first('softmax_stable_opset17.onnx').params).toMatchObject({ axis: -1, max_subtracted: 1 });
    expect(first('softmax_hand_opset13.onnx').params).toMatchObject({ axis: -1, max_subtracted: 0 });
  });

  it('replacements: RMSNormalization is not in opset 17, ORT SimplifiedLayerNormalization runs on the ORT CPU EP', () => {
    const d = detectDecompositions(readModelFile(join(torchDir, 'llama_rmsnorm_opset17.onnx')), { runtime: 'ort-cpu' })[0]!;
    const onnx = d.replacements.find((r) => r.target === 'onnx')!;
    expect(onnx).toMatchObject({ op: 'RMSNormalization', sinceOpset: 23, availableInTarget: false });
    const ort = d.replacements.find((r) => r.target === 'ort')!;
    expect(ort).toMatchObject({ op: 'SimplifiedLayerNormalization', availableInTarget: true, runtimeSupported: true });
    expect(d.replacements.find((r) => r.target === 'custom')!.runtimeSupported).toBe(false);
    const at23 = detectDecompositions(readModelFile(join(torchDir, 'llama_rmsnorm_opset17.onnx')), { opset: 23 })[0]!;
    expect(at23.replacements.find((r) => r.target === 'onnx')!.availableInTarget).toBe(true);
    expect(at23.replacements.every((r) => r.runtimeSupported === null)).toBe(true);
  });
});
