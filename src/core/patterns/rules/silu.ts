// silu: x·sigmoid(x) (and x·sigmoid(α·x), the Swish form).
import type { Rule } from '../matcher';
import { alt, c, op, v } from '../pattern';
import { firstScalar } from './common';

const x = v('x');

export const siluRule: Rule = {
  id: 'silu',
  pattern: op('Mul', [x, op('Sigmoid', [alt(x, op('Mul', [x, c((values) => values.length === 1, 'alpha')]))])]),
  finish: (m) => ({ alpha: firstScalar(m.constant('alpha')) ?? 1 }),
};
