// Element types of the values a node reads and writes, spelled as ONNX schemas spell them ("tensor(float)",
// "seq(tensor(int64))"), so they compare directly with type constraints and runtime tables.
// Sources, most trusted first: what the model declares (graph inputs and outputs, value_info, initializers), then a
// cheap forward propagation through each node's schema (an output typed by a constraint takes the type bound by an
// input with the same constraint; a fixed output type is taken as written; Cast-like attributes `to` / `dtype` /
// `output_dtype` decide the rest). Unknown stays unknown: nothing downstream guesses.
import { DataType, type Graph, type Node, type OnnxFunction, type TypeInfo } from '../onnx/model';
import type { FormalParam, OpSchema } from '../catalog';
import type { ValueNames } from '../onnx/node-values';
import { KeyPathMemo } from '../key-path-memo';
import { isConcreteType, schemaIndex } from './schema-index';

const DATA_TYPE_NAMES: Record<number, string> = {
  [DataType.FLOAT]: 'float', [DataType.UINT8]: 'uint8', [DataType.INT8]: 'int8', [DataType.UINT16]: 'uint16',
  [DataType.INT16]: 'int16', [DataType.INT32]: 'int32', [DataType.INT64]: 'int64', [DataType.STRING]: 'string',
  [DataType.BOOL]: 'bool', [DataType.FLOAT16]: 'float16', [DataType.DOUBLE]: 'double', [DataType.UINT32]: 'uint32',
  [DataType.UINT64]: 'uint64', [DataType.COMPLEX64]: 'complex64', [DataType.COMPLEX128]: 'complex128',
  [DataType.BFLOAT16]: 'bfloat16', [DataType.FLOAT8E4M3FN]: 'float8e4m3fn', [DataType.FLOAT8E4M3FNUZ]: 'float8e4m3fnuz',
  [DataType.FLOAT8E5M2]: 'float8e5m2', [DataType.FLOAT8E5M2FNUZ]: 'float8e5m2fnuz', [DataType.UINT4]: 'uint4',
  [DataType.INT4]: 'int4', [DataType.FLOAT4E2M1]: 'float4e2m1', [DataType.FLOAT8E8M0]: 'float8e8m0',
  [DataType.UINT2]: 'uint2', [DataType.INT2]: 'int2',
};

/** "float" for DataType.FLOAT; undefined for UNDEFINED or values this build does not know. */
export function dataTypeName(dataType: number): string | undefined {
  return DATA_TYPE_NAMES[dataType];
}

/** A TypeProto as a schema type string; undefined when any part of it is unknown. */
export function typeString(type: TypeInfo | undefined): string | undefined {
  if (!type) return undefined;
  switch (type.kind) {
    case 'tensor': {
      const name = dataTypeName(type.elemType);
      return name ? `tensor(${name})` : undefined;
    }
    case 'sparse_tensor': {
      const name = dataTypeName(type.elemType);
      return name ? `sparse_tensor(${name})` : undefined;
    }
    case 'sequence': {
      const inner = typeString(type.elemType);
      return inner ? `seq(${inner})` : undefined;
    }
    case 'optional': {
      const inner = typeString(type.elemType);
      return inner ? `optional(${inner})` : undefined;
    }
    case 'map': {
      const key = dataTypeName(type.keyType);
      const value = typeString(type.valueType);
      return key && value ? `map(${key},${value})` : undefined;
    }
    default:
      return undefined;
  }
}

/** The element type of a tensor type string ("tensor(float)" → "float"), for runtime tables keyed by element type. */
export function elementTypeOf(type: string): string | undefined {
  return /^tensor\((\w+)\)$/.exec(type)?.[1];
}

/**
 * Value types for one graph (the main graph, a subgraph, or a function body), kept per value id of that graph's
 * node list (node-values.ts): the engine reads and writes a node's types by id, without hashing a name per node.
 * A subgraph sees the values of the graphs around it, but its own names shadow theirs (ONNX's own expanded test
 * models do that); an outer graph has ids of its own, so a lookup that misses here goes outward by name.
 */
