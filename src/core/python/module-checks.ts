// Checks on nn.Module subclasses: a forward whose whole computation is a construct ONNX (or ONNX Runtime) has one
// op for will be exported as its decomposition. Offers "Export as one op" per target, preferring the chosen one.
import { ruleInfo, type ReplacementInfo, type ReplacementTarget } from '../patterns/rule-info';
import type { ClassInfo } from './classes';
import type { AnalysisContext } from './context';
import { exportAsOpFix } from './export-as-op';
import { exportOpset } from './export-call';
import { matchModule, type ModuleMatch } from './module-patterns';
import { selfAttributes } from './self-attributes';
import { field, namedChildren, nodesOfType, type Node } from './syntax';

const CALL_TYPES = new Set(['call']);
import { forwardTerms } from './terms';
import { DEFAULT_EXPORT_OPSET, type PythonDiagnostic, type PythonFix } from './types';

export function checkModule(context: AnalysisContext, info: ClassInfo): PythonDiagnostic[] {
  const forward = info.methods.get('forward');
  if (!forward || delegatesToFunction(context, forward.node)) return [];
  const attributes = selfAttributes(info, context.names);
  const selfValues = new Map<string, number>();
  for (const [name, attribute] of attributes) if (attribute.value !== undefined) selfValues.set(name, attribute.value);
  const terms = forwardTerms(forward.node, { names: context.names, owner: info, functions: moduleFunctions(context.root), selfValues });
  if (!terms) return [];
  const match = matchModule(terms.result);
  if (!match) return [];
  const rule = ruleInfo(match.pattern);
  const opset = context.options.opset ?? exportOpset(context) ?? DEFAULT_EXPORT_OPSET;
  const candidates = rule.replacements.map((replacement) => withUserDomain(replacement, context));
  const chosen = candidates.find((r) => r.target === context.options.target && available(r, opset))
    ?? candidates.find((r) => r.target === 'custom');
  const fixes: PythonFix[] = [];
  for (const replacement of candidates) {
    if (!available(replacement, opset)) continue;
    const fix = exportAsOpFix(context, {
      info, forward, terms, match, attributes, replacement,
      title: `Export ${info.name} as one ${describe(replacement)}`,
      preferred: replacement === chosen,
    });
    if (fix) fixes.push(fix);
  }
  // The preferred one first; if it could not be built, the first that could is preferred instead.
  fixes.sort((a, b) => Number(b.preferred) - Number(a.preferred));
  if (fixes.length > 0 && !fixes[0]!.preferred) fixes[0] = { ...fixes[0]!, preferred: true };
  const unavailable = context.options.target !== 'custom' && chosen?.target !== context.options.target
    ? ` (${whyNot(candidates, context.options.target ?? 'custom', opset)})` : '';
  return [{
    code: 'decomposable-module',
    severity: 'warning',
    message: `${info.name}.forward computes ${rule.title}${variant(match)}: torch.onnx.export will write it as a chain of primitive ops; export it as one ${chosen ? describe(chosen) : 'op'} instead${unavailable}.`,
    range: context.text.range(info.nameNode.startIndex, info.nameNode.endIndex),
    className: info.name,
    pattern: match.pattern,
    fixes,
  }];
}

/** What sets this match apart from the rule's plain form: QuickGELU is SiLU with alpha 1.702. */
function variant(match: ModuleMatch): string {
  const alpha = match.params.alpha;
  return match.pattern === 'silu' && typeof alpha === 'number' && alpha !== 1 ? ` with alpha ${alpha} (x·sigmoid(${alpha}·x))` : '';
}

function withUserDomain(replacement: ReplacementInfo, context: AnalysisContext): ReplacementInfo {
  if (replacement.target !== 'custom') return replacement;
  return { ...replacement, domain: context.options.domain, op: context.options.opName ?? replacement.op };
}

/**
 * Whether torch.onnx.export can write the replacement. Its checker validates every ai.onnx-domain node against the
 * standard opset, so an ONNX Runtime contrib op registered in that domain (SimplifiedLayerNormalization) makes the
 * export raise (measured with torch 1.13: "No Op registered for SimplifiedLayerNormalization with domain_version of 17").
 */
function available(replacement: ReplacementInfo, opset: number): boolean {
  if (replacement.target === 'onnx') return replacement.sinceOpset <= opset;
  if (replacement.target === 'ort') return replacement.domain !== '';
  return true;
}

function whyNot(candidates: ReplacementInfo[], target: ReplacementTarget, opset: number): string {
  const wanted = candidates.find((r) => r.target === target);
  if (target === 'ort' && wanted?.domain === '') {
    return `ONNX Runtime's ${wanted.op} is registered in the ai.onnx domain, and torch.onnx.export's checker rejects it there`;
  }
  return `no ${target === 'onnx' ? 'ai.onnx' : 'ONNX Runtime'} op for it${target === 'onnx' ? ` at opset ${opset}` : ''}`;
}

const TARGET_LABELS: Record<ReplacementTarget, string> = { onnx: 'ai.onnx', ort: 'ONNX Runtime', custom: 'custom' };

function describe(replacement: ReplacementInfo): string {
  const name = replacement.domain === '' ? replacement.op : `${replacement.domain}::${replacement.op}`;
  return replacement.target === 'onnx' ? `${name} op (ai.onnx, opset ${replacement.sinceOpset})` : `${name} op (${TARGET_LABELS[replacement.target]})`;
}

/** forward already routes through a local autograd Function (`SomethingOp.apply(...)`): nothing to export differently. */
function delegatesToFunction(context: AnalysisContext, forward: Node): boolean {
  const functions = new Set(context.classes.filter((c) => c.kind === 'autograd-function').map((c) => c.name));
  for (const node of nodesOfType(forward, CALL_TYPES)) {
    const callee = field(node, 'function');
    if (callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'apply' && functions.has(field(callee, 'object')?.text ?? '')) return true;
  }
  return false;
}

function moduleFunctions(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const statement of namedChildren(root)) {
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (definition?.type === 'function_definition') {
      const name = field(definition, 'name')?.text;
      if (name) out.set(name, definition);
    }
  }
  return out;
}


