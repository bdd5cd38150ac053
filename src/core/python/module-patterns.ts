// Which decomposition rule a module's forward computes, read from its terms. Ids, roles and parameter names are
// those of ../patterns/rule-info.ts, so the fix builds the replacement op from the same table the detector uses.
import type { PatternId } from '../patterns/rule-info';
import { sameTerm, stripCasts, type Term } from './terms';

export interface ModuleMatch {
  pattern: PatternId;
  /** Role (rule-info `inputs`: 'X', 'scale', 'B', 'cos', 'sin') → the term supplying it. */
  roles: Record<string, Term>;
  /** Captured parameters by rule-info name: numbers and strings, or the term (`self.eps`) that supplies them. */
  params: Record<string, number | string | Term>;
}

type Matcher = (result: Term) => ModuleMatch | null;

/** Larger constructs first, as in the graph matcher. */
const MATCHERS: Matcher[] = [matchAttention, matchLayerNorm, matchRmsNorm, matchGeluTanh, matchGeluErf, matchRotary, matchSoftmax, matchHardSwish, matchMish, matchSilu];

export function matchModule(result: Term): ModuleMatch | null {
  for (const matcher of MATCHERS) {
    const match = matcher(result);
    if (match) return match;
  }
  return null;
}

// ----------------------------------------------------------------------------------------------------------------
// Products and sums, flattened through casts.

interface Product {
  factors: Term[];
  divisors: Term[];
  /** The product of numeric factors (divisors included). */
  constant: number;
}

/** Terms share their variables' terms, so `y = y * y` written n times is a chain of n nodes but 2^n paths; no
 *  construct has more than a handful of factors or terms, so flattening stops past this many and the whole term
 *  counts as a single factor (or term): the shape of no construct. */
const MAX_FLATTENED = 64;

function product(t: Term): Product {
  const out: Product = { factors: [], divisors: [], constant: 1 };
  let visits = 0;
  const visit = (term: Term, inverted: boolean) => {
    if (++visits > MAX_FLATTENED) return;
    const x = stripCasts(term);
    if (x.k === 'num') out.constant *= inverted ? 1 / x.v : x.v;
    else if (x.k === 'bin' && x.op === '*') {
      visit(x.a, inverted);
      visit(x.b, inverted);
    } else if (x.k === 'bin' && x.op === '/') {
      visit(x.a, inverted);
      visit(x.b, !inverted);
    } else if (x.k === 'call' && (x.fn === 'mul' || x.fn === 'multiply') && x.args.length === 2) {
      visit(x.args[0]!, inverted);
      visit(x.args[1]!, inverted);
    } else if (x.k === 'call' && (x.fn === 'div' || x.fn === 'divide') && x.args.length === 2 && Object.keys(x.kwargs).length === 0) {
      visit(x.args[0]!, inverted);
      visit(x.args[1]!, !inverted);
    } else (inverted ? out.divisors : out.factors).push(term);
  };
  visit(t, false);
  return visits > MAX_FLATTENED ? { factors: [t], divisors: [], constant: 1 } : out;
}

function sum(t: Term): Term[] {
  const terms: Term[] = [];
  let visits = 0;
  const visit = (term: Term) => {
    if (++visits > MAX_FLATTENED) return;
    const x = stripCasts(term);
    if (x.k === 'bin' && x.op === '+') {
      visit(x.a);
      visit(x.b);
    } else if (x.k === 'call' && x.fn === 'add' && x.args.length === 2 && Object.keys(x.kwargs).length === 0) {
      visit(x.args[0]!);
      visit(x.args[1]!);
    } else terms.push(term);
  };
  visit(t);
  return visits > MAX_FLATTENED ? [t] : terms;
}

const near = (a: number, b: number, tolerance = 1e-4) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

function callOf(t: Term, ...names: string[]): Extract<Term, { k: 'call' }> | null {
  const x = stripCasts(t);
  return x.k === 'call' && names.includes(x.fn) ? x : null;
}

