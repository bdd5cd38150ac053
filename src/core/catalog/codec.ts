// The stored form of one op's versions inside schemas.json (short keys, defaults omitted, allowed-type lists
// interned in a catalog-wide table) and of runtime rows inside runtimes.json (type lists interned). Encoding (generator) and decoding (store) live together so they cannot drift;
// a test round-trips every schema. Decoding happens per op on its first lookup.
import type { RuntimeRow, StoredRuntimeRow } from './data-format';
import type { AttributeSchema, FormalParam, OpSchema, TypeConstraint } from './types';

interface StoredParam { n: string; t: string; o?: 'optional' | 'variadic'; h?: 1 | 0; m?: number; df?: 'd' | 'n'; s?: string }
interface StoredAttribute { n: string; t: AttributeSchema['type']; r?: 1; v?: AttributeSchema['default']; s?: string }
interface StoredConstraint { n: string; l: number; s?: string }
export interface StoredSchema {
  v: number; x?: 1; e?: 1; f?: 1; doc?: string;
  /** [minInputs, maxInputs, minOutputs, maxOutputs] */
  io: [number, number, number, number];
  i?: StoredParam[]; o?: StoredParam[]; a?: StoredAttribute[]; c?: StoredConstraint[];
}

/** Collects distinct allowed-type lists while encoding; `lists` goes into the catalog as `typeLists`. */
export class TypeListTable {
  readonly lists: string[][] = [];
  private readonly index = new Map<string, number>();
  intern(list: string[]): number {
    const key = list.join('\u0000');
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.lists.length;
      this.lists.push(list);
      this.index.set(key, i);
    }
    return i;
  }
}

export function encodeSchema(schema: OpSchema, types: TypeListTable): StoredSchema {
  const param = (p: FormalParam): StoredParam => {
    const out: StoredParam = { n: p.name, t: p.typeStr };
    if (p.option !== 'single') out.o = p.option;
    if (p.heterogeneous !== undefined) out.h = p.heterogeneous ? 1 : 0;
    if (p.minArity !== undefined) out.m = p.minArity;
    if (p.differentiability) out.df = p.differentiability === 'differentiable' ? 'd' : 'n';
    if (p.description) out.s = p.description;
    return out;
  };
  const attribute = (a: AttributeSchema): StoredAttribute => {
    const out: StoredAttribute = { n: a.name, t: a.type };
    if (a.required) out.r = 1;
    if (a.default !== undefined) out.v = a.default;
    if (a.description) out.s = a.description;
    return out;
  };
  const constraint = (c: TypeConstraint): StoredConstraint => {
    const out: StoredConstraint = { n: c.name, l: types.intern(c.allowedTypes) };
    if (c.description) out.s = c.description;
    return out;
  };
  const stored: StoredSchema = { v: schema.sinceVersion, io: [schema.minInputs, schema.maxInputs, schema.minOutputs, schema.maxOutputs] };
  if (schema.deprecated) stored.x = 1;
  if (schema.supportLevel === 'experimental') stored.e = 1;
  if (schema.isFunction) stored.f = 1;
  if (schema.doc) stored.doc = schema.doc;
  if (schema.inputs.length) stored.i = schema.inputs.map(param);
  if (schema.outputs.length) stored.o = schema.outputs.map(param);
  if (schema.attributes.length) stored.a = schema.attributes.map(attribute);
  if (schema.typeConstraints.length) stored.c = schema.typeConstraints.map(constraint);
  return stored;
}

export function decodeSchema(domain: string, name: string, s: StoredSchema, typeLists: string[][]): OpSchema {
  const param = (p: StoredParam): FormalParam => {
    const out: FormalParam = { name: p.n, typeStr: p.t, option: p.o ?? 'single', description: p.s ?? '' };
    if (p.h !== undefined) out.heterogeneous = p.h === 1;
    if (p.m !== undefined) out.minArity = p.m;
    if (p.df) out.differentiability = p.df === 'd' ? 'differentiable' : 'non-differentiable';
    return out;
  };
  return {
    domain, name, sinceVersion: s.v, deprecated: s.x === 1, doc: s.doc ?? '',
    inputs: (s.i ?? []).map(param), outputs: (s.o ?? []).map(param),
    minInputs: s.io[0], maxInputs: s.io[1], minOutputs: s.io[2], maxOutputs: s.io[3],
    attributes: (s.a ?? []).map((a) => {
      const out: AttributeSchema = { name: a.n, type: a.t, required: a.r === 1, description: a.s ?? '' };
      if (a.v !== undefined) out.default = a.v;
      return out;
    }),
    typeConstraints: (s.c ?? []).map((c) => ({ name: c.n, allowedTypes: [...typeLists[c.l]], description: c.s ?? '' })),
    supportLevel: s.e === 1 ? 'experimental' : 'common',
    isFunction: s.f === 1,
  };
}

export function encodeRuntimeRow(row: RuntimeRow, types: TypeListTable): StoredRuntimeRow {
  const { types: rowTypes, ...rest } = row;
  if (rowTypes === undefined) return rest;
  if (Array.isArray(rowTypes)) return { ...rest, types: types.intern(rowTypes) };
  return { ...rest, types: Object.fromEntries(Object.entries(rowTypes).map(([k, v]) => [k, types.intern(v)])) };
}

export function decodeRuntimeRow(row: StoredRuntimeRow, typeLists: string[][]): RuntimeRow {
  const { types: stored, ...rest } = row;
  if (stored === undefined) return rest;
  if (typeof stored === 'number') return { ...rest, types: [...typeLists[stored]] };
  return { ...rest, types: Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, [...typeLists[v]]])) };
}
