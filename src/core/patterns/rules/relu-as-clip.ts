// relu_as_clip: Clip(x, 0, none), what a custom ReLU autograd.Function without `symbolic` exports as
// (clamp(min=0)). Bounds are inputs from opset 11, attributes before.
import type { Rule } from '../matcher';
import { absent, alt, c, isNear, op, v } from '../pattern';
import { attrFloat, hasAttr } from './common';

const x = v('x');

export const reluAsClipRule: Rule = {
  id: 'relu_as_clip',
  pattern: alt(
    op('Clip', [x, c(isNear(0)), absent()]),
    op('Clip', [x], { where: (n) => attrFloat(n, 'min') === 0 && (!hasAttr(n, 'max') || (attrFloat(n, 'max') ?? 0) >= 3.4e38) }),
  ),
  finish: () => ({}),
};
