// The tanh GELU's forms beyond the torch fixtures, on hand-written graphs: its products read as products of factors
// (any association), the cubic expanded or factored, x² as Pow; near misses (a wrong constant, a square of another
// tensor, an inner value used outside) stay silent. And the product helper's trees, counted.
import { describe, expect, it } from 'vitest';
import { attr, buildModel, DataType, type NodeSpec } from '../../../src/core/onnx/builder';
import type { Model } from '../../../src/core/onnx/model';
import { readModelBytes } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import type { Pattern } from '../../../src/core/patterns/pattern';
import { c, v } from '../../../src/core/patterns/pattern';
import { product } from '../../../src/core/patterns/rules/common';

interface Builder {
  mul(a: string, b: string): string;
  add(a: string, b: string): string;
  /** A scalar float Constant node. */
  k(value: number): string;
  node(opType: string, inputs: string[]): string;
  /** Also makes the value a graph output (read outside any chain). */
  expose(value: string): string;
}

/** A graph computing `y` from inputs x and gate; the builder's calls write a node and return its output. */
function graph(build: (g: Builder) => string): Model {
  const nodes: NodeSpec[] = [];
  const extraOutputs: string[] = [];
  const node = (opType: string, inputs: string[]): string => {
    const out = `/act/${opType}_${nodes.length}_out`;
    nodes.push({ opType, name: `/act/${opType}_${nodes.length}`, inputs, outputs: [out] });
    return out;
  };
  const k = (value: number): string => {
    const out = `/act/Constant_${nodes.length}_out`;
    nodes.push({ opType: 'Constant', name: `/act/Constant_${nodes.length}`, outputs: [out], attributes: { value: attr.tensor({ dataType: DataType.FLOAT, dims: [], floats: [value] }) } });
    return out;
  };
  const result = build({ mul: (a, b) => node('Mul', [a, b]), add: (a, b) => node('Add', [a, b]), k, node, expose: (value) => (extraOutputs.push(value), value) });
  nodes.push({ opType: 'Identity', name: '/out', inputs: [result], outputs: ['y'] });
  return readModelBytes(buildModel({
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 4, 8] }, { name: 'gate', elemType: DataType.FLOAT, shape: [1, 4, 8] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT }, ...extraOutputs.map((name) => ({ name }))],
      nodes,
    },
  }), 'gelu-tanh-test');
}

const SQRT_2_PI = Math.sqrt(2 / Math.PI);

/** 0.5·x·(1 + tanh(arg)), with arg built by `argument`. */
const geluAround = (argument: (g: Builder) => string) => (g: Builder) =>
  g.mul(g.mul(g.k(0.5), 'x'), g.add(g.node('Tanh', [argument(g)]), g.k(1)));

const found = (model: Model) => detectDecompositions(model).map((d) => `${d.pattern} ${String(d.params.approximate)}`);

describe('gelu_tanh forms', () => {
  it('expanded cubic written 0.044715·x·x·x, left to right: ((k·x)·x)·x', () => {
    const model = graph(geluAround((g) => g.mul(g.add('x', g.mul(g.mul(g.mul(g.k(0.044715), 'x'), 'x'), 'x')), g.k(SQRT_2_PI))));
    expect(found(model)).toEqual(['gelu_tanh tanh']);
    // Every compute node and Constant of the chain, none outside.
    expect(detectDecompositions(model)[0]!.nodes.filter((n) => !n.includes('Constant'))).toHaveLength(9);
  });

  it('factored cubic, FastGELU as written in transformers: (x·√(2/π))·((k·x)·x + 1)', () => {
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.k(0.7978845608)), g.add(g.mul(g.mul(g.k(0.044715), 'x'), 'x'), g.k(1))))))).toEqual(['gelu_tanh tanh']);
  });

  it('factored cubic in the other associations: x·(√(2/π)·(1 + k·x²)) and (x·(1 + k·x²))·√(2/π), x² as Pow', () => {
    const square = (g: Builder) => g.node('Pow', ['x', g.k(2)]);
    expect(found(graph(geluAround((g) => g.mul('x', g.mul(g.k(SQRT_2_PI), g.add(g.k(1), g.mul(square(g), g.k(0.044715))))))))).toEqual(['gelu_tanh tanh']);
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.add(g.mul(g.mul('x', 'x'), g.k(0.044715)), g.k(1))), g.k(SQRT_2_PI)))))).toEqual(['gelu_tanh tanh']);
  });
});

describe('gelu_tanh near misses stay silent', () => {
  it('a wrong constant: √(1/π) for √(2/π), or 0.035 for 0.044715', () => {
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.k(Math.sqrt(1 / Math.PI))), g.add(g.mul(g.mul(g.k(0.044715), 'x'), 'x'), g.k(1))))))).toEqual([]);
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.k(SQRT_2_PI)), g.add(g.mul(g.mul(g.k(0.035), 'x'), 'x'), g.k(1))))))).toEqual([]);
  });

  it('the square is x·gate (another tensor), or the factor outside tanh is gate', () => {
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.k(SQRT_2_PI)), g.add(g.mul(g.mul(g.k(0.044715), 'x'), 'gate'), g.k(1))))))).toEqual([]);
    expect(found(graph(geluAround((g) => g.mul(g.mul('gate', g.k(SQRT_2_PI)), g.add(g.mul(g.mul(g.k(0.044715), 'x'), 'x'), g.k(1))))))).toEqual([]);
  });

  it('x²·k with the 1 missing (x·(k·x²) is not the factored cubic)', () => {
    expect(found(graph(geluAround((g) => g.mul(g.mul('x', g.k(SQRT_2_PI)), g.mul(g.mul(g.k(0.044715), 'x'), 'x')))))).toEqual([]);
  });

  it('an inner value (the factored cubic) also read outside the chain', () => {
    const fastGelu = (leak: boolean) => graph(geluAround((g) => {
      const cubicFactor = g.add(g.mul(g.mul(g.k(0.044715), 'x'), 'x'), g.k(1));
      return g.mul(g.mul('x', g.k(SQRT_2_PI)), leak ? g.expose(cubicFactor) : cubicFactor);
    }));
    expect(found(fastGelu(false))).toEqual(['gelu_tanh tanh']);
    expect(found(fastGelu(true))).toEqual([]);
  });
});

describe('product(...factors): the distinct Mul trees', () => {
  const x = v('x');
  const count = (p: Pattern) => (p.kind === 'alt' ? p.options.length : 1);
  it('counts (2n-3)!! trees for distinct factors and merges trees that only swap equal factors', () => {
    expect(count(product(x, c()))).toBe(1);
    expect(count(product(v('a'), v('b'), c()))).toBe(3);
    expect(count(product(v('a'), v('b'), v('d'), c()))).toBe(15);
    expect(count(product(x, x, c()))).toBe(2); // (x·x)·k, (x·k)·x
    expect(count(product(x, x, x, c()))).toBe(4); // ((x·x)·x)·k, ((x·x)·k)·x, ((x·k)·x)·x, (x·x)·(x·k)
  });
});
