// attention: softmax(Q·Kᵀ·scale + mask)·V — MatMul(Q, [Transpose]K) → Mul|Div scale → [Add mask] → Softmax (the
// op, or written out) → MatMul V. The scale may also sit on Q.
import type { MatchView, Params, Rule } from '../matcher';
import { alt, c, op, v } from '../pattern';
import { attrInt, firstScalar } from './common';
import { softmaxParams, softmaxPattern } from './softmax';

const scalar = (values: number[]): boolean => values.length === 1 && values[0] !== 0;

const q = v('q');
const k = v('k');
const scores = op('MatMul', [
  alt(op('Mul', [q, c(scalar, 'q_scale')]), q),
  op('Transpose', [k], { capture: 'k_transpose', droppable: true }),
], { capture: 'qk' });
const scores2 = op('MatMul', [alt(op('Mul', [q, c(scalar, 'q_scale')]), q), k], { capture: 'qk' });
const scaled = alt(
  op('Mul', [alt(scores, scores2), c(scalar, 'scale_mul')]),
  op('Div', [alt(scores, scores2), c(scalar, 'scale_div')], { commutative: false }),
  alt(scores, scores2),
);
const masked = alt(op('Add', [scaled, v('mask')], { capture: 'mask_add' }), scaled);
const probabilities = alt(op('Softmax', [masked], { capture: 'softmax' }), softmaxPattern(masked, 'sm_'));

function attentionParams(m: MatchView): Params | null {
  const softmax = m.node('softmax');
  if (softmax) {
    // From opset 13 the default axis is -1; before it, 1 over a coerced 2-D view: only an explicit -1 is per-row.
    const axis = attrInt(softmax, 'axis');
    if (axis !== -1 && !(axis === undefined && m.graph.scope.opsetImport.some((o) => (o.domain === '' || o.domain === 'ai.onnx') && o.version >= 13))) return null;
  } else {
    const sm = softmaxParams(m, 'sm_');
    if (!sm || sm.axis !== -1) return null;
  }
  let scale = firstScalar(m.constant('q_scale')) ?? 1;
  const mul = firstScalar(m.constant('scale_mul'));
  const div = firstScalar(m.constant('scale_div'));
  if (mul !== undefined) scale *= mul;
  if (div !== undefined) scale /= div;
  return { scale, has_mask: m.node('mask_add') ? 1 : 0 };
}

export const attentionRule: Rule = {
  id: 'attention',
  pattern: op('MatMul', [probabilities, v('v')], { commutative: false }),
  finish: attentionParams,
};
