// rms_norm: x·rsqrt(mean(x²)+eps)·weight, as the Llama, Gemma and T5 modules export it:
// [Cast to float] Pow(x,2)|Mul(x,x) → ReduceMean → Add eps → Sqrt → Div(1,·)|Reciprocal → Mul x (or Div x by the
// Sqrt) → [Cast back] → Mul weight | Mul (1 + weight) → [Cast back].
import type { MatchView, Params, Rule } from '../matcher';
import { alt, c, inRange, isNear, maybe, maybeConst, op, v, type Pattern } from '../pattern';
import { firstScalar, reduceAxes, trailingAxis } from './common';

/** The RMSNorm chain over `input` (a plain value, or the residual Add of a skip norm). */
export function rmsNormPattern(input: Pattern): Pattern {
  const xf = v('xf', maybe('Cast', input, { capture: 'cast_in', droppable: true }));
  const square = alt(op('Pow', [xf, c(isNear(2))]), op('Mul', [xf, xf]));
  const mean = op('ReduceMean', [square, maybeConst('mean_axes')], { capture: 'mean' });
  const varianceEps = v('ve', op('Add', [mean, c(inRange(0, 1e-3), 'eps')]));
  const rstd = alt(
    op('Div', [c(isNear(1)), op('Sqrt', [varianceEps])], { commutative: false }),
    op('Reciprocal', [op('Sqrt', [varianceEps])]),
  );
  const normed = alt(op('Mul', [xf, rstd]), op('Div', [xf, op('Sqrt', [varianceEps])], { commutative: false }));
  const normedCast = maybe('Cast', normed, { capture: 'cast_mid' });
  const weight = alt(
    op('Add', [maybe('Cast', c()), c(isNear(1))], { capture: 'one_plus_weight' }),
    maybe('Cast', c()),
  );
  const weighted = op('Mul', [normedCast, weight], { capture: 'weight_mul' });
  return alt(maybe('Cast', weighted, { capture: 'cast_out' }), normedCast);
}

export function rmsNormParams(m: MatchView): Params | null {
  const axis = trailingAxis(reduceAxes(m, 'mean'));
  const epsilon = firstScalar(m.constant('eps'));
  if (axis === undefined || epsilon === undefined) return null;
  // x - mean(x) in front is a layer norm whose mean part did not match: not an RMSNorm.
  const g = m.graph;
  const producer = g.producerIndex(m.valueId('xf'));
  if (producer >= 0 && g.nodes[producer]!.opType === 'Sub') {
    const subtrahend = g.producerIndex(g.canonicalId(g.inputAt(producer, 1)));
    if (subtrahend >= 0 && g.nodes[subtrahend]!.opType === 'ReduceMean') return null;
  }
  return {
    epsilon, axis,
    weight_offset: m.node('one_plus_weight') ? 1 : 0,
    has_weight: m.node('weight_mul') ? 1 : 0,
    upcast: m.node('cast_in') || m.node('cast_mid') || m.node('cast_out') ? 1 : 0,
  };
}

export const rmsNormRule: Rule = {
  id: 'rms_norm',
  pattern: rmsNormPattern(v('x')),
  finish: rmsNormParams,
};