export class ValueTypes {
  /** id → its type, null for a value made in this graph whose type is unknown (it shadows outer names all the
   *  same), undefined for one this graph has said nothing about yet. */
  private readonly types: Array<string | null | undefined>;
  /** id → 1 when the model itself declares the value's type: propagation never overrides it. */
  private readonly declared: Uint8Array;
  /** Declared names no node of this graph mentions (a graph input read only by a subgraph, an unused
   *  initializer): they have no id here, and only lookups from inner graphs by name ever reach them. */
  private readonly unmentioned = new Map<string, string | null>();

  constructor(
    private readonly names: ValueNames,
    private readonly outer?: ValueTypes,
  ) {
    this.types = new Array<string | null | undefined>(names.size).fill(undefined);
    this.declared = new Uint8Array(names.size);
  }

  /** The type of value `id` (-1: an absent input or output). */
  typeOf(id: number): string | undefined {
    if (id < 0) return undefined;
    const own = this.types[id];
    if (own !== undefined) return own ?? undefined;
    return this.outer?.typeOfName(this.names.nameOf(id));
  }

  /** Looks outward graph by graph — a loop, not recursion: hostile models nest subgraphs thousands deep. */
  typeOfName(name: string): string | undefined {
    if (name === '') return undefined;
    for (let table: ValueTypes | undefined = this; table; table = table.outer) {
      const id = table.names.idOf(name);
      const own = id >= 0 ? table.types[id] : table.unmentioned.get(name);
      if (own !== undefined) return own ?? undefined;
    }
    return undefined;
  }

  /** Marks a value made in this graph whose type is unknown, so an outer name of the same spelling does not leak in. */
  define(id: number): void {
    if (id >= 0 && this.outer && this.types[id] === undefined) this.types[id] = null;
  }

  /** Records a type that follows from a node's schema, unless the model declares one for the value. */
  infer(id: number, type: string | undefined): void {
    if (id < 0 || this.declared[id] === 1) return;
    if (type === undefined) this.define(id);
    else this.types[id] = type;
  }

  /** Seeds a graph's declared types: inputs, outputs, value_info and initializers. */
  declareGraph(graph: Graph): void {
    for (const v of [...graph.inputs, ...graph.outputs, ...graph.valueInfo]) {
      this.defineName(v.name);
      this.declareName(v.name, typeString(v.type));
    }
    for (const t of graph.initializers) {
      const name = dataTypeName(t.dataType);
      if (name) this.declareName(t.name, `tensor(${name})`);
    }
    for (const s of graph.sparseInitializers) {
      const name = s.values ? dataTypeName(s.values.dataType) : undefined;
      if (name && s.values) this.declareName(s.values.name, `sparse_tensor(${name})`);
    }
  }

  declareFunction(fn: OnnxFunction): void {
    for (const v of fn.valueInfo) this.declareName(v.name, typeString(v.type));
  }

  private defineName(name: string): void {
    if (name === '' || !this.outer) return;
    const id = this.names.idOf(name);
    if (id >= 0) this.define(id);
    else if (!this.unmentioned.has(name)) this.unmentioned.set(name, null);
  }

  private declareName(name: string, type: string | undefined): void {
    if (name === '' || type === undefined) return;
    const id = this.names.idOf(name);
    if (id < 0) {
      this.unmentioned.set(name, type);
      return;
    }
    this.types[id] = type;
    this.declared[id] = 1;
  }
}

/** The formal parameter an actual input/output at `index` binds to (the last one repeats when variadic). */
export function formalAt(formals: FormalParam[], index: number): FormalParam | undefined {
  if (index < formals.length) return formals[index];
  const last = formals[formals.length - 1];
  return last && last.option === 'variadic' ? last : undefined;
}

/** Type-constraint name → the type the node's known inputs bind it to (first binding wins). */
export function bindConstraints(schema: OpSchema, inputTypes: Array<string | undefined>): Map<string, string> {
  const constraints = schemaIndex(schema).constraints;
  const bound = new Map<string, string>();
  inputTypes.forEach((type, i) => {
    const formal = formalAt(schema.inputs, i);
    if (!type || !formal || !constraints.has(formal.typeStr) || formal.heterogeneous) return;
    if (!bound.has(formal.typeStr)) bound.set(formal.typeStr, type);
  });
  return bound;
}

