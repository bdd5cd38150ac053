// A forward() read as math: straight-line Python turned into small expression terms (calls, arithmetic, casts),
// with local variables substituted and single-return helpers inlined, so rules can match the computation
// whatever the variable names, casts or call styles (`torch.rsqrt(v)`, `v.rsqrt()`).
import type { ClassInfo } from './classes';
import type { NameResolver } from './imports';
import { readParameters } from './parameters';
import { field, namedChildren, nodesOfType, stringValue, unparenthesize, type Node } from './syntax';

export type Term =
  | { k: 'num'; v: number; node: Node }
  | { k: 'str'; v: string; node: Node }
  /** A parameter of the forward being analysed. */
  | { k: 'param'; name: string; node: Node }
  /** `self.<name>`; `value` when __init__ gives it a plain number by default. */
  | { k: 'self'; name: string; value?: number; node: Node }
  | { k: 'bin'; op: string; a: Term; b: Term; node: Node }
  | { k: 'neg'; a: Term; node: Node }
  /** A dtype conversion (`.float()`, `.to(torch.float32)`, `.type_as(x)`): transparent to the math. */
  | { k: 'cast'; a: Term; node: Node }
  /** A call normalised to a name (`rsqrt`, `mean`, `pow`…); for method calls the receiver is args[0]. */
  | { k: 'call'; fn: string; args: Term[]; kwargs: Record<string, Term>; node: Node }
  | { k: 'index'; a: Term; node: Node }
  | { k: 'tuple'; items: Term[]; node: Node }
  /** Anything else: a value the rules cannot see into. */
  | { k: 'opaque'; text: string; node: Node };

const CAST_METHODS = new Set(['float', 'double', 'half', 'bfloat16', 'to', 'type_as', 'type', 'contiguous']);
/** Namespaces whose functions are the math itself: `torch.rsqrt` ≡ `F.rsqrt`-style ≡ `x.rsqrt()`. */
const MATH_NAMESPACES = ['torch.nn.functional.', 'torch.special.', 'torch.', 'math.'];

export interface TermScope {
  names: NameResolver;
  owner: ClassInfo;
  /** Module-level functions by name (rotate_half), inlined like helpers. */
  functions: Map<string, Node>;
  /** Default numeric values of scalar attributes set in __init__. */
  selfValues: Map<string, number>;
}

export interface ForwardTerms {
  /** The returned value. */
  result: Term;
  /** Parameters of forward after self, in order. */
  params: string[];
  /** Methods of the class the computation inlined (`self._norm`). */
  inlinedMethods: Set<string>;
  /** Module-level functions it inlined. */
  inlinedFunctions: Set<string>;
  /** Calls of submodules or unknown methods on self: a computation that is not only math. */
  opaqueSelfCalls: string[];
}

const MAX_INLINE_DEPTH = 4;

/** The terms of a function body, or null when it is not straight-line code ending in one return. */
export function forwardTerms(definition: Node, scope: TermScope): ForwardTerms | null {
  const parameters = readParameters(definition).filter((p) => p.shape === 'plain');
  const [self, ...rest] = parameters;
  if (!self) return null;
  const out: ForwardTerms = { result: undefined as unknown as Term, params: rest.map((p) => p.name), inlinedMethods: new Set(), inlinedFunctions: new Set(), opaqueSelfCalls: [] };
  const env = new Map<string, Term>();
  for (const parameter of rest) env.set(parameter.name, { k: 'param', name: parameter.name, node: parameter.node });
  const mutations: Term[] = [];
  const result = evaluateBody(definition, env, { scope, selfName: self.name, out, depth: 0, nesting: { level: 0 }, mutations });
  if (!result) return null;
  // Terms substitute variables by value: a tensor changed in place is only sound as the very last step, the value
  // returned (timm's `return x.mul_(x.sigmoid())`). Changed earlier, a later read of it would not be what it says.
  if (mutations.some((m) => m !== result)) return null;
  out.result = result;
  return out;
}

interface Walk {
  scope: TermScope;
  selfName: string | null;
  out: ForwardTerms;
  depth: number;
  /** Expression nesting so far, shared by inlined helpers: hostile code must not exhaust the stack. */
  nesting: { level: number };
  /** Calls that change a named tensor (or one that may be a name's alias) in place, shared by inlined helpers. */
  mutations: Term[];
}

