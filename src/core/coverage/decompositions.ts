// The decomposed ops in a coverage report: the patterns detector (issue 5) finds them and prices them for
// quantization (issue 9); this file turns each match into a `decomposed-op` finding and works out what a retarget
// offers (the fused ops that become available). Replacement ops and opsets come from the rule table.
import type { Model } from '../onnx/model';
import { qualifiedOp } from '../onnx/model';
import { nodeLabel } from '../onnx/walk';
import { decompositionToJson, detectDecompositions, PATTERN_IDS, quantizationTotals, RULE_INFO, type Decomposition, type QuantizationTotals, type ReplacementStatus } from '../patterns';
import type { Finding, Severity } from './findings';
import type { DecompositionMatch, RetargetInfo } from './report';

export interface DetectedDecompositions {
  /** The detector's matches, with node references for locations. */
  matches: Decomposition[];
  /** The same, in the report's JSON shape. */
  json: DecompositionMatch[];
  quantization: QuantizationTotals;
}

export function detectDecompositionsFor(model: Model, target: { opset?: number; runtime?: string }): DetectedDecompositions {
  const matches = detectDecompositions(model, target);
  return { matches, json: matches.map(decompositionToJson), quantization: quantizationTotals(model, matches) };
}

/**
 * One `decomposed-op` finding per match, located at the node whose output the fused op would produce.
 * Severity: warning when the target can take a fused op now — a standard op the target opset has (and the chosen
 * runtime, if any, does not lack), or a runtime op the chosen runtime supports; info otherwise (a later opset or a
 * custom op would be needed).
 */
export function decompositionFindings(matches: Decomposition[]): Finding[] {
  return matches.map((match, index) => {
    const usable = usableNow(match.replacements);
    const shown = usable[0] ?? match.replacements.find((r) => r.target === 'onnx') ?? match.replacements[0];
    const severity: Severity = usable.length > 0 ? 'warning' : 'info';
    const { root } = match;
    return {
      severity,
      code: 'decomposed-op',
      node: nodeLabel(root),
      op: shown ? qualifiedOp(shown.domain, shown.op) : match.title,
      message: decompositionMessage(match),
      nodePath: root.path,
      nodeName: root.node.name,
      scopeKind: root.scope.kind,
      scopePath: root.scope.path,
      subject: match.pattern,
      decomposition: index,
    } satisfies Finding;
  });
}

function usableNow(replacements: ReplacementStatus[]): ReplacementStatus[] {
  return replacements.filter((r) => (r.target === 'onnx' && r.availableInTarget && r.runtimeSupported !== false) || (r.target === 'ort' && r.runtimeSupported === true));
}

/** The detector's sentence, what the chain costs a quantized deployment, and every replacement with its status. */
export function decompositionMessage(match: Decomposition): string {
  const options = match.replacements.map((r) => {
    if (r.target === 'custom') return `${qualifiedOp(r.domain, r.op)} (custom op, needs a registered kernel)`;
    const where = r.availableInTarget ? (r.target === 'onnx' ? `opset ${r.sinceOpset}+, available at the target` : 'runtime op') : `needs opset ${r.sinceOpset}`;
    const runtime = r.runtimeSupported === null ? '' : r.runtimeSupported ? ', the runtime has a kernel' : ', the runtime has no kernel';
    return `${qualifiedOp(r.domain, r.op)} (${where}${runtime})`;
  });
  const q = match.quantization;
  const extra = `${q.extraActivationQuantizers} extra activation quantizer${q.extraActivationQuantizers === 1 ? '' : 's'} compared to one ${q.fusedOp} node`;
  const pairs = q.qdqPairs > 0 ? `; ${q.qdqPairs} Q/DQ pair${q.qdqPairs === 1 ? '' : 's'} already inside the chain` : '';
  const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);
  return `${sentence(match.message)} Quantized: ${extra}${pairs}. Replace with: ${options.join('; ')}.`;
}

/**
 * What moving from `fromOpset` to `toOpset` offers: every standard fused op of the rule table introduced in
 * (from, to], with the patterns it replaces and how many of this model's matches it would absorb (those first).
 */
export function retargetInfo(fromOpset: number, toOpset: number, matches: ReadonlyArray<{ pattern: string }>): RetargetInfo {
  const offered = new Map<string, RetargetInfo['fusedOpsOffered'][number]>();
  for (const id of PATTERN_IDS) {
    for (const r of RULE_INFO[id].replacements) {
      if (r.target !== 'onnx' || r.sinceOpset <= fromOpset || r.sinceOpset > toOpset) continue;
      const key = `${r.domain}|${r.op}`;
      const entry = offered.get(key) ?? { domain: r.domain, op: r.op, sinceOpset: r.sinceOpset, patterns: [], matches: 0 };
      if (!entry.patterns.includes(id)) entry.patterns.push(id);
      offered.set(key, entry);
    }
  }
  for (const match of matches) {
    for (const entry of offered.values()) if (entry.patterns.includes(match.pattern)) entry.matches++;
  }
  const fusedOpsOffered = [...offered.values()].sort((a, b) => b.matches - a.matches || a.sinceOpset - b.sinceOpset || a.op.localeCompare(b.op));
  return { fromOpset, toOpset, fusedOpsOffered };
}
