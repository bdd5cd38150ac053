// A small ONNX model *writer* for tests and benchmarks: write exact models, including hostile ones, from a loose
// spec that is easy to write by hand. Everything the reader reads can be written here.
//
//   import { attr, buildModel, DataType } from '../../src/core/onnx/builder';
//   const bytes = buildModel({
//     opsetImport: [{ domain: '', version: 17 }],              // default [{ domain: '', version: 21 }]
//     graph: {
//       inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 'seq', 768] }],   // shape omitted = unknown rank
//       outputs: [{ name: 'y', elemType: DataType.FLOAT }],
//       initializers: [{ name: 'eps', dataType: DataType.FLOAT, dims: [], floats: [1e-6] }],
//       nodes: [
//         { opType: 'Pow', inputs: ['x', 'two'], outputs: ['sq'] },
//         { opType: 'ReduceMean', inputs: ['sq'], outputs: ['m'], attributes: { axes: [-1], keepdims: 1 } },
//         { opType: 'LeakyRelu', inputs: ['m'], outputs: ['y'], attributes: { alpha: attr.float(1) } },
//       ],
//     },
//   });
//
// Attribute values are inferred: integer → INT, other number → FLOAT, string → STRING, number[] → INTS when every
// element is an integer (else FLOATS), string[] → STRINGS, an object with `nodes` → GRAPH. Use `attr.*` when that
// guess is wrong or for the other kinds: attr.float(1), attr.floats([1, 2]), attr.int, attr.ints, attr.string,
// attr.strings, attr.tensor(spec), attr.tensors, attr.graph(spec), attr.graphs, attr.sparseTensor,
// attr.sparseTensors, attr.typeProto(TypeInfo), attr.typeProtos, attr.ref('name', AttributeType.FLOAT).
//
// Tensors: `floats` (float_data), `int32s`, `int64s`, `doubles`, `uint64s`, `strings`, `raw` (raw_data), or
// `ints` (routed to int64_data for INT64, uint64_data for UINT32/UINT64, int32_data otherwise); `packed: false`
// writes the numeric fields unpacked; `external: { location, offset?, length?, checksum? }` sets data_location.
// Full types: `type: TypeInfo` (the reader's own type shape) on a value info.
//
// Escape hatch for hostile input: every message spec takes `extraFields: RawField[]`, written after the regular
// fields — a field with any wire type and value, a tag followed by verbatim bytes (lying lengths, truncated
// varints), or verbatim bytes alone. The lower-level encoders (encodeGraph, encodeNode, encodeTensor, …) return
// the bytes of one message so a test or generator can assemble a file piece by piece.
import { Writer } from 'protobufjs/minimal';
import type { Dimension, StringStringEntry, TypeInfo } from './model';
import { AttributeType, DataType } from './model';

export { AttributeType, DataType };

export type RawField =
  | { field: number; wireType: 0 | 1 | 2 | 5; value: number | bigint | string | Uint8Array }
  /** The tag, then `raw` verbatim: nothing checks that it is a valid value (lying lengths, cut varints). */
  | { field: number; wireType: number; raw: Uint8Array }
  /** Bytes written verbatim, without a tag. */
  | { verbatim: Uint8Array };

interface Extra { extraFields?: RawField[] }
export type Props = Record<string, string> | StringStringEntry[];

export interface OpsetSpec { domain: string; version: number }

