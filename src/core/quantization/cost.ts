// What a decomposition costs a quantized deployment (issue 9): static activation quantization puts a quantizer
// on every activation tensor; a fused op has them on its inputs and outputs only, the decomposed chain also on
// every intermediate. In QDQ models the Q/DQ pairs already inside a chain are counted and their scales listed.
import type { Model, Node } from '../onnx/model';
import { countActivationTensors } from './activation-tensors';
import { none } from '../onnx/empty-list';
import { flatString } from '../patterns/flat-string';
import type { GraphIndex } from '../patterns/graph-index';
import { isQuantize } from '../patterns/graph-index';
import type { PatternId } from '../patterns/rule-info';
import { RULE_INFO } from '../patterns/rule-info';

export interface QdqPairInfo {
  /** The activation tensor the pair quantizes (the QuantizeLinear's input). */
  tensor: string;
  scale: number | null;
  zeroPoint: number | null;
}

export interface DecompositionQuantization {
  /** Compute nodes in the chain (Constants and Q/DQ not counted). */
  ops: number;
  /** The single op the chain stands for, whose quantizer count is compared: the replacement the views name for
   *  the target (preferredReplacement), domain-qualified outside ai.onnx ("com.microsoft::SkipLayerNormalization"). */
  fusedOp: string;
  /** Activation tensors of the chain: its inputs, intermediates and outputs (one static quantizer each). */
  chainActivationTensors: number;
  /** The fused op's: its inputs and outputs only. */
  fusedActivationTensors: number;
  /** The difference: the chain's intermediate activations. */
  extraActivationQuantizers: number;
  /** Q/DQ pairs found on the chain's intermediates (QDQ models; 0 in float models). */
  qdqPairs: number;
  scales: QdqPairInfo[];
  message: string;
}

export interface QuantizationTotals {
  decomposedConstructs: number;
  extraActivationQuantizers: number;
  /** Every activation tensor of the model: graph inputs and outputs of compute nodes (Constant, Q/DQ excluded). */
  activationTensors: number;
  /** extraActivationQuantizers / activationTensors (0 for an empty model). */
  share: number;
  qdqPairsInsideChains: number;
  message: string;
}

export interface ChainShape {
  pattern: PatternId;
  ops: number;
  inputs: readonly string[];
  intermediates: readonly string[];
  outputs: readonly string[];
  /** Q/DQ node indices inside the chain, in `graph`. */
  qdq: readonly number[];
}

/** `fusedOp`: the one op the chain is compared with — the replacement the views name (preferredReplacement). */
export function chainQuantization(graph: GraphIndex, chain: ChainShape, where: string, fusedOp: string): DecompositionQuantization {
  // Float models have no Q/DQ in any chain: their matches share the one frozen empty list.
  const scales: QdqPairInfo[] = chain.qdq.length === 0 ? none() : [];
  for (const i of chain.qdq) {
    const q: Node = graph.nodes[i]!;
    if (!isQuantize(q)) continue;
    const scale = graph.constantNumbers(q.inputs[1] ?? '', 1);
    const zero = q.inputs[2] ? graph.constantNumbers(q.inputs[2], 1) : [0];
    scales.push({ tensor: q.inputs[0] ?? '', scale: scale?.[0] ?? null, zeroPoint: zero?.[0] ?? null });
  }
  const fused = chain.inputs.length + chain.outputs.length;
  const extra = chain.intermediates.length;
  const title = RULE_INFO[chain.pattern].title;
  let message = `${title} at ${where}: ${chain.ops} ops, ${extra} extra activation quantizer${extra === 1 ? '' : 's'} compared to one ${fusedOp} node`;
  if (scales.length > 0) message += `; the model already has ${scales.length} Q/DQ pair${scales.length === 1 ? '' : 's'} inside the chain`;
  return {
    ops: chain.ops, fusedOp,
    chainActivationTensors: fused + extra,
    fusedActivationTensors: fused,
    extraActivationQuantizers: extra,
    qdqPairs: scales.length,
    scales,
    message: flatString(message),
  };
}

export function quantizationTotals(model: Model, decompositions: ReadonlyArray<{ quantization: DecompositionQuantization }>, options: { functions?: boolean } = { functions: true }): QuantizationTotals {
  const activationTensors = countActivationTensors(model, options);
  const extra = decompositions.reduce((sum, d) => sum + d.quantization.extraActivationQuantizers, 0);
  const pairs = decompositions.reduce((sum, d) => sum + d.quantization.qdqPairs, 0);
  const share = activationTensors === 0 ? 0 : extra / activationTensors;
  const percent = (share * 100).toFixed(1);
  return {
    decomposedConstructs: decompositions.length,
    extraActivationQuantizers: extra,
    activationTensors,
    share,
    qdqPairsInsideChains: pairs,
    message: `${decompositions.length} decomposed construct${decompositions.length === 1 ? '' : 's'}: ${extra} extra activation quantizers, ${percent} % of the model's ${activationTensors} activation tensors`,
  };
}