/** Deeper expressions are opaque to the rules (no real construct is written 200 levels deep). */
const MAX_NESTING = 200;

function evaluateBody(definition: Node, env: Map<string, Term>, walk: Walk): Term | null {
  const body = field(definition, 'body');
  if (!body) return null;
  for (const statement of namedChildren(body)) {
    switch (statement.type) {
      case 'expression_statement': {
        const inner = namedChildren(statement)[0];
        if (!inner || inner.type === 'string') break; // docstring
        if (inner.type === 'assignment') {
          if (!assign(inner, env, walk)) return null;
        } else if (inner.type === 'augmented_assignment') {
          const left = field(inner, 'left');
          const right = field(inner, 'right');
          const operator = inner.children.find((c) => c && !c.isNamed)?.text.replace('=', '');
          if (left?.type !== 'identifier' || !right || !operator || !env.has(left.text)) return null;
          env.set(left.text, { k: 'bin', op: operator, a: env.get(left.text)!, b: term(right, env, walk), node: inner });
        } else return null;
        break;
      }
      case 'return_statement': {
        const value = namedChildren(statement)[0];
        return value ? term(value, env, walk) : null;
      }
      case 'pass_statement':
        break;
      case 'if_statement':
        // T5LayerNorm's `if self.weight.dtype in (...): h = h.to(self.weight.dtype)`: a branch that only converts
        // dtypes leaves the math as it is. Any other branch is not a fixed computation.
        if (!onlyRecasts(statement, env, walk)) return null;
        break;
      default:
        return null; // branches and loops: not a fixed computation
    }
  }
  return null;
}

/** An `if` without elif/else whose body only reassigns variables to dtype conversions of themselves. */
function onlyRecasts(statement: Node, env: Map<string, Term>, walk: Walk): boolean {
  if (field(statement, 'alternative')) return false;
  // The condition is not read as math: one that changes a tensor in place (`x.sigmoid_().sum() > 0`) is not transparent.
  const condition = field(statement, 'condition');
  if (!condition || nodesOfType(condition, CALL).some((call) => isInPlace(calledMethod(call)))) return false;
  const body = field(statement, 'consequence');
  if (!body) return false;
  const statements = namedChildren(body);
  return statements.length > 0 && statements.every((inner) => {
    const assignment = inner.type === 'expression_statement' ? namedChildren(inner)[0] : null;
    const left = assignment?.type === 'assignment' ? field(assignment, 'left') : null;
    const right = assignment ? field(assignment, 'right') : null;
    if (left?.type !== 'identifier' || !right || !env.has(left.text)) return false;
    const value = term(right, env, walk);
    return value.k === 'cast' && sameTerm(value, env.get(left.text)!);
  });
}

function assign(assignment: Node, env: Map<string, Term>, walk: Walk): boolean {
  const left = field(assignment, 'left');
  const right = field(assignment, 'right');
  if (!left || !right) return false;
  const value = term(right, env, walk);
  if (left.type === 'identifier') {
    env.set(left.text, value);
    return true;
  }
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern') {
    // `batch, seq, _ = x.shape`: names bound to opaque values.
    for (const target of namedChildren(left)) {
      if (target.type !== 'identifier') return false;
      env.set(target.text, { k: 'opaque', text: target.text, node: target });
    }
    return true;
  }
  return false;
}

function term(raw: Node, env: Map<string, Term>, walk: Walk): Term {
  const node = unparenthesize(raw);
  if (walk.nesting.level >= MAX_NESTING) return { k: 'opaque', text: '<too deep>', node };
  walk.nesting.level++;
  try {
    return termOf(node, env, walk);
  } finally {
    walk.nesting.level--;
  }
}

