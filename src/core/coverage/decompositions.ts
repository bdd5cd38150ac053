// The decomposed ops in a coverage report: the patterns detector finds them; this file turns each match into a
// `decomposed-op` finding and works out what a retarget offers (the fused ops that become available).
// Replacement ops and their opsets come from the patterns' rule table — one source of truth.
import type { Model } from '../onnx/model';
import { qualifiedOp } from '../onnx/model';
import { iterateNodes, nodeLabel } from '../onnx/walk';
import { PATTERN_IDS, RULE_INFO, type PatternId } from '../patterns/rule-info';
import { detectDecompositions } from './patterns-port';
import type { Finding, Severity } from './findings';
import type { DecompositionMatch, DecompositionReplacement, RetargetInfo } from './report';

export function detectDecompositionsFor(model: Model, target: { opset?: number; runtime?: string }): DecompositionMatch[] {
  return detectDecompositions(model, target);
}

/**
 * One `decomposed-op` finding per match. Severity: warning when the target already offers a fused op for it (a
 * standard op at the target opset, or a runtime op the chosen runtime supports): a change is available now;
 * info when only a custom op or a later opset would do.
 */
export function decompositionFindings(matches: DecompositionMatch[], model: Model): Finding[] {
  if (matches.length === 0) return [];
  const refs = new Map<string, { path: string; label: string; name: string; scopeKind: Finding['scopeKind']; scopePath: string }>();
  for (const ref of iterateNodes(model, { functions: true })) {
    const entry = { path: ref.path, label: nodeLabel(ref), name: ref.node.name, scopeKind: ref.scope.kind, scopePath: ref.scope.path };
    refs.set(ref.path, entry);
    if (ref.node.name !== '' && !refs.has(ref.node.name)) refs.set(ref.node.name, entry);
  }
  return matches.map((match, index) => {
    const first = refs.get(match.nodes[0] ?? '');
    const usable = usableNow(match.replacements);
    const best = usable[0] ?? standardReplacement(match.replacements);
    const severity: Severity = usable.length > 0 ? 'warning' : 'info';
    return {
      severity,
      code: 'decomposed-op',
      node: first?.label ?? match.nodes[0] ?? '',
      op: best ? qualifiedOp(best.domain, best.op) : match.pattern,
      message: decompositionMessage(match),
      nodePath: first?.path ?? '',
      nodeName: first?.name ?? '',
      scopeKind: first?.scopeKind ?? 'main',
      scopePath: first?.scopePath ?? '',
      subject: match.pattern,
      decomposition: index,
    } satisfies Finding;
  });
}

function usableNow(replacements: DecompositionReplacement[]): DecompositionReplacement[] {
  return replacements.filter((r) => r.domain !== 'custom' && r.availableInTarget && r.runtimeSupported !== false);
}

function standardReplacement(replacements: DecompositionReplacement[]): DecompositionReplacement | undefined {
  return replacements.find((r) => r.domain === '') ?? replacements[0];
}

/** "RMSNorm at layers.0.norm: 8 ops for one RMSNormalization. Replacements: RMSNormalization (opset 23, not at the target); …" */
export function decompositionMessage(match: DecompositionMatch): string {
  const title = isPattern(match.pattern) ? RULE_INFO[match.pattern].title : match.pattern;
  const standard = standardReplacement(match.replacements);
  const head = `${title}${match.scope ? ` at ${match.scope}` : ''}: ${match.nodes.length} ops the exporter wrote for one ${standard ? qualifiedOp(standard.domain, standard.op) : 'fused op'}.`;
  const options = match.replacements.map((r) => {
    const where = r.domain === 'custom' ? 'custom op, needs a registered kernel' : r.availableInTarget ? `opset ${r.sinceOpset}+, available at the target` : `needs opset ${r.sinceOpset}`;
    const runtime = r.runtimeSupported === null ? '' : r.runtimeSupported ? ', runtime has a kernel' : ', runtime has no kernel';
    return `${qualifiedOp(r.domain, r.op)} (${where}${runtime})`;
  });
  const params = Object.entries(match.params).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : String(v)}`).join(', ');
  return `${head}${params ? ` Parameters: ${params}.` : ''} Replace with: ${options.join('; ')}.`;
}

/**
 * What moving from `fromOpset` to `toOpset` offers: every standard fused op of the rule table introduced in
 * (from, to], with the patterns it replaces and how many of this model's matches it would absorb (those first).
 */
export function retargetInfo(fromOpset: number, toOpset: number, matches: DecompositionMatch[]): RetargetInfo {
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

function isPattern(id: string): id is PatternId {
  return (PATTERN_IDS as readonly string[]).includes(id);
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}