function numberOf(t: Term | undefined): number | null {
  if (!t) return null;
  const x = stripCasts(t);
  if (x.k === 'self' && x.value !== undefined) return x.value;
  return x.k === 'num' ? x.v : null;
}

/** The parameter a chain was computed from (through casts). */
function inputParam(t: Term): Term | null {
  const x = stripCasts(t);
  return x.k === 'param' ? x : null;
}

/** `dim` of a reduction: the second positional argument or dim=/axis=. */
function reductionAxis(call: Extract<Term, { k: 'call' }>): number | null {
  const value = call.args[1] ?? call.kwargs.dim ?? call.kwargs.axis;
  if (!value) return null;
  const x = stripCasts(value);
  if (x.k === 'num') return x.v;
  if (x.k === 'tuple' && x.items.length === 1) return numberOf(x.items[0]);
  return null;
}

function keepsDims(call: Extract<Term, { k: 'call' }>): boolean {
  const keep = call.kwargs.keepdim ?? call.args[2];
  return keep !== undefined && stripCasts(keep).k === 'opaque' && stripCasts(keep).node.text === 'True';
}

/** x², written x.pow(2), torch.pow(x, 2), x ** 2, x * x or torch.square(x): the base, else null. */
function squaredBase(t: Term): Term | null {
  const x = stripCasts(t);
  if (x.k === 'bin' && x.op === '**' && numberOf(x.b) === 2) return x.a;
  if (x.k === 'bin' && x.op === '*' && sameTerm(x.a, x.b)) return x.a;
  const pow = callOf(x, 'pow');
  if (pow && pow.args.length === 2 && numberOf(pow.args[1]) === 2) return pow.args[0]!;
  const square = callOf(x, 'square');
  if (square && square.args.length === 1) return square.args[0]!;
  return null;
}

function cubedBase(t: Term): Term | null {
  const x = stripCasts(t);
  if (x.k === 'bin' && x.op === '**' && numberOf(x.b) === 3) return x.a;
  const pow = callOf(x, 'pow');
  if (pow && pow.args.length === 2 && numberOf(pow.args[1]) === 3) return pow.args[0]!;
  const p = product(x);
  if (p.constant === 1 && p.divisors.length === 0 && p.factors.length === 3 && p.factors.every((f) => sameTerm(f, p.factors[0]!))) return p.factors[0]!;
  return null;
}

/** `mean(v) + eps` → { mean call, eps term }. */
function meanPlusEpsilon(t: Term): { mean: Extract<Term, { k: 'call' }>; epsilon: Term } | null {
  const parts = sum(t);
  if (parts.length !== 2) return null;
  for (const [i, j] of [[0, 1], [1, 0]] as const) {
    const mean = callOf(parts[i]!, 'mean', 'var');
    const epsilon = stripCasts(parts[j]!);
    if (mean && (epsilon.k === 'num' ? epsilon.v > 0 && epsilon.v <= 1e-3 : epsilon.k === 'self' || epsilon.k === 'param')) return { mean, epsilon };
  }
  return null;
}

/** Factors that compute 1/√(s): rsqrt(s) as a factor, √s as a divisor, or s ** -0.5. */
function inverseRoot(p: Product): { radicand: Term; used: Term } | null {
  for (const factor of p.factors) {
    const rsqrt = callOf(factor, 'rsqrt');
    if (rsqrt?.args.length === 1) return { radicand: rsqrt.args[0]!, used: factor };
    const x = stripCasts(factor);
    if (x.k === 'bin' && x.op === '**' && numberOf(x.b) === -0.5) return { radicand: x.a, used: factor };
  }
  for (const divisor of p.divisors) {
    const sqrt = callOf(divisor, 'sqrt');
    if (sqrt?.args.length === 1) return { radicand: sqrt.args[0]!, used: divisor };
  }
  return null;
}

function epsilonParam(t: Term): number | Term {
  return t.k === 'num' ? t.v : t;
}

