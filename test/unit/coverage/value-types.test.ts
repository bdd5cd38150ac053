// Value types kept per value id of each graph's node-values table: declared types win over inference, a subgraph's
// own values shadow outer ones of the same name, and lookups that miss go outward by name (each graph has its own
// ids), including to declared names no node of the outer graph mentions. Models go through the builder and the
// reader, so the ids are the reader's own.
import { describe, expect, it } from 'vitest';
import { attr, DataType } from '../../../src/core/onnx/builder';
import type { Graph } from '../../../src/core/onnx/model';
import { nodeValuesOf } from '../../../src/core/onnx/node-values';
import { ValueTypes } from '../../../src/core/coverage/value-types';
import { check, model, only } from './build';

/** A ValueTypes for `graph`, seeded with its declarations, on the ids of its own node list. */
function typesOf(graph: Graph, outer?: ValueTypes): { types: ValueTypes; id: (name: string) => number } {
  const names = nodeValuesOf(graph.nodes).names;
  const types = new ValueTypes(names, outer);
  types.declareGraph(graph);
  return { types, id: (name) => names.idOf(name) };
}

const IF_READING = (inner: string[]) => ({
  opsetImport: [{ domain: '', version: 17 }],
  graph: {
    inputs: [{ name: 'c', elemType: DataType.BOOL }, { name: 'n', elemType: DataType.INT64 }, { name: 'x', elemType: DataType.FLOAT }],
    nodes: [{
      opType: 'If', inputs: ['c'], outputs: ['z'], attributes: {
        then_branch: attr.graph({ nodes: inner.map((line) => {
          const [opType, input, output] = line.split(' ');
          return { opType: opType!, inputs: [input!], outputs: [output!] };
        }), outputs: [{ name: 'y' }] }),
        else_branch: attr.graph({ nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['y'] }], outputs: [{ name: 'y' }] }),
      },
    }],
    outputs: [{ name: 'z' }],
  },
});

describe('ValueTypes on value ids', () => {
  it('never lets inference override a type the model declares', () => {
    const m = model({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }],
        valueInfo: [{ name: 'h', elemType: DataType.INT64 }],
        nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['h'] }, { opType: 'Relu', inputs: ['h'], outputs: ['y'] }],
        outputs: [{ name: 'y' }],
      },
    });
    const { types, id } = typesOf(m.graph);
    types.infer(id('h'), 'tensor(float)');
    types.infer(id('y'), 'tensor(double)');
    expect(types.typeOf(id('h'))).toBe('tensor(int64)');
    expect(types.typeOf(id('y'))).toBe('tensor(double)');
    // An unknown inference keeps what an earlier one found (as the name-keyed table did).
    types.infer(id('y'), undefined);
    expect(types.typeOf(id('y'))).toBe('tensor(double)');
    expect(types.typeOf(-1)).toBeUndefined();
  });

  it('finds outer values by name from a subgraph, through every level, even ones no outer node mentions', () => {
    const m = model(IF_READING(['Relu n y']));
    const outer = typesOf(m.graph);
    // 'n' is a graph input only the subgraph reads: it has no id in the outer table.
    expect(outer.id('n')).toBe(-1);
    expect(outer.types.typeOfName('n')).toBe('tensor(int64)');
    const branch = m.graph.nodes[0]!.attributes.find((a) => a.name === 'then_branch')!.g!;
    const inner = typesOf(branch, outer.types);
    expect(inner.id('n')).toBeGreaterThanOrEqual(0);
    expect(inner.types.typeOf(inner.id('n'))).toBe('tensor(int64)');
    const innermost = new ValueTypes(nodeValuesOf([]).names, inner.types);
    expect(innermost.typeOfName('n')).toBe('tensor(int64)');
    expect(innermost.typeOfName('nowhere')).toBeUndefined();
  });

  it('lets a subgraph value shadow an outer one of the same name, even when its own type is unknown', () => {
    const m = model(IF_READING(['Relu n y']));
    const outer = typesOf(m.graph);
    const branch = m.graph.nodes[0]!.attributes.find((a) => a.name === 'then_branch')!.g!;
    const inner = typesOf(branch, outer.types);
    inner.types.define(inner.id('n'));
    expect(inner.types.typeOf(inner.id('n'))).toBeUndefined();
    expect(outer.types.typeOfName('n')).toBe('tensor(int64)');
  });

  it('types non-ASCII value names too', () => {
    const m = model({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'größe', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['größe'], outputs: ['y'] }], outputs: [{ name: 'y' }] },
    });
    const { types, id } = typesOf(m.graph);
    expect(id('größe')).toBeGreaterThanOrEqual(0);
    expect(types.typeOf(id('größe'))).toBe('tensor(float)');
  });
});

describe('the engine on value ids', () => {
  it('checks a subgraph node against the type of an outer graph input only the subgraph reads', () => {
    // Sqrt takes float types only: the outer int64 'n' reaching it is an invalid type inside the branch.
    const report = check(IF_READING(['Sqrt n y']));
    // Its output follows the input's binding of T, so the output is flagged too.
    expect(only(report, 'invalid-type').map((f) => [f.nodePath, f.subject, /is tensor\(int64\)/.test(f.message)])).toEqual([
      ['/0:If/then_branch/0:Sqrt', 'X', true],
      ['/0:If/then_branch/0:Sqrt', 'Y', true],
    ]);
  });

  it('does not check a subgraph node against an outer type its own value of that name shadows', () => {
    // The branch makes its own 'n' with an op nobody knows, so its type is unknown: no invalid-type for Sqrt.
    const report = check(IF_READING(['Mystery x n', 'Sqrt n y']));
    expect(only(report, 'invalid-type')).toEqual([]);
    expect(only(report, 'unknown-op').map((f) => f.nodePath)).toEqual(['/0:If/then_branch/0:Mystery']);
  });
});
