// gelu_erf: x·0.5·(1 + erf(x/√2)); gelu_tanh: x·0.5·(1 + tanh(√(2/π)·p(x))) with the cubic p(x) = x + 0.044715·x³
// written expanded (NewGELU, nn.GELU('tanh')) or factored as x·(1 + 0.044715·x²) (transformers' FastGELU). Every
// product in these formulas is read as a product of factors: any association, any order; ·0.5 may be /2.
import type { Rule } from '../matcher';
import { alt, c, isNear, op, v, type Pattern } from '../pattern';
import { product } from './common';

function halfTimes(x: Pattern, onePlus: Pattern): Pattern {
  return alt(
    product(x, onePlus, c(isNear(0.5))),
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

/** k·xⁿ: Pow(x, n)·k, or n copies of x and k multiplied in any association. */
function scaledPower(n: number, k: Pattern): Pattern {
  return alt(product(op('Pow', [x, c(isNear(n))]), k), product(...Array<Pattern>(n).fill(x), k));
}

const cubicTerm = c(isNear(0.044715));
const sqrtTwoOverPi = c(isNear(Math.sqrt(2 / Math.PI)));
const cubicExpanded = op('Add', [x, scaledPower(3, cubicTerm)]);
const cubicFactor = op('Add', [scaledPower(2, cubicTerm), c(isNear(1))]);
const tanhArgument = alt(product(cubicExpanded, sqrtTwoOverPi), product(x, cubicFactor, sqrtTwoOverPi));

export const geluTanhRule: Rule = {
  id: 'gelu_tanh',
  pattern: halfTimes(x, op('Add', [op('Tanh', [tanhArgument]), c(isNear(1))])),
  finish: () => ({ approximate: 'tanh' }),
};
