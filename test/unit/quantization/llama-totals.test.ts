// The quantization totals of the Llama-style decoder layer (test/fixtures/torch/llama_decoder_layer_opset17.onnx),
// counted by hand from the graph.
//
// Activation tensors: the graph input x plus one output for each of the 58 compute nodes (90 nodes, 32 of them
// Constant): 59.
// Decomposed constructs (6) and their intermediate activations, each an extra static quantizer:
//   input_layernorm RMSNorm: Pow, ReduceMean, Add, Sqrt, Div, Mul, Cast_1 → 7 (its first Cast is read by the
//     residual Add, so it is outside the chain and Mul_1 is the output)
//   q_rotary: Mul, Slice, Neg, Slice_1, Concat, Mul_1 → 6 (Add is the output)
//   k_rotary: the same → 6
//   sdpa attention: Transpose, MatMul, Div, Add, Softmax → 5 (MatMul_1 is the output)
//   post_attention_layernorm RMSNorm: 7, as the first
//   mlp.act_fn SiLU: Sigmoid → 1
// Extra quantizers: 7 + 6 + 6 + 5 + 7 + 1 = 32, i.e. 32 / 59 = 54.2 % of all activation tensors.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { detectDecompositions, quantizationTotals } from '../../../src/core/patterns';
import { fixturesDir } from '../../helpers/paths';

describe('Llama decoder layer: quantization totals by hand count', () => {
  const model = readModelFile(join(fixturesDir, 'torch', 'llama_decoder_layer_opset17.onnx'));
  const found = detectDecompositions(model);

  it('finds the six constructs with their extra quantizers', () => {
    expect(found.map((d) => [d.scope, d.quantization.extraActivationQuantizers])).toEqual([
      ['layers.0.input_layernorm', 7],
      ['layers.0.self_attn.q_rotary', 6],
      ['layers.0.self_attn.k_rotary', 6],
      ['layers.0.self_attn.sdpa', 5],
      ['layers.0.post_attention_layernorm', 7],
      ['layers.0.mlp.act_fn', 1],
    ]);
  });

  it('totals: 6 constructs, 32 extra quantizers, 59 activation tensors, 54.2 %', () => {
    const totals = quantizationTotals(model, found);
    expect(totals).toMatchObject({ decomposedConstructs: 6, extraActivationQuantizers: 32, activationTensors: 59, qdqPairsInsideChains: 0 });
    expect(totals.share).toBeCloseTo(32 / 59, 10);
    expect(totals.message).toBe("6 decomposed constructs: 32 extra activation quantizers, 54.2 % of the model's 59 activation tensors");
  });

  it('says it plainly per construct', () => {
    expect(found[0]!.quantization.message).toBe('RMSNorm at layers.0.input_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node');
    expect(found[0]!.quantization).toMatchObject({ ops: 8, fusedOp: 'SimplifiedLayerNormalization', fusedActivationTensors: 2, chainActivationTensors: 9 });
  });

  it('compares with the op the views recommend for the target: the ai.onnx op once the target opset has it', () => {
    // At the model's opset 17 the first replacement the target has is ORT's; at 23 it is ai.onnx RMSNormalization.
    const at23 = detectDecompositions(model, { opset: 23 })[0]!;
    expect(at23.quantization.fusedOp).toBe('RMSNormalization');
    expect(at23.quantization.message).toBe('RMSNorm at layers.0.input_layernorm: 8 ops, 7 extra activation quantizers compared to one RMSNormalization node');
    // The count does not depend on which whole-chain op: one op's inputs and outputs either way.
    expect(at23.quantization.extraActivationQuantizers).toBe(found[0]!.quantization.extraActivationQuantizers);
  });

  it('never compares a skip norm with an op that leaves its residual Add outside, even where the target has it', () => {
    for (const opset of [17, 23]) {
      const skip = detectDecompositions(readModelFile(join(fixturesDir, 'torch', 'skip_rms_norm_opset17.onnx')), { opset })[0]!;
      expect(skip.pattern).toBe('skip_rms_norm');
      // ai.onnx RMSNormalization (23) stands for the norm only; ORT's Skip op for the whole chain.
      expect(skip.replacements.find((r) => r.target === 'onnx')).toMatchObject({ op: 'RMSNormalization', partial: true, availableInTarget: opset >= 23 });
      expect(skip.quantization.fusedOp).toBe('com.microsoft::SkipSimplifiedLayerNormalization');
    }
  });
});
