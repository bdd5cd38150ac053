// gelu_erf: x·0.5·(1 + erf(x/√2)); gelu_tanh: x·0.5·(1 + tanh(√(2/π)·(x + 0.044715·x³))), with x³ as Pow(x,3)
// or x·x·x. The three factors may be multiplied in any association; ·0.5 may be /2.
import type { Rule } from '../matcher';
import { alt, c, isNear, op, v, type Pattern } from '../pattern';
import { product3 } from './common';

function halfTimes(x: Pattern, onePlus: Pattern): Pattern {
  return alt(
    product3(x, onePlus, c(isNear(0.5))),
    op('Div', [op('Mul', [x, onePlus]), c(isNear(2))], { commutative: false }),
  );
}

const x = v('x');

export const geluErfRule: Rule = {
  id: 'gelu_erf',
  pattern: halfTimes(x, op('Add', [
    op('Erf', [alt(
      op('Div', [x, c(isNear(Math.SQRT2))], { commutative: false }),
      op('Mul', [x, c(isNear(Math.SQRT1_2))]),
    )]),
    c(isNear(1)),
  ])),
  finish: () => ({ approximate: 'none' }),
};

const cube = alt(op('Pow', [x, c(isNear(3))]), op('Mul', [x, op('Mul', [x, x])]));
const tanhArgument = op('Mul', [op('Add', [x, op('Mul', [cube, c(isNear(0.044715))])]), c(isNear(Math.sqrt(2 / Math.PI)))]);

export const geluTanhRule: Rule = {
  id: 'gelu_tanh',
  pattern: halfTimes(x, op('Add', [op('Tanh', [tanhArgument]), c(isNear(1))])),
  finish: () => ({ approximate: 'tanh' }),
};
