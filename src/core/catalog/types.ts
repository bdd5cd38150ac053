// The catalog's contract: operator schemas (from ONNX's Changelog.md / Changelog-ml.md and ORT's
// ContribOperators.md), the resolution result, and runtime coverage. Pure data types, no `vscode`.

/** How a formal input/output may appear: exactly once, possibly absent, or repeated (last param only). */
export type ParamOption = 'single' | 'optional' | 'variadic';

export interface FormalParam {
  name: string;
  /** The type string as written: a constraint name (`T`) or a concrete type (`tensor(int64)`). */
  typeStr: string;
  option: ParamOption;
  /** Variadic params only: true when each repetition may have a different type. */
  heterogeneous?: boolean;
  /** Variadic params only: the fewest repetitions allowed (1 unless the schema says otherwise). */
  minArity?: number;
  differentiability?: 'differentiable' | 'non-differentiable';
  description: string;
}

/** AttributeProto.AttributeType, spelled as onnx's docs spell it after normalisation. */
export type AttributeKind =
  | 'float' | 'int' | 'string' | 'tensor' | 'graph' | 'sparse_tensor' | 'type_proto'
  | 'floats' | 'ints' | 'strings' | 'tensors' | 'graphs' | 'sparse_tensors' | 'type_protos'
  | 'unknown';

export type AttributeDefault = number | string | number[] | string[];

export interface AttributeSchema {
  name: string;
  type: AttributeKind;
  required: boolean;
  /** Present only when the schema states a default value. */
  default?: AttributeDefault;
  description: string;
}

export interface TypeConstraint {
  name: string;
  /** e.g. `tensor(float)`, `seq(tensor(int64))`, `optional(tensor(bool))`. */
  allowedTypes: string[];
  description: string;
}

export interface OpSchema {
  /** "" for the default ai.onnx domain (as `normalizeDomain` in onnx/model.ts); otherwise as written. */
  domain: string;
  name: string;
  /** The opset version of `domain` in which this version of the op was introduced. */
  sinceVersion: number;
  /** True when this version marks the op deprecated (it still resolves, flagged). */
  deprecated: boolean;
  /** The first paragraph of the upstream description, whitespace-trimmed (Markdown). */
  doc: string;
  inputs: FormalParam[];
  outputs: FormalParam[];
  minInputs: number;
  /** `UNBOUNDED_ARITY` when the last input is variadic. */
  maxInputs: number;
  minOutputs: number;
  maxOutputs: number;
  attributes: AttributeSchema[];
  typeConstraints: TypeConstraint[];
  supportLevel: 'common' | 'experimental';
  /** ONNX defines this version as a function (a body of other ops) rather than a primitive. */
  isFunction: boolean;
}

/** `maxInputs`/`maxOutputs` value for a variadic last parameter. */
export const UNBOUNDED_ARITY = 2147483647; // ONNX uses INT_MAX too

export type ResolutionFailureCode =
  /** No schema of any op is known for this domain. */
  | 'unknown-domain'
  /** The domain is known but has no op of that name in any version. */
  | 'unknown-op'
  /** The op exists but was introduced after the imported opset (`firstOpset`). */
  | 'op-not-in-opset'
  /** The op was removed from the domain at or before the imported opset (`removedIn`). */
  | 'removed-op'
  /** The model imports an opset newer than the bundled catalog knows (`latestKnownOpset`). */
  | 'opset-too-new'
  /** The model does not import the node's domain at all. */
  | 'domain-not-imported';

export type Resolution =
  | {
      ok: true;
      schema: OpSchema;
      /** The imported opset version the schema was resolved against. */
      opsetVersion: number;
      /** since_versions of this op newer than the one in force (ascending). */
      newerVersions: number[];
    }
  | {
      ok: false;
      code: ResolutionFailureCode;
      /** One sentence for people, e.g. "RMSNormalization was introduced in opset 23; the model imports ai.onnx opset 17." */
      message: string;
      opsetVersion?: number;
      firstOpset?: number;
      removedIn?: number;
      latestKnownOpset?: number;
    };

/** What changed between two versions of one op. */
export interface SchemaDiff {
  op: string;
  domain: string;
  fromVersion: number;
  toVersion: number;
  attributesAdded: string[];
  attributesRemoved: string[];
  /** Attributes whose type, required flag or default changed, with a short note each. */
  attributesChanged: { name: string; change: string }[];
  inputsAdded: string[];
  inputsRemoved: string[];
  outputsAdded: string[];
  outputsRemoved: string[];
  /** Per type-constraint name: allowed types gained and lost (constraints added/removed appear whole). */
  typesAdded: { constraint: string; types: string[] }[];
  typesRemoved: { constraint: string; types: string[] }[];
  deprecatedChanged: boolean;
}

/** Identifies one runtime table. */
export type RuntimeId =
  | 'ort-cpu' | 'ort-cuda' | 'ort-dml'
  | 'ort-webgpu' | 'ort-webnn' | 'ort-webgl'
  | 'ort-coreml-mlprogram' | 'ort-coreml-neuralnetwork' | 'ort-nnapi'
  | 'tensorrt' | 'tensorrt-10.1'
  | 'openvino';

export interface RuntimeInfo {
  id: RuntimeId;
  /** Full name without the version, e.g. "ONNX Runtime CPU (CPUExecutionProvider)", "TensorRT ONNX parser". */
  name: string;
  /** e.g. "ONNX Runtime", "TensorRT", "OpenVINO". */
  product: string;
  /** The part after the product, e.g. "CPU", "WebGPU", "ONNX parser", "ONNX frontend". */
  label: string;
  /** The upstream version the table came from, e.g. "1.27.0", "10.15", "commit 0ae60f0ffec9". */
  upstreamVersion: string;
  /** Where the table came from, relative to ../shared/onnx-data. */
  source: string;
  /** True when the table gives opset ranges per op; false when it only lists op names. */
  versioned: boolean;
  /** True when the table lists per-type support. */
  typed: boolean;
  /** Inclusive opset range of ai.onnx the runtime claims overall (TensorRT states one). */
  opsetRange?: [number, number];
}

export interface RuntimeSupport {
  status: 'supported' | 'unsupported' | 'unknown';
  /** One sentence, e.g. "ONNX Runtime 1.27.0 CPU registers Add for opsets [7, 12] and 13, not 14+". */
  reason: string;
  runtime: RuntimeInfo;
  /** The matching kernel/row's opset range as written upstream, e.g. "[6, 12]", "13+", "7-12". */
  versionRange?: string;
  /** Types listed for the matching row (per constraint for ORT, flat list otherwise). */
  types?: Record<string, string[]> | string[];
  /** Restriction / comment / limitation text of the matching row, verbatim (Markdown). */
  restrictions?: string;
  /** Data types asked about that the row does not list. */
  missingTypes?: string[];
}