function termOf(node: Node, env: Map<string, Term>, walk: Walk): Term {
  switch (node.type) {
    case 'integer':
    case 'float': {
      const value = Number(node.text.replace(/_/g, '').replace(/[jJ]$/, 'NaN'));
      return Number.isFinite(value) ? { k: 'num', v: value, node } : { k: 'opaque', text: node.text, node };
    }
    case 'string': {
      const value = stringValue(node);
      return value === null ? { k: 'opaque', text: node.text, node } : { k: 'str', v: value, node };
    }
    case 'identifier':
      return env.get(node.text) ?? { k: 'opaque', text: node.text, node };
    case 'attribute':
      return attributeTerm(node, env, walk);
    case 'binary_operator': {
      const op = node.children.find((c) => c && !c.isNamed)?.text ?? '?';
      const a = term(field(node, 'left')!, env, walk);
      const b = term(field(node, 'right')!, env, walk);
      if (a.k === 'num' && b.k === 'num') {
        const folded = fold(op, a.v, b.v);
        if (folded !== null) return { k: 'num', v: folded, node };
      }
      return { k: 'bin', op, a, b, node };
    }
    case 'unary_operator': {
      const op = field(node, 'operator')?.text;
      const a = term(field(node, 'argument')!, env, walk);
      if (op === '+') return a;
      if (op === '-') return a.k === 'num' ? { k: 'num', v: -a.v, node } : { k: 'neg', a, node };
      return { k: 'opaque', text: node.text, node };
    }
    case 'call':
      return callTerm(node, env, walk);
    case 'conditional_expression':
      return conditionalTerm(node, env, walk);
    case 'subscript':
      return { k: 'index', a: term(field(node, 'value')!, env, walk), node };
    case 'tuple':
    case 'list':
      return { k: 'tuple', items: namedChildren(node).map((item) => term(item, env, walk)), node };
    default:
      return { k: 'opaque', text: node.text, node };
  }
}

function fold(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? null : a / b;
    case '**': return a ** b;
    default: return null;
  }
}

const MATH_CONSTANTS: Record<string, number> = { 'math.pi': Math.PI, 'math.e': Math.E, 'torch.pi': Math.PI, 'numpy.pi': Math.PI };

function attributeTerm(node: Node, env: Map<string, Term>, walk: Walk): Term {
  const object = field(node, 'object')!;
  const name = field(node, 'attribute')?.text ?? '';
  if (object.type === 'identifier' && object.text === walk.selfName && !env.has(object.text)) {
    const value = walk.scope.selfValues.get(name);
    return value === undefined ? { k: 'self', name, node } : { k: 'self', name, value, node };
  }
  const qualified = walk.scope.names.qualify(node);
  if (qualified && qualified in MATH_CONSTANTS) return { k: 'num', v: MATH_CONSTANTS[qualified]!, node };
  return { k: 'opaque', text: node.text, node };
}

function callTerm(node: Node, env: Map<string, Term>, walk: Walk): Term {
  const callee = unparenthesize(field(node, 'function')!);
  const argumentNodes = namedChildren(field(node, 'arguments') ?? node);
  const positional = argumentNodes.filter((a) => a.type !== 'keyword_argument');
  const kwargs: Record<string, Term> = {};
  for (const argument of argumentNodes) {
    if (argument.type !== 'keyword_argument') continue;
    const key = field(argument, 'name')?.text;
    const value = field(argument, 'value');
    if (key && value) kwargs[key] = term(value, env, walk);
  }
  const args = () => positional.map((a) => term(a, env, walk));

  // Functions by their qualified name: torch.rsqrt, F.gelu, math.sqrt, and local module-level helpers.
  const qualified = walk.scope.names.qualify(callee);
  if (qualified) {
    const namespace = MATH_NAMESPACES.find((prefix) => qualified.startsWith(prefix));
    if (namespace) {
      const fn = qualified.slice(namespace.length);
      const values = args();
      if (namespace === 'math.' && values.every((v) => v.k === 'num')) {
        const folded = foldMath(fn, values.map((v) => (v as { v: number }).v));
        if (folded !== null) return { k: 'num', v: folded, node };
      }
      return { k: 'call', fn, args: values, kwargs, node };
    }
    return { k: 'call', fn: qualified, args: args(), kwargs, node };
  }
  if (callee.type === 'identifier') {
    const helper = walk.scope.functions.get(callee.text);
    if (helper && !env.has(callee.text)) {
      const inlined = inline(helper, null, args(), walk);
      if (inlined) {
        walk.out.inlinedFunctions.add(callee.text);
        return inlined;
      }
    }
    return { k: 'call', fn: callee.text, args: args(), kwargs, node };
  }
  if (callee.type === 'attribute') {
    const object = field(callee, 'object')!;
    const method = field(callee, 'attribute')?.text ?? '';
    if (object.type === 'identifier' && object.text === walk.selfName && !env.has(object.text)) {
      const own = walk.scope.owner.methods.get(method);
      if (own && !own.isStatic) {
        const inlined = inline(own.node, walk.selfName, args(), walk);
        if (inlined) {
          walk.out.inlinedMethods.add(method);
          return inlined;
        }
      }
      walk.out.opaqueSelfCalls.push(method);
      return { k: 'opaque', text: node.text, node };
    }
    const receiver = term(object, env, walk);
    if (isInPlace(method)) {
      // `relu6(x + 3).div_(6)`: an in-place method on a temporary computes what its out-of-place twin does.
      if (!NAMED_RECEIVERS.has(unparenthesize(object).type) && isTemporary(receiver)) {
        return { k: 'call', fn: method.slice(0, -1), args: [receiver, ...args()], kwargs, node };
      }
      const changed: Term = { k: 'call', fn: method, args: [receiver, ...args()], kwargs, node };
      walk.mutations.push(changed);
      return changed;
    }
    if (CAST_METHODS.has(method) && !(method === 'type' && positional.length === 0)) return { k: 'cast', a: receiver, node };
    return { k: 'call', fn: method, args: [receiver, ...args()], kwargs, node };
  }
  return { k: 'opaque', text: node.text, node };
}

