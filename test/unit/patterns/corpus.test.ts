// The conformance corpus (../shared/corpus): models that are not decompositions must give no match. A few node
// tests ARE decompositions: `*_expanded` models are an op's function body written out (Softmax, Swish, HardSwish,
// Mish, …), so finding that very op there is right. Any other hit is a false positive.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import { corpusLightDir, corpusNodeDir, hasShared } from '../../helpers/paths';

/** Which pattern an expanded function body may legitimately show, by test-name prefix. */
const EXPANDED_OPS: Array<[RegExp, string[]]> = [
  [/^test_softmax_/, ['softmax']],
  [/^test_swish_|^test_causal_conv_with_state_(silu|swish)/, ['silu']],
  [/^test_hardswish_/, ['hard_swish']],
  [/^test_mish_/, ['mish']],
  [/^test_gelu_/, ['gelu_erf', 'gelu_tanh']],
  [/^test_layer_normalization_/, ['layer_norm']],
  [/^test_rms_normalization_/, ['rms_norm']],
  [/^test_attention_/, ['attention', 'softmax']],
  [/^test_rotary_embedding_/, ['rotary_embedding']],
];

function allowed(model: string, pattern: string): boolean {
  if (!model.includes('_expanded')) return false;
  return EXPANDED_OPS.some(([re, patterns]) => re.test(model) && patterns.includes(pattern));
}

describe.runIf(hasShared)('conformance corpus', () => {
  it('onnx-backend-node: no match outside the function-expanded forms of the same op', () => {
    const names = readdirSync(corpusNodeDir).sort();
    const unexpected: string[] = [];
    const expanded = new Map<string, number>();
    for (const name of names) {
      const found = detectDecompositions(readModelFile(join(corpusNodeDir, name, 'model.onnx')));
      for (const d of found) {
        if (allowed(name, d.pattern)) expanded.set(d.pattern, (expanded.get(d.pattern) ?? 0) + 1);
        else unexpected.push(`${name}: ${d.pattern} (${d.nodes.join(', ')})`);
      }
    }
    console.log(`corpus: ${names.length} models, ${unexpected.length} unexpected matches; function-expanded decompositions recognised: ${[...expanded].map(([p, n]) => `${p} ${n}`).join(', ')}`);
    expect(names.length).toBeGreaterThan(1000);
    expect(unexpected).toEqual([]);
    // The expanded Softmax bodies (ReduceMax, Sub, Exp, ReduceSum, Div) are found, one per model.
    expect(expanded.get('softmax')).toBeGreaterThanOrEqual(14);
  });

  it('onnx-backend-light: the real CNNs have nothing decomposed', () => {
    const files = readdirSync(corpusLightDir).filter((f) => f.endsWith('.onnx'));
    for (const file of files) expect(detectDecompositions(readModelFile(join(corpusLightDir, file))), file).toEqual([]);
  });
});