/** A weight: `self.weight` (through casts), or `1 + self.weight` (offset 1). */
function weightFactor(t: Term): { offset: number } | null {
  const x = stripCasts(t);
  if (x.k === 'self' || x.k === 'param') return { offset: 0 };
  const parts = sum(x);
  if (parts.length === 2) {
    for (const [i, j] of [[0, 1], [1, 0]] as const) {
      const inner = stripCasts(parts[j]!);
      if (numberOf(parts[i]) === 1 && (inner.k === 'self' || inner.k === 'param')) return { offset: 1 };
    }
  }
  return null;
}

// ----------------------------------------------------------------------------------------------------------------
// Rules

function matchRmsNorm(result: Term): ModuleMatch | null {
  const p = product(result);
  if (p.constant !== 1) return null;
  const root = inverseRoot(p);
  if (!root) return null;
  const radicand = meanPlusEpsilon(root.radicand);
  if (!radicand || radicand.mean.fn !== 'mean' || !keepsDims(radicand.mean)) return null;
  const base = squaredBase(radicand.mean.args[0]!);
  const axis = reductionAxis(radicand.mean);
  if (!base || axis === null) return null;
  const X = inputParam(base);
  if (!X) return null;
  const rest = p.factors.filter((f) => f !== root.used);
  const divisors = p.divisors.filter((d) => d !== root.used);
  const xIndex = rest.findIndex((f) => sameTerm(f, base));
  if (xIndex < 0 || divisors.length > 0) return null;
  const others = rest.filter((_, i) => i !== xIndex);
  if (others.length > 1) return null;
  const weight = others[0] ? weightFactor(others[0]) : null;
  if (others[0] && !weight) return null;
  const roles: Record<string, Term> = { X };
  if (others[0]) roles.scale = others[0];
  return {
    pattern: 'rms_norm',
    roles,
    params: { epsilon: epsilonParam(radicand.epsilon), axis, weight_offset: weight?.offset ?? 0, has_weight: others[0] ? 1 : 0 },
  };
}

function matchLayerNorm(result: Term): ModuleMatch | null {
  const parts = sum(result);
  if (parts.length > 2) return null;
  for (let mainIndex = 0; mainIndex < parts.length; mainIndex++) {
    const bias = parts.length === 2 ? parts[1 - mainIndex]! : null;
    if (bias && !weightFactor(bias)) continue;
    if (bias && weightFactor(bias)!.offset !== 0) continue;
    const p = product(parts[mainIndex]!);
    if (p.constant !== 1) continue;
    const root = inverseRoot(p);
    if (!root) continue;
    const radicand = meanPlusEpsilon(root.radicand);
    if (!radicand) continue;
    const rest = p.factors.filter((f) => f !== root.used);
    if (p.divisors.some((d) => d !== root.used)) continue;
    // The centered input: x - mean(x).
    const centeredIndex = rest.findIndex((f) => centeredInput(f) !== null);
    if (centeredIndex < 0) continue;
    const centered = centeredInput(rest[centeredIndex]!)!;
    const variance = radicand.mean;
    const axis = reductionAxis(centered.mean);
    if (axis === null || reductionAxis(variance) !== axis) continue;
    if (variance.fn === 'mean') {
      const base = squaredBase(variance.args[0]!);
      if (!base || !sameTerm(base, rest[centeredIndex]!)) continue;
    } else if (!(sameTerm(variance.args[0]!, centered.X) && isBiased(variance))) continue;
    const others = rest.filter((_, i) => i !== centeredIndex);
    if (others.length > 1) continue;
    if (others[0] && weightFactor(others[0])?.offset !== 0) continue;
    const X = inputParam(centered.X);
    if (!X) continue;
    const roles: Record<string, Term> = { X };
    if (others[0]) roles.scale = others[0];
    if (bias) roles.B = bias;
    if (bias && !others[0]) continue; // LayerNormalization has no bias without a scale
    return { pattern: 'layer_norm', roles, params: { epsilon: epsilonParam(radicand.epsilon), axis, has_weight: others[0] ? 1 : 0, has_bias: bias ? 1 : 0 } };
  }
  return null;
}