const DTYPE_ATTRIBUTES = ['to', 'dtype', 'output_dtype'];

/** The types of a node's outputs that follow from its schema and its input types; undefined where unknown. */
export function inferOutputTypes(node: Node, schema: OpSchema, inputTypes: Array<string | undefined>, outputCount: number): Array<string | undefined> {
  if (node.opType === 'Constant' && schema.domain === '') return [constantType(node)];
  const constraints = schemaIndex(schema).constraints;
  // Runs once per node: a loop without a Map of bindings or closures (boundBy gives bindConstraints' answer).
  const types = new Array<string | undefined>(outputCount);
  for (let i = 0; i < types.length; i++) {
    const formal = formalAt(schema.outputs, i);
    if (!formal) continue;
    const constraint = constraints.get(formal.typeStr);
    if (!constraint) {
      if (isConcreteType(formal.typeStr)) types[i] = formal.typeStr;
      continue;
    }
    if (formal.heterogeneous) continue;
    const fromInput = boundBy(schema, constraint.name, inputTypes);
    if (fromInput) types[i] = fromInput;
    else if (constraint.allowedTypes.length === 1) types[i] = constraint.allowedTypes[0];
    else {
      const element = elementFromDtypeAttribute(node, schema);
      if (element) types[i] = withElement(constraint.allowedTypes, element);
    }
  }
  return types;
}

/** The type the first known, homogeneous input of constraint `name` binds it to: bindConstraints(...).get(name). */
function boundBy(schema: OpSchema, name: string, inputTypes: Array<string | undefined>): string | undefined {
  for (let i = 0; i < inputTypes.length; i++) {
    const type = inputTypes[i];
    if (!type) continue;
    const formal = formalAt(schema.inputs, i);
    if (formal && !formal.heterogeneous && formal.typeStr === name) return type;
  }
  return undefined;
}

/** The data type named by a `to` / `dtype` / `output_dtype` attribute (or its schema default). */
function elementFromDtypeAttribute(node: Node, schema: OpSchema): string | undefined {
  for (const name of DTYPE_ATTRIBUTES) {
    const given = node.attributes.find((a) => a.name === name);
    if (given && given.refAttrName === undefined && given.i !== undefined) return dataTypeName(given.i);
    const declared = schema.attributes.find((a) => a.name === name);
    if (!given && declared && typeof declared.default === 'number') return dataTypeName(declared.default);
  }
  return undefined;
}

/** withElement's answers by (allowed list, element): every Cast of a graph asks, and each answer compiles a
 *  regular expression per allowed type. The lists are the catalog's own, so their identity is a key. */
const typeWithElement = new KeyPathMemo<string | undefined>();

/** The one allowed type whose element is `element`: tensor(float) for T, seq(tensor(float)) for S (SequenceEmpty). */
function withElement(allowed: string[], element: string): string | undefined {
  const memo = typeWithElement.start().key(allowed).key(element);
  if (memo.has()) return memo.get();
  const matching = allowed.filter((t) => new RegExp(`^(\\w+\\()*${element}\\)+$`).test(t.replace(/\s+/g, '')));
  return memo.set(matching.length === 1 ? matching[0] : undefined);
}

function constantType(node: Node): string | undefined {
  for (const a of node.attributes) {
    if (a.refAttrName !== undefined) continue;
    switch (a.name) {
      case 'value': {
        const t = a.t ? dataTypeName(a.t.dataType) : undefined;
        return t ? `tensor(${t})` : undefined;
      }
      case 'sparse_value': {
        const t = a.sparseTensor?.values ? dataTypeName(a.sparseTensor.values.dataType) : undefined;
        return t ? `sparse_tensor(${t})` : undefined;
      }
      case 'value_float':
      case 'value_floats':
        return 'tensor(float)';
      case 'value_int':
      case 'value_ints':
        return 'tensor(int64)';
      case 'value_string':
      case 'value_strings':
        return 'tensor(string)';
    }
  }
  return undefined;
}