/** Receivers an in-place method would change for later readers: names and attributes, not temporaries. */
const NAMED_RECEIVERS = new Set(['identifier', 'attribute', 'subscript']);

/** Methods whose result may be their receiver itself or a view of it. */
const ALIASING_METHODS = new Set([
  'view', 'view_as', 'reshape', 'reshape_as', 'flatten', 'unflatten', 'squeeze', 'unsqueeze', 'transpose', 'swapaxes',
  'swapdims', 't', 'permute', 'movedim', 'moveaxis', 'expand', 'expand_as', 'broadcast_to', 'narrow', 'select',
  'detach', 'as_strided', 'unfold', 'diagonal', 'real', 'imag', 'split', 'chunk', 'unbind', 'tensor_split', 'alias',
]);

const CALL = new Set(['call']);

/** A value no name can see: the result of arithmetic or of a call that makes a new tensor. Not a cast (`.float()`
 *  and `.contiguous()` return the tensor itself when there is nothing to do), a view, an in-place call (it returns
 *  its receiver) or a call given `inplace=`. */
function isTemporary(t: Term): boolean {
  if (t.k === 'bin' || t.k === 'neg') return true;
  return t.k === 'call' && !isInPlace(t.fn) && !ALIASING_METHODS.has(t.fn) && !('inplace' in t.kwargs);
}

/** The method name of a call written `receiver.method(...)`, else ''. */
function calledMethod(call: Node): string {
  const callee = field(call, 'function');
  return callee?.type === 'attribute' ? (field(callee, 'attribute')?.text ?? '') : '';
}

/** `mul_`, `clamp_` (not `__call__`-style dunders). */
function isInPlace(method: string): boolean {
  return method.length > 1 && method.endsWith('_') && !method.startsWith('_');
}

/**
 * `x.mul_(y) if inplace else x.mul(y)` (timm's activations): when both branches compute the same thing once
 * in-place methods are read as their out-of-place twins, the value is that computation; otherwise opaque.
 */
function conditionalTerm(node: Node, env: Map<string, Term>, walk: Walk): Term {
  const [whenTrue, , whenFalse] = namedChildren(node);
  if (!whenTrue || !whenFalse) return { k: 'opaque', text: node.text, node };
  const before = walk.mutations.length;
  const rawA = term(whenTrue, env, walk);
  const afterA = walk.mutations.length;
  const rawB = term(whenFalse, env, walk);
  const changedA = walk.mutations.slice(before, afterA);
  const changedB = walk.mutations.slice(afterA);
  if (changedA.length === 0 && changedB.length === 0) return sameTerm(rawA, rawB) ? rawB : { k: 'opaque', text: node.text, node };
  // A branch may change its tensor in place only as its last step (`x.mul_(x.sigmoid())`, not
  // `x.mul_(x.sigmoid_())`): then only that step is renamed (in-place calls on temporaries already were, and any
  // other one makes forward opaque). The conditional stays a change in place: sound only as the value returned.
  const lastStepOnly = (changed: Term[], raw: Term) => changed.length === 0 || (changed.length === 1 && changed[0] === raw);
  if (!lastStepOnly(changedA, rawA) || !lastStepOnly(changedB, rawB)) return { k: 'opaque', text: node.text, node };
  const a = outOfPlace(rawA);
  const b = outOfPlace(rawB);
  if (!sameTerm(a, b)) return { k: 'opaque', text: node.text, node };
  walk.mutations.length = before;
  walk.mutations.push(b);
  return b;
}