function centeredInput(t: Term): { X: Term; mean: Extract<Term, { k: 'call' }> } | null {
  const x = stripCasts(t);
  if (x.k !== 'bin' || x.op !== '-') return null;
  const mean = callOf(x.b, 'mean');
  if (!mean || !keepsDims(mean) || !sameTerm(mean.args[0]!, x.a)) return null;
  return { X: x.a, mean };
}

/** var(x, unbiased=False) or var(x, correction=0): the population variance LayerNorm uses. */
function isBiased(call: Extract<Term, { k: 'call' }>): boolean {
  const unbiased = call.kwargs.unbiased;
  if (unbiased) return stripCasts(unbiased).node.text === 'False';
  return numberOf(call.kwargs.correction) === 0;
}

const SQRT_HALF = Math.SQRT1_2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** 0.5 · x · (1 + f(inner)): returns X and the inner term of f. */
function geluShape(result: Term, fn: string): { X: Term; inner: Term } | null {
  const p = product(result);
  if (!near(p.constant, 0.5) || p.divisors.length > 0 || p.factors.length !== 2) return null;
  for (const [i, j] of [[0, 1], [1, 0]] as const) {
    const X = inputParam(p.factors[i]!);
    const parts = sum(p.factors[j]!);
    if (!X || parts.length !== 2) continue;
    for (const [a, b] of [[0, 1], [1, 0]] as const) {
      const call = callOf(parts[b]!, fn);
      if (numberOf(parts[a]) === 1 && call?.args.length === 1) return { X, inner: call.args[0]! };
    }
  }
  return null;
}

function matchGeluErf(result: Term): ModuleMatch | null {
  const shape = geluShape(result, 'erf');
  if (!shape) return null;
  const inner = product(shape.inner);
  if (!near(inner.constant, SQRT_HALF) || inner.factors.length !== 1 || inner.divisors.length !== 0 || !sameTerm(inner.factors[0]!, shape.X)) return null;
  return { pattern: 'gelu_erf', roles: { X: shape.X }, params: { approximate: 'none' } };
}

function matchGeluTanh(result: Term): ModuleMatch | null {
  const shape = geluShape(result, 'tanh');
  if (!shape) return null;
  const inner = product(shape.inner);
  if (!near(inner.constant, SQRT_2_OVER_PI) || inner.divisors.length !== 0) return null;
  if (inner.factors.length === 2 && factoredCubic(inner.factors, shape.X)) return { pattern: 'gelu_tanh', roles: { X: shape.X }, params: { approximate: 'tanh' } };
  if (inner.factors.length !== 1) return null;
  const parts = sum(inner.factors[0]!);
  if (parts.length !== 2) return null;
  for (const [a, b] of [[0, 1], [1, 0]] as const) {
    if (!sameTerm(parts[a]!, shape.X)) continue;
    const cubic = product(parts[b]!);
    if (!near(cubic.constant, 0.044715) || cubic.factors.length === 0 || cubic.divisors.length > 0) continue;
    const base = cubic.factors.length === 1 ? cubedBase(cubic.factors[0]!)
      : cubic.factors.length === 3 && cubic.factors.every((f) => sameTerm(f, shape.X)) ? cubic.factors[0]! : null;
    if (base && sameTerm(base, shape.X)) return { pattern: 'gelu_tanh', roles: { X: shape.X }, params: { approximate: 'tanh' } };
  }
  return null;
}

/** x · (1 + 0.044715 · x²), FastGELU's factoring of x + 0.044715 · x³ (transformers' FastGELUActivation). */
function factoredCubic(factors: Term[], X: Term): boolean {
  for (const [a, b] of [[0, 1], [1, 0]] as const) {
    if (!sameTerm(factors[a]!, X)) continue;
    const parts = sum(factors[b]!);
    if (parts.length !== 2) continue;
    for (const [one, other] of [[0, 1], [1, 0]] as const) {
      if (numberOf(parts[one]) !== 1) continue;
      const quadratic = product(parts[other]!);
      if (!near(quadratic.constant, 0.044715) || quadratic.divisors.length > 0) continue;
      const base = quadratic.factors.length === 1 ? squaredBase(quadratic.factors[0]!)
        : quadratic.factors.length === 2 && sameTerm(quadratic.factors[0]!, quadratic.factors[1]!) ? quadratic.factors[0]! : null;
      if (base && sameTerm(base, X)) return true;
    }
  }
  return false;
}

