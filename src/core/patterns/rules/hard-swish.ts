// hard_swish: x·HardSigmoid(x) with α = 1/6, β = 0.5 (torch before opset 14), or x·relu6(x + 3)/6 written by hand
// (relu6 as Clip(0, 6), possibly after a Relu; Clip's bounds as inputs from opset 11, as attributes before).
import type { Node } from '../../onnx/model';
import type { Rule } from '../matcher';
import { alt, c, isNear, maybe, op, v, type Pattern } from '../pattern';
import { attrFloat } from './common';

const near = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) < 1e-4;

function relu6(inner: Pattern): Pattern {
  const input = maybe('Relu', inner);
  return alt(
    op('Clip', [input, c(isNear(0)), c(isNear(6))]),
    op('Clip', [input], { where: (n: Node) => near(attrFloat(n, 'min'), 0) && near(attrFloat(n, 'max'), 6) }),
  );
}

const x = v('x');
const gate = relu6(op('Add', [x, c(isNear(3))]));

export const hardSwishRule: Rule = {
  id: 'hard_swish',
  pattern: alt(
    op('Mul', [x, op('HardSigmoid', [x], { where: (n) => near(attrFloat(n, 'alpha') ?? 0.2, 1 / 6) && near(attrFloat(n, 'beta') ?? 0.5, 0.5) })]),
    op('Div', [op('Mul', [x, gate]), c(isNear(6))], { commutative: false }),
    op('Mul', [x, op('Div', [gate, c(isNear(6))], { commutative: false })]),
    op('Mul', [op('Mul', [x, gate]), c(isNear(1 / 6))]),
    op('Mul', [x, op('Mul', [gate, c(isNear(1 / 6))])]),
  ),
  finish: () => ({}),
};
