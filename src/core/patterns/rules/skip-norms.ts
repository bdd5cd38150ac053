// skip_layer_norm / skip_rms_norm: a residual Add(input, skip) whose sum only feeds a norm — written out, or
// already fused (LayerNormalization; RMSNormalization or ORT's SimplifiedLayerNormalization).
import type { Node } from '../../onnx/model';
import type { MatchView, Params, Rule } from '../matcher';
import type { MatchContext } from '../pattern';
import { absent, alt, op, v } from '../pattern';
import { attrFloat, attrInt } from './common';
import { layerNormParams, layerNormPattern } from './layer-norm';
import { rmsNormParams, rmsNormPattern } from './rms-norm';

/** Both operands are activations: an Add with a constant is a bias, not a residual. */
const residual = (_: Node, ctx: MatchContext, i: number): boolean => !ctx.isConstantId(ctx.inputAt(i, 0)) && !ctx.isConstantId(ctx.inputAt(i, 1));
const skipSum = v('skip_sum', op('Add', [v('input'), v('skip')], { capture: 'skip_add', where: residual }));

function fusedParams(node: Node): Params {
  return { epsilon: attrFloat(node, 'epsilon') ?? 1e-5, axis: attrInt(node, 'axis') ?? -1 };
}

export const skipLayerNormRule: Rule = {
  id: 'skip_layer_norm',
  pattern: alt(
    op('LayerNormalization', [skipSum, v('scale'), alt(absent(), v('bias'))], { capture: 'fused_norm' }),
    layerNormPattern(skipSum),
  ),
  finish: (m: MatchView): Params | null => {
    const fused = m.node('fused_norm');
    if (fused) return fusedParams(fused);
    const p = layerNormParams(m);
    return p && { epsilon: p.epsilon!, axis: p.axis! };
  },
};

export const skipRmsNormRule: Rule = {
  id: 'skip_rms_norm',
  pattern: alt(
    op(['RMSNormalization', 'SimplifiedLayerNormalization'], [skipSum, v('scale')], { capture: 'fused_norm' }),
    rmsNormPattern(skipSum),
  ),
  finish: (m: MatchView): Params | null => {
    const fused = m.node('fused_norm');
    if (fused) return { ...fusedParams(fused), weight_offset: 0 };
    const p = rmsNormParams(m);
    return p && { epsilon: p.epsilon!, axis: p.axis!, weight_offset: p.weight_offset! };
  },
};