/** x · sigmoid(alpha · x): SiLU (alpha 1), or QuickGELU (alpha 1.702, transformers' and timm's quick_gelu). */
function matchSilu(result: Term): ModuleMatch | null {
  const p = product(result);
  if (p.constant !== 1 || p.divisors.length > 0 || p.factors.length !== 2) return null;
  for (const [i, j] of [[0, 1], [1, 0]] as const) {
    const X = inputParam(p.factors[i]!);
    const sigmoid = callOf(p.factors[j]!, 'sigmoid');
    if (!X || sigmoid?.args.length !== 1 || Object.keys(sigmoid.kwargs).length > 0) continue;
    const argument = product(sigmoid.args[0]!);
    const alpha = argument.constant;
    if (argument.divisors.length === 0 && argument.factors.length === 1 && sameTerm(argument.factors[0]!, X) && alpha > 0) {
      return { pattern: 'silu', roles: { X }, params: { alpha } };
    }
  }
  return null;
}

/** x · relu6(x + 3) / 6 (or clamp(x + 3, 0, 6), or hardsigmoid(x) · x). */
function matchHardSwish(result: Term): ModuleMatch | null {
  const p = product(result);
  if (p.divisors.length > 0 || p.factors.length !== 2) return null;
  for (const [i, j] of [[0, 1], [1, 0]] as const) {
    const X = inputParam(p.factors[i]!);
    if (!X) continue;
    const hardSigmoid = callOf(p.factors[j]!, 'hardsigmoid');
    if (hardSigmoid && near(p.constant, 1) && hardSigmoid.args.length === 1 && sameTerm(hardSigmoid.args[0]!, X)) return { pattern: 'hard_swish', roles: { X }, params: {} };
    if (!near(p.constant, 1 / 6)) continue;
    const relu6 = callOf(p.factors[j]!, 'relu6', 'clamp', 'clip', 'hardtanh');
    if (!relu6) continue;
    const shifted = sum(relu6.args[0]!);
    const plusThree = shifted.length === 2 && shifted.some((t) => numberOf(t) === 3) && shifted.some((t) => sameTerm(t, X));
    const bounds = relu6.fn === 'relu6' || (numberOf(relu6.args[1] ?? relu6.kwargs.min) === 0 && numberOf(relu6.args[2] ?? relu6.kwargs.max) === 6)
      || (relu6.fn === 'hardtanh' && numberOf(relu6.args[1] ?? relu6.kwargs.min_val) === 0 && numberOf(relu6.args[2] ?? relu6.kwargs.max_val) === 6);
    if (plusThree && bounds) return { pattern: 'hard_swish', roles: { X }, params: {} };
  }
  return null;
}

/** x · tanh(softplus(x)). */
function matchMish(result: Term): ModuleMatch | null {
  const p = product(result);
  if (p.constant !== 1 || p.divisors.length > 0 || p.factors.length !== 2) return null;
  for (const [i, j] of [[0, 1], [1, 0]] as const) {
    const X = inputParam(p.factors[i]!);
    const tanh = callOf(p.factors[j]!, 'tanh');
    const softplus = tanh?.args.length === 1 ? callOf(tanh.args[0]!, 'softplus') : null;
    if (X && softplus && softplus.args.length === 1 && Object.keys(softplus.kwargs).length === 0 && sameTerm(softplus.args[0]!, X)) return { pattern: 'mish', roles: { X }, params: {} };
  }
  return null;
}