export interface ModelSpec extends Extra {
  irVersion?: number;
  opsetImport?: OpsetSpec[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graph?: GraphSpec;
  metadataProps?: Props;
  trainingInfo?: TrainingInfoSpec[];
  functions?: FunctionSpec[];
  configuration?: Array<{ name: string; numDevices?: number; device?: string[] }>;
}

export interface GraphSpec extends Extra {
  name?: string;
  nodes?: NodeSpec[];
  initializers?: TensorSpec[];
  sparseInitializers?: SparseTensorSpec[];
  inputs?: ValueInfoSpec[];
  outputs?: ValueInfoSpec[];
  valueInfo?: ValueInfoSpec[];
  quantizationAnnotation?: Array<{ tensorName: string; quantParameterTensorNames: Props }>;
  docString?: string;
  metadataProps?: Props;
}

export interface NodeSpec extends Extra {
  opType: string;
  domain?: string;
  name?: string;
  overload?: string;
  inputs?: string[];
  outputs?: string[];
  attributes?: Record<string, AttrInput>;
  docString?: string;
  metadataProps?: Props;
}

export type DimSpec = number | string | null | Dimension;

export interface ValueInfoSpec extends Extra {
  name: string;
  /** Shorthand for a tensor type. */
  elemType?: number;
  /** With elemType: the tensor's shape (numbers are dim_value, strings dim_param, null an unknown dim). */
  shape?: DimSpec[];
  /** Any type, in the reader's own shape (takes precedence over elemType/shape). */
  type?: TypeInfo;
  docString?: string;
  metadataProps?: Props;
}

export interface TensorSpec extends Extra {
  name?: string;
  dataType: number;
  dims?: number[];
  floats?: number[];
  int32s?: number[];
  int64s?: Array<number | bigint>;
  doubles?: number[];
  uint64s?: Array<number | bigint>;
  strings?: Array<string | Uint8Array>;
  ints?: Array<number | bigint>;
  raw?: Uint8Array;
  /** Write float/int/double data unpacked (one field per value), as old writers did. Default packed. */
  packed?: boolean;
  external?: { location: string; offset?: number; length?: number; checksum?: string };
  segment?: { begin: number; end: number };
  docString?: string;
  metadataProps?: Props;
}

export interface SparseTensorSpec extends Extra {
  values?: TensorSpec;
  indices?: TensorSpec;
  dims?: number[];
}

export interface FunctionSpec extends Extra {
  name: string;
  domain: string;
  overload?: string;
  inputs?: string[];
  outputs?: string[];
  /** Attribute names without defaults. */
  attribute?: string[];
  /** Attributes with defaults. */
  attributeProto?: Record<string, AttrInput>;
  nodes?: NodeSpec[];
  opsetImport?: OpsetSpec[];
  valueInfo?: ValueInfoSpec[];
  docString?: string;
  metadataProps?: Props;
}

export interface TrainingInfoSpec extends Extra {
  initialization?: GraphSpec;
  algorithm?: GraphSpec;
  initializationBinding?: Props;
  updateBinding?: Props;
}

/** An attribute whose type is explicit. */
export class AttrValue {
  constructor(readonly type: number, readonly value: unknown, readonly refAttrName?: string, readonly docString?: string) {}
}

export type AttrInput = number | string | number[] | string[] | GraphSpec | AttrValue;

export const attr = {
  float: (v: number) => new AttrValue(AttributeType.FLOAT, v),
  int: (v: number | bigint) => new AttrValue(AttributeType.INT, v),
  string: (v: string | Uint8Array) => new AttrValue(AttributeType.STRING, v),
  tensor: (v: TensorSpec) => new AttrValue(AttributeType.TENSOR, v),
  graph: (v: GraphSpec) => new AttrValue(AttributeType.GRAPH, v),
  sparseTensor: (v: SparseTensorSpec) => new AttrValue(AttributeType.SPARSE_TENSOR, v),
  typeProto: (v: TypeInfo) => new AttrValue(AttributeType.TYPE_PROTO, v),
  floats: (v: number[]) => new AttrValue(AttributeType.FLOATS, v),
  ints: (v: Array<number | bigint>) => new AttrValue(AttributeType.INTS, v),
  strings: (v: Array<string | Uint8Array>) => new AttrValue(AttributeType.STRINGS, v),
  tensors: (v: TensorSpec[]) => new AttrValue(AttributeType.TENSORS, v),
  graphs: (v: GraphSpec[]) => new AttrValue(AttributeType.GRAPHS, v),
  sparseTensors: (v: SparseTensorSpec[]) => new AttrValue(AttributeType.SPARSE_TENSORS, v),
  typeProtos: (v: TypeInfo[]) => new AttrValue(AttributeType.TYPE_PROTOS, v),
  /** Inside a function body: take the caller's attribute `refAttrName`. */
  ref: (refAttrName: string, type: number) => new AttrValue(type, undefined, refAttrName),
  /** Any value with a doc string. */
  documented: (value: AttrValue, docString: string) => new AttrValue(value.type, value.value, value.refAttrName, docString),
};

// ---------------------------------------------------------------------------------------------------------------
// Encoding. Each encoder writes one message's fields into a Writer; sub-messages are fork()/ldelim()-ed.

const LEN = 2;
const VARINT = 0;
const I32 = 5;
const I64 = 1;

function tag(w: Writer, field: number, wireType: number): Writer {
  return w.uint32(((field << 3) | wireType) >>> 0);
}

function verbatim(w: Writer, bytes: Uint8Array): void {
  // protobufjs' Writer has no public verbatim append; _push schedules a copy of `bytes` at the current position.
  (w as unknown as { _push(fn: (val: Uint8Array, buf: Uint8Array, pos: number) => void, len: number, val: Uint8Array): Writer })
    ._push((val, buf, pos) => buf.set(val, pos), bytes.length, bytes);
}

/** A varint of any int64 (negative numbers as 10-byte two's complement, bigint exactly). */
function int64(w: Writer, value: number | bigint): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 0xffffffff) {
    w.uint32(value);
    return;
  }
  const big = BigInt.asUintN(64, typeof value === 'bigint' ? value : BigInt(Math.trunc(value)));
  w.uint64({ low: Number(big & 0xffffffffn) | 0, high: Number(big >> 32n) | 0, unsigned: true } as unknown as number);
}