/** The term with its outermost in-place call (`mul_`) renamed to its out-of-place twin (`mul`); what is below is
 *  shared, not copied (terms are DAGs: a copy of every path can be exponential). */
function outOfPlace(t: Term): Term {
  return t.k === 'call' && isInPlace(t.fn) ? { ...t, fn: t.fn.slice(0, -1) } : t;
}

function foldMath(fn: string, values: number[]): number | null {
  const [a, b] = values;
  if (a === undefined) return null;
  switch (fn) {
    case 'sqrt': return Math.sqrt(a);
    case 'exp': return Math.exp(a);
    case 'log': return Math.log(a);
    case 'pow': return b === undefined ? null : a ** b;
    case 'tanh': return Math.tanh(a);
    default: return null;
  }
}

/** The result of calling a straight-line helper with these argument terms (self bound to the caller's self). */
function inline(definition: Node, selfName: string | null, values: Term[], walk: Walk): Term | null {
  if (walk.depth >= MAX_INLINE_DEPTH) return null;
  const parameters = readParameters(definition);
  const bound = selfName === null ? parameters : parameters.slice(1);
  if (bound.some((p) => p.shape !== 'plain') || values.length > bound.length) return null;
  const env = new Map<string, Term>();
  for (let i = 0; i < bound.length; i++) {
    const value = values[i];
    if (value) env.set(bound[i]!.name, value);
    else if (bound[i]!.defaultValue) env.set(bound[i]!.name, term(bound[i]!.defaultValue!, new Map(), walk));
    else return null;
  }
  const helperSelf = selfName === null ? null : (parameters[0]?.name ?? null);
  return evaluateBody(definition, env, { ...walk, selfName: helperSelf, depth: walk.depth + 1 });
}

/** The term without dtype conversions around it. */
export function stripCasts(t: Term): Term {
  let current = t;
  while (current.k === 'cast') current = current.a;
  return current;
}

/** Same computation, ignoring casts and the commutativity of + and *. */
export function sameTerm(a: Term, b: Term): boolean {
  // Terms share their variables' terms: without this, `y = f(y) * g(y)` a few dozen times over is a 2^n walk.
  if (a === b) return true;
  const x = stripCasts(a);
  const y = stripCasts(b);
  if (x.k !== y.k) return false;
  switch (x.k) {
    case 'num': return Math.abs(x.v - (y as typeof x).v) <= 1e-9 * Math.max(1, Math.abs(x.v));
    case 'str': return x.v === (y as typeof x).v;
    case 'param': return x.name === (y as typeof x).name;
    case 'self': return x.name === (y as typeof x).name;
    case 'neg': return sameTerm(x.a, (y as typeof x).a);
    case 'bin': {
      const other = y as typeof x;
      if (x.op !== other.op) return false;
      if (sameTerm(x.a, other.a) && sameTerm(x.b, other.b)) return true;
      return (x.op === '+' || x.op === '*') && sameTerm(x.a, other.b) && sameTerm(x.b, other.a);
    }
    case 'call': {
      const other = y as typeof x;
      return x.fn === other.fn && x.args.length === other.args.length && x.args.every((arg, i) => sameTerm(arg, other.args[i]!))
        && Object.keys(x.kwargs).length === Object.keys(other.kwargs).length
        && Object.entries(x.kwargs).every(([key, value]) => other.kwargs[key] !== undefined && sameTerm(value, other.kwargs[key]!));
    }
    case 'index': return x.node.text === (y as typeof x).node.text;
    case 'tuple': return x.items.length === (y as typeof x).items.length && x.items.every((item, i) => sameTerm(item, (y as typeof x).items[i]!));
    case 'opaque': return x.text === (y as typeof x).text;
    default: return false;
  }
}
