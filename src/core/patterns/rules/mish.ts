// mish: x·tanh(softplus(x)), softplus as the Softplus op or as log(1 + exp(x)).
import type { Rule } from '../matcher';
import { alt, c, isNear, op, v } from '../pattern';

const x = v('x');
const softplus = alt(op('Softplus', [x]), op('Log', [op('Add', [op('Exp', [x]), c(isNear(1))])]));

export const mishRule: Rule = {
  id: 'mish',
  pattern: op('Mul', [x, op('Tanh', [softplus])]),
  finish: () => ({}),
};