function str(w: Writer, field: number, value: string | undefined): void {
  if (value !== undefined) tag(w, field, LEN).string(value);
}

function bytesField(w: Writer, field: number, value: string | Uint8Array): void {
  if (typeof value === 'string') tag(w, field, LEN).string(value);
  else tag(w, field, LEN).bytes(value);
}

function varintField(w: Writer, field: number, value: number | bigint | undefined): void {
  if (value !== undefined) {
    tag(w, field, VARINT);
    int64(w, value);
  }
}

function sub(w: Writer, field: number, write: (w: Writer) => void): void {
  tag(w, field, LEN);
  w.fork();
  write(w);
  w.ldelim();
}

function entries(props: Props | undefined): StringStringEntry[] {
  if (props === undefined) return [];
  return Array.isArray(props) ? props : Object.entries(props).map(([key, value]) => ({ key, value }));
}

function writeEntries(w: Writer, field: number, props: Props | undefined): void {
  for (const e of entries(props)) sub(w, field, (m) => writeEntry(m, e));
}

function writeEntry(w: Writer, e: StringStringEntry): void {
  str(w, 1, e.key);
  str(w, 2, e.value);
}

function writeExtra(w: Writer, extra: RawField[] | undefined): void {
  for (const f of extra ?? []) {
    if ('verbatim' in f) {
      verbatim(w, f.verbatim);
      continue;
    }
    tag(w, f.field, f.wireType);
    if ('raw' in f) {
      verbatim(w, f.raw);
      continue;
    }
    const v = f.value;
    switch (f.wireType) {
      case VARINT: int64(w, v as number | bigint); break;
      case I64: if (typeof v === 'bigint') w.fixed64({ low: Number(v & 0xffffffffn) | 0, high: Number(BigInt.asUintN(64, v) >> 32n) | 0 } as unknown as number); else w.double(v as number); break;
      case I32: w.float(v as number); break;
      case LEN: if (typeof v === 'string') w.string(v); else w.bytes(v as Uint8Array); break;
    }
  }
}

function writeOpset(w: Writer, o: OpsetSpec): void {
  str(w, 1, o.domain);
  varintField(w, 2, o.version);
}

export function writeModel(w: Writer, spec: ModelSpec): void {
  varintField(w, 1, spec.irVersion ?? 10);
  for (const o of spec.opsetImport ?? [{ domain: '', version: 21 }]) sub(w, 8, (m) => writeOpset(m, o));
  str(w, 2, spec.producerName);
  str(w, 3, spec.producerVersion);
  str(w, 4, spec.domain);
  varintField(w, 5, spec.modelVersion);
  str(w, 6, spec.docString);
  if (spec.graph) sub(w, 7, (m) => writeGraph(m, spec.graph!));
  writeEntries(w, 14, spec.metadataProps);
  for (const t of spec.trainingInfo ?? []) sub(w, 20, (m) => writeTrainingInfo(m, t));
  for (const f of spec.functions ?? []) sub(w, 25, (m) => writeFunction(m, f));
  for (const c of spec.configuration ?? []) {
    sub(w, 26, (m) => {
      str(m, 1, c.name);
      varintField(m, 2, c.numDevices);
      for (const d of c.device ?? []) str(m, 3, d);
    });
  }
  writeExtra(w, spec.extraFields);
}

