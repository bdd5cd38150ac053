// The in-memory shape of an ONNX model as the reader produces it.
// It mirrors onnx.proto (IR version 14) with camelCase names, except that tensor *bytes* are never
// held here: a tensor records where its bytes are (TensorPayload) and is read only on request.
// No `vscode` import, ever: this is shared by the CLI, the extension and the tests.
// Models the reader returns are read-only: to save memory on big graphs, empty lists (a node's attributes or
// metadataProps, an attribute's ints, …) may all be one shared frozen array, and nodes whose attributes are the
// same bytes share one frozen attribute list (repeated-runs.ts), so mutating them throws. A read node is a
// ReadNode (read-node.ts): `inputs` and `outputs` are getters spelled from its graph's value ids on first use, so
// they cannot be assigned, and structural comparisons that only look at own properties (vitest's toEqual,
// structuredClone) do not see them — compare `node.inputs` itself. Build a new node to change one.

/** TensorProto.DataType values (onnx.proto). */
export const DataType = {
  UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
  FLOAT8E4M3FN: 17, FLOAT8E4M3FNUZ: 18, FLOAT8E5M2: 19, FLOAT8E5M2FNUZ: 20, UINT4: 21, INT4: 22,
  FLOAT4E2M1: 23, FLOAT8E8M0: 24, UINT2: 25, INT2: 26,
} as const;

/** AttributeProto.AttributeType values (onnx.proto). */
export const AttributeType = {
  UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8,
  TENSORS: 9, GRAPHS: 10, SPARSE_TENSOR: 11, SPARSE_TENSORS: 12, TYPE_PROTO: 13, TYPE_PROTOS: 14,
} as const;

export interface StringStringEntry { key: string; value: string }

export interface OperatorSetId {
  /** "" for the default ai.onnx domain, exactly as stored in the file ("ai.onnx" is kept as written). */
  domain: string;
  version: number;
}

export interface Dimension {
  value?: number;
  param?: string;
  denotation?: string;
}

export type TypeInfo =
  | { kind: 'tensor'; elemType: number; shape?: Dimension[]; denotation?: string }
  | { kind: 'sparse_tensor'; elemType: number; shape?: Dimension[]; denotation?: string }
  | { kind: 'sequence'; elemType?: TypeInfo; denotation?: string }
  | { kind: 'map'; keyType: number; valueType?: TypeInfo; denotation?: string }
  | { kind: 'optional'; elemType?: TypeInfo; denotation?: string }
  | { kind: 'opaque'; domain: string; name: string; denotation?: string }
  | { kind: 'unknown'; denotation?: string };

export interface ValueInfo {
  name: string;
  type?: TypeInfo;
  docString: string;
  metadataProps: StringStringEntry[];
}

/** Where a tensor's bytes are. Nothing here holds the bytes themselves. */
export type TensorPayload =
  | { kind: 'empty' }
  /** A field of the TensorProto in the model file: raw_data, or a packed repeated field
   *  (float_data, int32_data, int64_data, double_data, uint64_data), at [offset, offset+length) of the file. */
  | { kind: 'inline'; field: TensorDataField; offset: number; length: number }
  /** Values that the file stores unpacked or as strings; decoded eagerly because they cannot be windowed. */
  | { kind: 'values'; field: TensorDataField; values: number[] | string[] }
  /** data_location = EXTERNAL: `location` relative to the model's folder. */
  | { kind: 'external'; location: string; offset: number; length?: number; checksum?: string };

export type TensorDataField = 'raw_data' | 'float_data' | 'int32_data' | 'string_data' | 'int64_data' | 'double_data' | 'uint64_data';

export interface Tensor {
  name: string;
  dims: number[];
  dataType: number;
  docString: string;
  payload: TensorPayload;
  /** TensorProto.segment, when present. */
  segment?: { begin: number; end: number };
  /** The raw external_data entries as written (location, offset, length, checksum, …). */
  externalData: StringStringEntry[];
  metadataProps: StringStringEntry[];
}

export interface SparseTensor {
  values?: Tensor;
  indices?: Tensor;
  dims: number[];
}

export interface Attribute {
  name: string;
  /** AttributeType value. */
  type: number;
  /** Set inside function bodies: this attribute takes the value of the caller's attribute of that name. */
  refAttrName?: string;
  docString: string;
  f?: number;
  i?: number;
  s?: string;
  t?: Tensor;
  g?: Graph;
  sparseTensor?: SparseTensor;
  tp?: TypeInfo;
  floats: number[];
  ints: number[];
  strings: string[];
  tensors: Tensor[];
  graphs: Graph[];
  sparseTensors: SparseTensor[];
  typeProtos: TypeInfo[];
}

export interface Node {
  name: string;
  opType: string;
  /** As written; "" (or "ai.onnx") is the default domain. */
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  attributes: Attribute[];
  docString: string;
  /** The dynamo exporter writes pkg.torch.onnx.stack_trace / name_scopes / class_hierarchy here. */
  metadataProps: StringStringEntry[];
}

export interface TensorAnnotation {
  tensorName: string;
  quantParameterTensorNames: StringStringEntry[];
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Tensor[];
  sparseInitializers: SparseTensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfo: ValueInfo[];
  quantizationAnnotation: TensorAnnotation[];
  docString: string;
  metadataProps: StringStringEntry[];
}

export interface OnnxFunction {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  /** Attribute names without defaults. */
  attribute: string[];
  /** Attributes with defaults. */
  attributeProto: Attribute[];
  nodes: Node[];
  opsetImport: OperatorSetId[];
  valueInfo: ValueInfo[];
  docString: string;
  metadataProps: StringStringEntry[];
}

export interface TrainingInfo {
  initialization?: Graph;
  algorithm?: Graph;
  initializationBinding: StringStringEntry[];
  updateBinding: StringStringEntry[];
}

export interface DeviceConfiguration {
  name: string;
  numDevices: number;
  device: string[];
}

/** Where the model came from, so that tensor payloads can be read later on request. */
export interface ModelSource {
  /** Absolute path of the .onnx file, or a label for in-memory models. */
  path: string;
  /** Size of the file in bytes. */
  size: number;
}

export interface Model {
  irVersion: number;
  opsetImport: OperatorSetId[];
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  graph: Graph;
  metadataProps: StringStringEntry[];
  trainingInfo: TrainingInfo[];
  functions: OnnxFunction[];
  configuration: DeviceConfiguration[];
  source: ModelSource;
}

/** The default domain is written "" or "ai.onnx"; both are one domain. */
export function normalizeDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** `Op` for the default domain, `domain::Op` otherwise: the one spelling used in reports and histograms. */
export function qualifiedOp(domain: string, opType: string): string {
  const d = normalizeDomain(domain);
  return d === '' ? opType : `${d}::${opType}`;
}
