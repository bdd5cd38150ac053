// layer_norm: ReduceMean → Sub → Pow 2 (or Mul by itself) → ReduceMean → Add eps → Sqrt → Div (or Mul by
// 1/Sqrt) → [Mul weight] → [Add bias], optionally between Casts to float and back.
import type { MatchView, Params, Rule } from '../matcher';
import { alt, c, inRange, isNear, maybe, maybeConst, op, v, type Pattern } from '../pattern';
import { firstScalar, reduceAxes, sameAxes, trailingAxis } from './common';

export function layerNormPattern(input: Pattern): Pattern {
  const xf = v('xf', maybe('Cast', input, { capture: 'cast_in', droppable: true }));
  const mean = op('ReduceMean', [xf, maybeConst('mean_axes')], { capture: 'mean' });
  const centered = v('centered', op('Sub', [xf, mean], { commutative: false }));
  const square = alt(op('Pow', [centered, c(isNear(2))]), op('Mul', [centered, centered]));
  const variance = op('ReduceMean', [square, maybeConst('variance_axes')], { capture: 'variance' });
  const sqrt = (): Pattern => op('Sqrt', [op('Add', [variance, c(inRange(0, 1e-3), 'eps')])]);
  const normed = alt(
    op('Div', [centered, sqrt()], { commutative: false }),
    op('Mul', [centered, alt(op('Div', [c(isNear(1)), sqrt()], { commutative: false }), op('Reciprocal', [sqrt()]))]),
  );
  const normedCast = maybe('Cast', normed, { capture: 'cast_mid' });
  const scaled = alt(op('Mul', [normedCast, c()], { capture: 'weight_mul' }), normedCast);
  const shifted = alt(op('Add', [scaled, c()], { capture: 'bias_add' }), scaled);
  return maybe('Cast', shifted, { capture: 'cast_out' });
}

export function layerNormParams(m: MatchView): Params | null {
  const meanAxes = reduceAxes(m, 'mean');
  const axis = trailingAxis(meanAxes);
  const epsilon = firstScalar(m.constant('eps'));
  if (axis === undefined || epsilon === undefined || !sameAxes(meanAxes, reduceAxes(m, 'variance'))) return null;
  return {
    epsilon, axis,
    has_weight: m.node('weight_mul') ? 1 : 0,
    has_bias: m.node('bias_add') ? 1 : 0,
  };
}

export const layerNormRule: Rule = {
  id: 'layer_norm',
  pattern: layerNormPattern(v('x')),
  finish: layerNormParams,
};