export function writeGraph(w: Writer, g: GraphSpec): void {
  for (const n of g.nodes ?? []) sub(w, 1, (m) => writeNode(m, n));
  str(w, 2, g.name);
  for (const t of g.initializers ?? []) sub(w, 5, (m) => writeTensor(m, t));
  str(w, 10, g.docString);
  for (const v of g.inputs ?? []) sub(w, 11, (m) => writeValueInfo(m, v));
  for (const v of g.outputs ?? []) sub(w, 12, (m) => writeValueInfo(m, v));
  for (const v of g.valueInfo ?? []) sub(w, 13, (m) => writeValueInfo(m, v));
  for (const q of g.quantizationAnnotation ?? []) {
    sub(w, 14, (m) => {
      str(m, 1, q.tensorName);
      writeEntries(m, 2, q.quantParameterTensorNames);
    });
  }
  for (const s of g.sparseInitializers ?? []) sub(w, 15, (m) => writeSparseTensor(m, s));
  writeEntries(w, 16, g.metadataProps);
  writeExtra(w, g.extraFields);
}

export function writeNode(w: Writer, n: NodeSpec): void {
  for (const i of n.inputs ?? []) str(w, 1, i);
  for (const o of n.outputs ?? []) str(w, 2, o);
  str(w, 3, n.name);
  str(w, 4, n.opType);
  for (const [name, value] of Object.entries(n.attributes ?? {})) sub(w, 5, (m) => writeAttribute(m, name, value));
  str(w, 6, n.docString);
  str(w, 7, n.domain);
  str(w, 8, n.overload);
  writeEntries(w, 9, n.metadataProps);
  writeExtra(w, n.extraFields);
}

/** The AttributeType a plain value gets when no attr.* helper says otherwise. */
export function inferAttr(value: AttrInput): AttrValue {
  if (value instanceof AttrValue) return value;
  if (typeof value === 'number') return Number.isInteger(value) ? attr.int(value) : attr.float(value);
  if (typeof value === 'string') return attr.string(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return attr.strings(value as string[]);
    return (value as number[]).every((v) => Number.isInteger(v)) ? attr.ints(value as number[]) : attr.floats(value as number[]);
  }
  return attr.graph(value);
}

export function writeAttribute(w: Writer, name: string, input: AttrInput): void {
  const a = inferAttr(input);
  str(w, 1, name);
  const v = a.value;
  if (a.refAttrName === undefined) {
    switch (a.type) {
      case AttributeType.FLOAT: tag(w, 2, I32).float(v as number); break;
      case AttributeType.INT: varintField(w, 3, v as number | bigint); break;
      case AttributeType.STRING: bytesField(w, 4, v as string | Uint8Array); break;
      case AttributeType.TENSOR: sub(w, 5, (m) => writeTensor(m, v as TensorSpec)); break;
      case AttributeType.GRAPH: sub(w, 6, (m) => writeGraph(m, v as GraphSpec)); break;
      case AttributeType.FLOATS: for (const x of v as number[]) tag(w, 7, I32).float(x); break;
      case AttributeType.INTS: for (const x of v as number[]) varintField(w, 8, x); break;
      case AttributeType.STRINGS: for (const x of v as Array<string | Uint8Array>) bytesField(w, 9, x); break;
      case AttributeType.TENSORS: for (const x of v as TensorSpec[]) sub(w, 10, (m) => writeTensor(m, x)); break;
      case AttributeType.GRAPHS: for (const x of v as GraphSpec[]) sub(w, 11, (m) => writeGraph(m, x)); break;
      case AttributeType.TYPE_PROTO: sub(w, 14, (m) => writeType(m, v as TypeInfo)); break;
      case AttributeType.TYPE_PROTOS: for (const x of v as TypeInfo[]) sub(w, 15, (m) => writeType(m, x)); break;
      case AttributeType.SPARSE_TENSOR: sub(w, 22, (m) => writeSparseTensor(m, v as SparseTensorSpec)); break;
      case AttributeType.SPARSE_TENSORS: for (const x of v as SparseTensorSpec[]) sub(w, 23, (m) => writeSparseTensor(m, x)); break;
    }
  }
  str(w, 13, a.docString);
  varintField(w, 20, a.type);
  str(w, 21, a.refAttrName);
}

