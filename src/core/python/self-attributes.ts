// What a module's __init__ stores on self: tensors (Parameters, buffers, torch.* results), submodules, or plain
// scalars with the value they get by default. The fix needs to know which `self.x` become node inputs and which
// attributes; the rules need `self.exponent = 2.0` to read as the number 2.
import { findMethod, type ClassInfo } from './classes';
import type { NameResolver } from './imports';
import { readParameters } from './parameters';
import { dottedName, nodesOfType, field, namedChildren, stringValue, unparenthesize, type Node } from './syntax';

const INIT_SCAN_TYPES = new Set(['assignment', 'call']);
const NESTED_SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda']);

export type SelfAttributeKind = 'tensor' | 'module' | 'scalar' | 'unknown';

export interface SelfAttribute {
  kind: SelfAttributeKind;
  /** The default numeric value of a scalar, when __init__ makes it plain. */
  value?: number;
}

export function selfAttributes(info: ClassInfo, names: NameResolver): Map<string, SelfAttribute> {
  const out = new Map<string, SelfAttribute>();
  const init = findMethod(info, '__init__');
  if (!init) return out;
  const parameters = readParameters(init.node);
  const selfName = parameters[0]?.name ?? 'self';
  const defaults = new Map<string, Node>();
  const scalarTyped = new Set<string>();
  for (const parameter of parameters.slice(1)) {
    if (parameter.defaultValue) defaults.set(parameter.name, parameter.defaultValue);
    if (parameter.annotation && SCALAR_ANNOTATIONS.has(parameter.annotation.text)) scalarTyped.add(parameter.name);
  }
  const body = field(init.node, 'body');
  if (!body) return out;
  for (const node of nodesOfType(body, INIT_SCAN_TYPES, NESTED_SCOPE_TYPES)) {
    if (node.type === 'assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left?.type !== 'attribute' || field(left, 'object')?.text !== selfName || !right) continue;
      const name = field(left, 'attribute')!.text;
      const next = classify(unparenthesize(right), names, defaults, scalarTyped);
      const previous = out.get(name);
      // Assigned twice with different kinds (e.g. in two branches): nothing certain.
      out.set(name, previous && previous.kind !== next.kind ? { kind: 'unknown' } : next);
    } else if (node.type === 'call') {
      const callee = field(node, 'function');
      if (callee?.type !== 'attribute' || field(callee, 'object')?.text !== selfName) continue;
      const method = field(callee, 'attribute')?.text;
      const first = namedChildren(field(node, 'arguments') ?? node)[0];
      const name = stringValue(first ?? null);
      if (!name) continue;
      if (method === 'register_buffer' || method === 'register_parameter') out.set(name, { kind: 'tensor' });
      else if (method === 'add_module' || method === 'register_module') out.set(name, { kind: 'module' });
    }
  }
  return out;
}

/** `def __init__(self, head_dim: int)`: a parameter the signature declares a Python scalar. */
const SCALAR_ANNOTATIONS = new Set(['int', 'float', 'bool']);

function classify(value: Node, names: NameResolver, defaults: Map<string, Node>, scalarTyped: Set<string>): SelfAttribute {
  const literal = numericLiteral(value);
  if (literal !== null) return { kind: 'scalar', value: literal };
  switch (value.type) {
    case 'true':
    case 'false':
    case 'string':
    case 'none':
      return { kind: 'scalar' };
    case 'identifier': {
      const fallback = defaults.get(value.text);
      const number = fallback ? numericLiteral(unparenthesize(fallback)) : null;
      return number !== null ? { kind: 'scalar', value: number } : { kind: fallback || scalarTyped.has(value.text) ? 'scalar' : 'unknown' };
    }
    case 'binary_operator':
      return { kind: 'scalar' };
    case 'call': {
      const builtin = dottedName(field(value, 'function'));
      if (builtin === 'float' || builtin === 'int' || builtin === 'bool') return { kind: 'scalar' };
      const callee = names.qualify(field(value, 'function'));
      if (!callee) return { kind: 'unknown' };
      if (callee === 'torch.nn.Parameter' || callee === 'torch.nn.parameter.Parameter') return { kind: 'tensor' };
      if (callee.startsWith('torch.nn.')) return { kind: 'module' };
      if (callee.startsWith('torch.')) return { kind: 'tensor' };
      if (callee.startsWith('math.')) return { kind: 'scalar' };
      return { kind: 'unknown' };
    }
    default:
      return { kind: 'unknown' };
  }
}

function numericLiteral(node: Node): number | null {
  if (node.type === 'integer' || node.type === 'float') {
    const value = Number(node.text.replace(/_/g, ''));
    return Number.isFinite(value) ? value : null;
  }
  if (node.type === 'unary_operator' && field(node, 'operator')?.text === '-') {
    const inner = numericLiteral(unparenthesize(field(node, 'argument')!));
    return inner === null ? null : -inner;
  }
  return null;
}
