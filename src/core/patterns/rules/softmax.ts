// softmax: exp(x) / sum(exp(x)) over one axis, optionally with the max subtracted first.
import type { MatchView, Params, Rule } from '../matcher';
import { alt, maybeConst, op, v, type Pattern } from '../pattern';
import { reduceAxes, sameAxes } from './common';

/** Softmax written out over `input`; capture names are prefixed so a larger pattern can embed it. */
export function softmaxPattern(input: Pattern, prefix = ''): Pattern {
  const x = v(`${prefix}x`, input);
  const shifted = alt(
    op('Sub', [x, op('ReduceMax', [x, maybeConst(`${prefix}max_axes`)], { capture: `${prefix}max` })], { commutative: false }),
    x,
  );
  const e = v(`${prefix}e`, op('Exp', [shifted]));
  const sum = op('ReduceSum', [e, maybeConst(`${prefix}sum_axes`)], { capture: `${prefix}sum` });
  return alt(op('Div', [e, sum], { commutative: false }), op('Mul', [e, op('Reciprocal', [sum])]));
}

export function softmaxParams(m: MatchView, prefix = ''): Params | null {
  const sumAxes = reduceAxes(m, `${prefix}sum`);
  if (!sumAxes || sumAxes.length !== 1) return null;
  const hasMax = m.node(`${prefix}max`) !== undefined;
  if (hasMax && !sameAxes(sumAxes, reduceAxes(m, `${prefix}max`))) return null;
  return { axis: sumAxes[0]!, max_subtracted: hasMax ? 1 : 0 };
}

export const softmaxRule: Rule = {
  id: 'softmax',
  pattern: softmaxPattern(v('input')),
  finish: (m) => softmaxParams(m),
};