export function writeValueInfo(w: Writer, v: ValueInfoSpec): void {
  str(w, 1, v.name);
  const type: TypeInfo | undefined = v.type ?? (v.elemType !== undefined ? { kind: 'tensor', elemType: v.elemType, ...(v.shape ? { shape: v.shape.map(toDimension) } : {}) } : undefined);
  if (type) sub(w, 2, (m) => writeType(m, type));
  str(w, 3, v.docString);
  writeEntries(w, 4, v.metadataProps);
  writeExtra(w, v.extraFields);
}

function toDimension(d: DimSpec): Dimension {
  if (d === null) return {};
  if (typeof d === 'number') return { value: d };
  if (typeof d === 'string') return { param: d };
  return d;
}

export function writeType(w: Writer, t: TypeInfo): void {
  switch (t.kind) {
    case 'tensor': case 'sparse_tensor':
      sub(w, t.kind === 'tensor' ? 1 : 8, (m) => {
        varintField(m, 1, t.elemType);
        if (t.shape) {
          const shape = t.shape;
          sub(m, 2, (s) => {
            for (const d of shape) {
              sub(s, 1, (dm) => {
                varintField(dm, 1, d.value);
                str(dm, 2, d.param);
                str(dm, 3, d.denotation);
              });
            }
          });
        }
      });
      break;
    case 'sequence': sub(w, 4, (m) => { if (t.elemType) sub(m, 1, (e) => writeType(e, t.elemType!)); }); break;
    case 'optional': sub(w, 9, (m) => { if (t.elemType) sub(m, 1, (e) => writeType(e, t.elemType!)); }); break;
    case 'map':
      sub(w, 5, (m) => {
        varintField(m, 1, t.keyType);
        if (t.valueType) sub(m, 2, (e) => writeType(e, t.valueType!));
      });
      break;
    case 'opaque':
      sub(w, 7, (m) => {
        str(m, 1, t.domain);
        str(m, 2, t.name);
      });
      break;
    case 'unknown': break;
  }
  str(w, 6, t.denotation);
}

export function writeTensor(w: Writer, t: TensorSpec): void {
  for (const d of t.dims ?? []) varintField(w, 1, d);
  varintField(w, 2, t.dataType);
  if (t.segment) {
    const s = t.segment;
    sub(w, 3, (m) => {
      varintField(m, 1, s.begin);
      varintField(m, 2, s.end);
    });
  }
  const packed = t.packed !== false;
  // `ints` goes to the field the data type uses: int64_data, uint64_data or int32_data.
  const intField = t.dataType === DataType.INT64 ? 'int64' : t.dataType === DataType.UINT32 || t.dataType === DataType.UINT64 ? 'uint64' : 'int32';
  const int32s = t.int32s ?? (intField === 'int32' ? t.ints : undefined);
  const int64s = t.int64s ?? (intField === 'int64' ? t.ints : undefined);
  const uint64s = t.uint64s ?? (intField === 'uint64' ? t.ints : undefined);
  if (t.floats) repeated(w, 4, I32, t.floats, packed, (m, x) => m.float(x as number));
  if (int32s) repeated(w, 5, VARINT, int32s, packed, (m, x) => int64(m, x));
  for (const s of t.strings ?? []) bytesField(w, 6, s);
  if (int64s) repeated(w, 7, VARINT, int64s, packed, (m, x) => int64(m, x));
  str(w, 8, t.name);
  if (t.raw) tag(w, 9, LEN).bytes(t.raw);
  if (t.doubles) repeated(w, 10, I64, t.doubles, packed, (m, x) => m.double(x as number));
  if (uint64s) repeated(w, 11, VARINT, uint64s, packed, (m, x) => int64(m, x));
  str(w, 12, t.docString);
  if (t.external) {
    const e = t.external;
    writeEntries(w, 13, [
      { key: 'location', value: e.location },
      ...(e.offset !== undefined ? [{ key: 'offset', value: String(e.offset) }] : []),
      ...(e.length !== undefined ? [{ key: 'length', value: String(e.length) }] : []),
      ...(e.checksum !== undefined ? [{ key: 'checksum', value: e.checksum }] : []),
    ]);
    varintField(w, 14, 1);
  }
  writeEntries(w, 16, t.metadataProps);
  writeExtra(w, t.extraFields);
}