function matchSoftmax(result: Term): ModuleMatch | null {
  const x = stripCasts(result);
  if (x.k !== 'bin' || x.op !== '/') return null;
  const exp = callOf(x.a, 'exp');
  const total = callOf(x.b, 'sum');
  if (!exp || !total || !keepsDims(total) || !sameTerm(total.args[0]!, x.a)) return null;
  const axis = reductionAxis(total);
  if (axis === null || exp.args.length !== 1) return null;
  let argument = stripCasts(exp.args[0]!);
  let maxSubtracted = 0;
  if (argument.k === 'bin' && argument.op === '-') {
    const max = stripCasts(argument.b);
    const maxCall = max.k === 'index' ? callOf(max.a, 'max') : callOf(max, 'amax');
    if (!maxCall || !sameTerm(maxCall.args[0]!, argument.a) || reductionAxis(maxCall) !== axis) return null;
    argument = stripCasts(argument.a);
    maxSubtracted = 1;
  }
  const X = inputParam(argument);
  if (!X) return null;
  return { pattern: 'softmax', roles: { X }, params: { axis, max_subtracted: maxSubtracted } };
}

/** x·cos + rotate_half(x)·sin, with rotate_half = cat((-x2, x1), dim=-1) inlined. */
function matchRotary(result: Term): ModuleMatch | null {
  const parts = sum(result);
  if (parts.length !== 2) return null;
  for (const [a, b] of [[0, 1], [1, 0]] as const) {
    const direct = product(parts[a]!);
    const rotated = product(parts[b]!);
    if (direct.constant !== 1 || rotated.constant !== 1 || direct.factors.length !== 2 || rotated.factors.length !== 2) continue;
    if (direct.divisors.length > 0 || rotated.divisors.length > 0) continue;
    for (const [xi, ci] of [[0, 1], [1, 0]] as const) {
      const X = inputParam(direct.factors[xi]!);
      if (!X) continue;
      for (const [ri, si] of [[0, 1], [1, 0]] as const) {
        if (isRotateHalf(rotated.factors[ri]!, X)) {
          return { pattern: 'rotary_embedding', roles: { X, cos: direct.factors[ci]!, sin: rotated.factors[si]! }, params: { interleaved: 0 } };
        }
      }
    }
  }
  return null;
}

function isRotateHalf(t: Term, X: Term): boolean {
  const cat = callOf(t, 'cat', 'concat', 'concatenate');
  if (!cat) return false;
  const items = cat.args[0] ? stripCasts(cat.args[0]) : null;
  const axis = cat.args[1] ?? cat.kwargs.dim ?? cat.kwargs.axis;
  if (items?.k !== 'tuple' || items.items.length !== 2 || numberOf(axis) !== -1) return false;
  const [first, second] = items.items.map(stripCasts);
  return first!.k === 'neg' && stripCasts(first!.a).k === 'index' && second!.k === 'index'
    && sameTerm((stripCasts(first!.a) as Extract<Term, { k: 'index' }>).a, X) && sameTerm(second!.a, X);
}

// ----------------------------------------------------------------------------------------------------------------
// Attention: softmax(Q·Kᵀ·scale [+ mask], dim=-1)·V.

/** `a @ b`, torch.matmul(a, b), a.matmul(b) or torch.bmm(a, b): the two operands. */
function matmulOf(t: Term): { a: Term; b: Term } | null {
  const x = stripCasts(t);
  if (x.k === 'bin' && x.op === '@') return { a: x.a, b: x.b };
  const call = callOf(x, 'matmul', 'bmm');
  if (call && call.args.length === 2 && Object.keys(call.kwargs).length === 0) return { a: call.args[0]!, b: call.args[1]! };
  return null;
}

/** K from Kᵀ over the last two axes: k.transpose(-2, -1), torch.transpose(k, -1, -2), k.transpose(dim0=-2, dim1=-1). */
function transposedLastTwo(t: Term): Term | null {
  const call = callOf(t, 'transpose', 'swapaxes', 'swapdims');
  if (!call || call.args.length < 1) return null;
  const first = numberOf(call.args[1] ?? call.kwargs.dim0 ?? call.kwargs.axis0);
  const second = numberOf(call.args[2] ?? call.kwargs.dim1 ?? call.kwargs.axis1);
  const lastTwo = (first === -2 && second === -1) || (first === -1 && second === -2);
  return lastTwo ? call.args[0]! : null;
}

