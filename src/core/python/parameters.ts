// A Python parameter list read as data, and how each forward parameter reaches ONNX: as a tensor input of
// the node or as an attribute with the suffix g.op expects (_f float, _i int, _s string, _t tensor; lists too).
import type { NameResolver } from './imports';
import { dottedName, field, namedChildren, unparenthesize, type Node } from './syntax';

export type ParameterShape = 'plain' | 'keyword-separator' | 'positional-separator' | 'args' | 'kwargs';

export interface Parameter {
  name: string;
  shape: ParameterShape;
  annotation: Node | null;
  defaultValue: Node | null;
  node: Node;
}

export function readParameters(definition: Node): Parameter[] {
  const list = field(definition, 'parameters');
  if (!list) return [];
  const out: Parameter[] = [];
  for (const node of namedChildren(list)) {
    switch (node.type) {
      case 'identifier':
        out.push({ name: node.text, shape: 'plain', annotation: null, defaultValue: null, node });
        break;
      case 'typed_parameter': {
        const inner = namedChildren(node)[0];
        const annotation = field(node, 'type');
        if (inner?.type === 'list_splat_pattern' || inner?.type === 'dictionary_splat_pattern') {
          out.push({ name: namedChildren(inner)[0]?.text ?? '', shape: inner.type === 'list_splat_pattern' ? 'args' : 'kwargs', annotation, defaultValue: null, node });
        } else {
          out.push({ name: inner?.text ?? '', shape: 'plain', annotation, defaultValue: null, node });
        }
        break;
      }
      case 'default_parameter':
      case 'typed_default_parameter':
        out.push({ name: field(node, 'name')?.text ?? '', shape: 'plain', annotation: field(node, 'type'), defaultValue: field(node, 'value'), node });
        break;
      case 'list_splat_pattern':
        out.push({ name: namedChildren(node)[0]?.text ?? '', shape: 'args', annotation: null, defaultValue: null, node });
        break;
      case 'dictionary_splat_pattern':
        out.push({ name: namedChildren(node)[0]?.text ?? '', shape: 'kwargs', annotation: null, defaultValue: null, node });
        break;
      case 'keyword_separator':
        out.push({ name: '*', shape: 'keyword-separator', annotation: null, defaultValue: null, node });
        break;
      case 'positional_separator':
        out.push({ name: '/', shape: 'positional-separator', annotation: null, defaultValue: null, node });
        break;
      default:
        break;
    }
  }
  return out;
}

export type AttributeSuffix = 'f' | 'i' | 's' | 't';

export type OnnxArgument =
  | { kind: 'tensor' }
  /** `bool` values are written as ints: `flag_i=int(flag)`. */
  | { kind: 'attribute'; suffix: AttributeSuffix; list: boolean; bool: boolean };

const SCALAR_TYPES: Record<string, { suffix: AttributeSuffix; bool: boolean }> = {
  float: { suffix: 'f', bool: false },
  int: { suffix: 'i', bool: false },
  bool: { suffix: 'i', bool: true },
  str: { suffix: 's', bool: false },
};
const LIST_TYPES = new Set(['List', 'list', 'Tuple', 'tuple', 'Sequence', 'typing.List', 'typing.Tuple', 'typing.Sequence', 'collections.abc.Sequence']);
const OPTIONAL_TYPES = new Set(['Optional', 'typing.Optional']);
const TENSOR_TYPES = new Set(['torch.Tensor', 'torch.FloatTensor', 'torch.LongTensor']);

/** How a forward parameter becomes part of the ONNX node; null when it cannot be told (a fix is then not offered). */
export function onnxArgumentOf(parameter: Parameter, names: NameResolver): OnnxArgument | null {
  if (parameter.annotation) {
    const fromAnnotation = fromType(unparenthesize(namedChildren(parameter.annotation)[0] ?? parameter.annotation), names);
    if (fromAnnotation) return fromAnnotation;
  }
  if (parameter.defaultValue) return fromDefault(unparenthesize(parameter.defaultValue), names);
  return { kind: 'tensor' };
}

function fromType(type: Node, names: NameResolver): OnnxArgument | null {
  const plain = dottedName(type);
  if (plain) {
    const scalar = SCALAR_TYPES[plain];
    if (scalar) return { kind: 'attribute', suffix: scalar.suffix, list: false, bool: scalar.bool };
    if (plain === 'Tensor' || TENSOR_TYPES.has(names.qualifyDotted(plain) ?? plain)) return { kind: 'tensor' };
    return null;
  }
  if (type.type === 'generic_type' || type.type === 'subscript') {
    const head = type.type === 'generic_type' ? namedChildren(type)[0] : field(type, 'value');
    const headName = dottedName(head ?? null);
    const argumentNodes = type.type === 'generic_type'
      ? namedChildren(namedChildren(type).find((c) => c.type === 'type_parameter') ?? type).map((t) => namedChildren(t)[0] ?? t)
      : [];
    const first = argumentNodes[0];
    if (!headName || !first) return null;
    if (OPTIONAL_TYPES.has(headName)) return fromType(first, names);
    if (LIST_TYPES.has(headName)) {
      const element = fromType(first, names);
      if (element?.kind === 'attribute' && !element.list) return { ...element, list: true };
    }
  }
  return null;
}

function fromDefault(value: Node, names: NameResolver): OnnxArgument | null {
  switch (value.type) {
    case 'float':
      return { kind: 'attribute', suffix: 'f', list: false, bool: false };
    case 'integer':
      return { kind: 'attribute', suffix: 'i', list: false, bool: false };
    case 'true':
    case 'false':
      return { kind: 'attribute', suffix: 'i', list: false, bool: true };
    case 'string':
      return { kind: 'attribute', suffix: 's', list: false, bool: false };
    case 'unary_operator':
      return fromDefault(field(value, 'argument') ?? value, names);
    case 'list':
    case 'tuple': {
      const items = namedChildren(value).map((item) => fromDefault(unparenthesize(item), names));
      const first = items[0];
      if (first?.kind !== 'attribute' || first.list) return null;
      // Mixed ints and floats are a float list.
      if (items.every((item) => item?.kind === 'attribute' && !item.list && (item.suffix === first.suffix || (item.suffix === 'f' || item.suffix === 'i') === (first.suffix === 'f' || first.suffix === 'i')))) {
        const suffix = items.some((item) => item?.kind === 'attribute' && item.suffix === 'f') ? 'f' : first.suffix;
        return { kind: 'attribute', suffix, list: true, bool: false };
      }
      return null;
    }
    case 'call': {
      const callee = names.qualify(field(value, 'function'));
      if (callee === 'torch.tensor' || callee === 'torch.Tensor') return { kind: 'attribute', suffix: 't', list: false, bool: false };
      return null;
    }
    default:
      return null;
  }
}
