// The JSON shape of a decomposition in `onnx-coverage check --format json` (issue 5): plain data only.
import type { DecompositionQuantization } from '../quantization/cost';
import type { Decomposition } from './detect';

export interface DecompositionJson {
  pattern: string;
  nodes: string[];
  params: Record<string, number | string | boolean>;
  scope: string | null;
  replacements: Array<{ target: string; domain: string; op: string; sinceOpset: number; availableInTarget: boolean; runtimeSupported: boolean | null }>;
  message: string;
  graph: string;
  /** Copied as is (plain data already): the cost model's own shape. */
  quantization: DecompositionQuantization;
}

export function decompositionToJson(d: Decomposition): DecompositionJson {
  return {
    pattern: d.pattern,
    nodes: d.nodes,
    params: d.params,
    scope: d.scope,
    replacements: d.replacements.map((r) => ({
      target: r.target, domain: r.domain, op: r.op, sinceOpset: r.sinceOpset,
      availableInTarget: r.availableInTarget, runtimeSupported: r.runtimeSupported,
    })),
    message: d.message,
    graph: d.graph,
    quantization: { ...d.quantization, scales: d.quantization.scales.map((s) => ({ ...s })) },
  };
}