/** A value fixed when the module is built: numbers, `self.x` scalars, arithmetic and math.sqrt of those. */
function isConstant(t: Term): boolean {
  switch (t.k) {
    case 'num':
    case 'self':
      return true;
    case 'neg':
      return isConstant(t.a);
    case 'bin':
      return ['+', '-', '*', '/', '**'].includes(t.op) && isConstant(t.a) && isConstant(t.b);
    case 'call':
      // math.sqrt(self.d), not a tensor method (`x.sqrt()`, whose receiver is args[0]).
      return t.fn === 'sqrt' && t.args.length === 1 && Object.keys(t.kwargs).length === 0 && isConstant(t.args[0]!)
        && !t.node.text.startsWith(`${t.args[0]!.node.text}.`);
    default:
      return false;
  }
}

/** One tensor factor times constants: `q`, `q * self.scaling`, `k.transpose(-2, -1) / 8`. */
function scaledOperand(t: Term): { tensor: Term; scale: Product } | null {
  const p = product(t);
  const tensors = p.factors.filter((f) => !isConstant(stripCasts(f)));
  if (tensors.length !== 1 || p.divisors.some((d) => !isConstant(stripCasts(d)))) return null;
  return { tensor: tensors[0]!, scale: { factors: p.factors.filter((f) => f !== tensors[0]), divisors: p.divisors, constant: p.constant } };
}

/** The factor Q·Kᵀ is multiplied by, as a number when it is one, else a term the fix writes as a Python expression. */
function scaleValue(parts: Product[], at: Term): number | Term {
  const constant = parts.reduce((c, p) => c * p.constant, 1);
  const factors = parts.flatMap((p) => p.factors.map(stripCasts));
  const divisors = parts.flatMap((p) => p.divisors.map(stripCasts));
  if (factors.length === 0 && divisors.length === 0) return constant;
  const node = at.node;
  const times = (a: Term, b: Term): Term => ({ k: 'bin', op: '*', a, b, node });
  let numerator: Term | null = constant === 1 ? null : { k: 'num', v: constant, node };
  for (const factor of factors) numerator = numerator ? times(numerator, factor) : factor;
  if (divisors.length === 0) return numerator!;
  const denominator = divisors.reduce((a, b) => times(a, b));
  return { k: 'bin', op: '/', a: numerator ?? { k: 'num', v: 1, node }, b: denominator, node };
}

function matchAttention(result: Term): ModuleMatch | null {
  const output = matmulOf(result);
  if (!output) return null;
  const V = inputParam(output.b);
  const softmax = callOf(output.a, 'softmax');
  if (!V || !softmax || softmax.args.length === 0 || reductionAxis(softmax) !== -1) return null;
  const parts = sum(softmax.args[0]!);
  if (parts.length > 2) return null;
  for (let scoresIndex = 0; scoresIndex < parts.length; scoresIndex++) {
    const mask = parts.length === 2 ? inputParam(parts[1 - scoresIndex]!) : null;
    if (parts.length === 2 && !mask) continue;
    const scores = scaledOperand(parts[scoresIndex]!);
    const product = scores ? matmulOf(scores.tensor) : null;
    if (!scores || !product) continue;
    const query = scaledOperand(product.a);
    const keyT = scaledOperand(product.b);
    const Q = query ? inputParam(query.tensor) : null;
    const transposed = keyT ? transposedLastTwo(keyT.tensor) : null;
    const K = transposed ? inputParam(transposed) : null;
    if (!Q || !K) continue;
    const roles: Record<string, Term> = { Q, K, V };
    if (mask) roles.attn_mask = mask;
    const scale = scaleValue([scores.scale, query!.scale, keyT!.scale], parts[scoresIndex]!);
    return { pattern: 'attention', roles, params: { scale, has_mask: mask ? 1 : 0 } };
  }
  return null;
}