function repeated(w: Writer, field: number, wireType: number, values: Array<number | bigint>, packed: boolean, write: (w: Writer, x: number | bigint) => void): void {
  if (packed) {
    sub(w, field, (m) => {
      for (const x of values) write(m, x);
    });
    return;
  }
  for (const x of values) write(tag(w, field, wireType), x);
}

export function writeSparseTensor(w: Writer, s: SparseTensorSpec): void {
  if (s.values) sub(w, 1, (m) => writeTensor(m, s.values!));
  if (s.indices) sub(w, 2, (m) => writeTensor(m, s.indices!));
  for (const d of s.dims ?? []) varintField(w, 3, d);
  writeExtra(w, s.extraFields);
}

export function writeFunction(w: Writer, f: FunctionSpec): void {
  str(w, 1, f.name);
  for (const i of f.inputs ?? []) str(w, 4, i);
  for (const o of f.outputs ?? []) str(w, 5, o);
  for (const a of f.attribute ?? []) str(w, 6, a);
  for (const n of f.nodes ?? []) sub(w, 7, (m) => writeNode(m, n));
  str(w, 8, f.docString);
  for (const o of f.opsetImport ?? []) sub(w, 9, (m) => writeOpset(m, o));
  str(w, 10, f.domain);
  for (const [name, value] of Object.entries(f.attributeProto ?? {})) sub(w, 11, (m) => writeAttribute(m, name, value));
  for (const v of f.valueInfo ?? []) sub(w, 12, (m) => writeValueInfo(m, v));
  str(w, 13, f.overload);
  writeEntries(w, 14, f.metadataProps);
  writeExtra(w, f.extraFields);
}

export function writeTrainingInfo(w: Writer, t: TrainingInfoSpec): void {
  if (t.initialization) sub(w, 1, (m) => writeGraph(m, t.initialization!));
  if (t.algorithm) sub(w, 2, (m) => writeGraph(m, t.algorithm!));
  writeEntries(w, 3, t.initializationBinding);
  writeEntries(w, 4, t.updateBinding);
  writeExtra(w, t.extraFields);
}

function encode<T>(write: (w: Writer, spec: T) => void, spec: T): Uint8Array {
  const w = new Writer();
  write(w, spec);
  // A fresh array, not a view into protobufjs' shared allocation pool.
  return new Uint8Array(w.finish());
}

/** The bytes of a whole .onnx file. */
export function buildModel(spec: ModelSpec): Uint8Array {
  return encode(writeModel, spec);
}

export const encodeGraph = (spec: GraphSpec): Uint8Array => encode(writeGraph, spec);
export const encodeNode = (spec: NodeSpec): Uint8Array => encode(writeNode, spec);
export const encodeTensor = (spec: TensorSpec): Uint8Array => encode(writeTensor, spec);
export const encodeValueInfo = (spec: ValueInfoSpec): Uint8Array => encode(writeValueInfo, spec);
export const encodeFunction = (spec: FunctionSpec): Uint8Array => encode(writeFunction, spec);

/** A field header: the tag, and for length-delimited fields the length — to frame a payload written separately. */
export function fieldHeader(field: number, wireType: number, length?: number): Uint8Array {
  const w = new Writer();
  tag(w, field, wireType);
  if (length !== undefined) int64(w, length);
  return new Uint8Array(w.finish());
}

/** A length-delimited field around already-encoded message bytes. */
export function frame(field: number, message: Uint8Array): Uint8Array {
  const header = fieldHeader(field, LEN, message.length);
  const out = new Uint8Array(header.length + message.length);
  out.set(header, 0);
  out.set(message, header.length);
  return out;
}
