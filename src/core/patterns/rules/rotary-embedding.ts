// rotary_embedding: x·cos + rotate_half(x)·sin, rotate_half(x) = Concat(-x[..., h:], x[..., :h]) (Llama,
// GPT-NeoX). Slice bounds are checked when they are constants (static export) and accepted when computed.
import type { Node } from '../../onnx/model';
import type { MatchView, Params, Rule } from '../matcher';
import { absent, alt, op, v, type Pattern } from '../pattern';
import { attrInt, attrInts } from './common';

/** The capture and variable names of one slice, spelled once: the pattern binds them, finish reads them (for
 *  every candidate, so no names are made there). */
function sliceVars(name: string) {
  return { node: name, starts: `${name}_starts`, ends: `${name}_ends`, axes: `${name}_axes`, steps: `${name}_steps` };
}
type SliceVars = ReturnType<typeof sliceVars>;
const UPPER = sliceVars('upper_half');
const LOWER = sliceVars('lower_half');

function sliceOf(x: Pattern, vars: SliceVars): Pattern {
  return alt(
    op('Slice', [x, v(vars.starts), v(vars.ends), alt(absent(), v(vars.axes)), alt(absent(), v(vars.steps))], { capture: vars.node }),
    op('Slice', [x], { capture: vars.node }),
  );
}

interface SliceBounds { start?: number; end?: number; axis?: number; step?: number }

/** The single number of the constant bound to `variable`, if it is one. */
function scalarOf(m: MatchView, variable: string): number | undefined {
  const id = m.valueId(variable);
  const numbers = id >= 0 ? m.graph.constantNumbersId(id, 4) : undefined;
  return numbers && numbers.length === 1 ? numbers[0] : undefined;
}

function bounds(m: MatchView, vars: SliceVars): SliceBounds {
  const node = m.node(vars.node);
  if (!node) return {};
  if (node.inputs.length === 1) return fromAttributes(node);
  return {
    start: scalarOf(m, vars.starts), end: scalarOf(m, vars.ends),
    axis: m.valueId(vars.axes) >= 0 ? scalarOf(m, vars.axes) : 0,
    step: m.valueId(vars.steps) >= 0 ? scalarOf(m, vars.steps) : 1,
  };
}

function fromAttributes(node: Node): SliceBounds {
  const one = (name: string): number | undefined => {
    const values = attrInts(node, name);
    return values && values.length === 1 ? values[0] : undefined;
  };
  return { start: one('starts'), end: one('ends'), axis: one('axes') ?? 0, step: 1 };
}

const BIG = 2 ** 31 - 1;

function rotaryParams(m: MatchView): Params | null {
  const upper = bounds(m, UPPER);
  const lower = bounds(m, LOWER);
  const known = (n: number | undefined): n is number => n !== undefined;
  if (known(upper.step) && upper.step !== 1) return null;
  if (known(lower.step) && lower.step !== 1) return null;
  if (known(upper.axis) && known(lower.axis) && upper.axis !== lower.axis) return null;
  if (known(lower.start) && lower.start !== 0) return null;
  if (known(upper.start) && known(lower.end) && upper.start !== lower.end) return null;
  if (known(upper.end) && upper.end < BIG && known(upper.start) && upper.end !== 2 * upper.start) return null;
  const concat = m.node('concat');
  const concatAxis = concat ? attrInt(concat, 'axis') : undefined;
  if (known(upper.axis) && known(concatAxis) && concatAxis !== upper.axis && concatAxis !== -1 && upper.axis !== -1) return null;
  const params: Params = { interleaved: 0 };
  if (known(upper.start) && upper.start > 0) params.rotary_embedding_dim = 2 * upper.start;
  return params;
}

const x = v('x');

export const rotaryEmbeddingRule: Rule = {
  id: 'rotary_embedding',
  pattern: op('Add', [
    op('Mul', [x, v('cos')]),
    op('Mul', [op('Concat', [op('Neg', [sliceOf(x, UPPER)]), sliceOf(x, LOWER)], { capture: 'concat' }), v('sin')]),
  ]),
  finish: rotaryParams,
};
