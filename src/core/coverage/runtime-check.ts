// The runtime verdict for one resolved node: the catalog's kernel table decides (supported / unsupported / unknown);
// this file only turns its answer into a finding, and works out which types the node gives the table to check.
import { qualifiedOp } from '../onnx/model';
import { opHistory, type OpSchema, type RuntimeInfo, type RuntimeSupport } from '../catalog';
import { formalAt } from './value-types';
import { schemaIndex } from './schema-index';

export type RuntimeLookup = (
  runtimeId: string, domain: string, opType: string, sinceVersion: number,
  dataTypes?: Record<string, string[]>, context?: { opsetVersion?: number },
) => RuntimeSupport;

export interface RuntimeFinding {
  code: 'runtime-unsupported' | 'runtime-unknown';
  /** Set when it differs from the code's default (a missing GPU kernel that ORT runs on the CPU instead). */
  severity?: 'warning';
  message: string;
}

/** Type-constraint name → the type the node uses for it, from its inputs and outputs where known (one entry per
 *  input and output; undefined for one left empty or of unknown type). */
export function constraintTypes(schema: OpSchema, inputTypes: Array<string | undefined>, outputTypes: Array<string | undefined>): Record<string, string> {
  const constraints = schemaIndex(schema).constraints;
  const bound: Record<string, string> = {};
  const bind = (typeStr: string | undefined, heterogeneous: boolean | undefined, type: string | undefined) => {
    if (!typeStr || !type || heterogeneous || !constraints.has(typeStr) || bound[typeStr] !== undefined) return;
    bound[typeStr] = type;
  };
  inputTypes.forEach((type, i) => {
    const formal = formalAt(schema.inputs, i);
    bind(formal?.typeStr, formal?.heterogeneous, type);
  });
  outputTypes.forEach((type, i) => {
    const formal = formalAt(schema.outputs, i);
    bind(formal?.typeStr, formal?.heterogeneous, type);
  });
  return bound;
}

/**
 * `opsetVersion` goes to the table only when it is below the runtime's opset range: above it, the engine says so
 * once for the whole model (opset-too-new) instead of once per node.
 */
export function runtimeFindingFor(runtime: RuntimeInfo, schema: OpSchema, opType: string, dataTypes: Record<string, string>, opsetVersion: number, lookup: RuntimeLookup): RuntimeFinding | undefined {
  // Beyond the runtime's opset range the engine reports once for the model (opset-too-new), not once per node.
  if (runtime.opsetRange && schema.domain === '' && schema.sinceVersion > runtime.opsetRange[1]) return undefined;
  const typed = Object.keys(dataTypes).length > 0 ? Object.fromEntries(Object.entries(dataTypes).map(([k, v]) => [k, [v]])) : undefined;
  const below = runtime.opsetRange && schema.domain === '' && opsetVersion < runtime.opsetRange[0];
  const support = lookup(runtime.id, schema.domain, opType, schema.sinceVersion, typed, below ? { opsetVersion } : {});
  if (support.status === 'supported') return undefined;
  const op = qualifiedOp(schema.domain, opType);
  const reason = withOp(support.reason, op);
  if (support.status === 'unsupported' && runtime.product === 'ONNX Runtime') {
    const ort = onnxRuntimeFallback(runtime, schema, opType, typed, lookup, reason);
    if (ort !== 'no-fallback') return ort;
  }
  return { code: support.status === 'unsupported' ? 'runtime-unsupported' : 'runtime-unknown', message: reason };
}

/**
 * What ONNX Runtime does where its tables show no kernel — graph-level behaviour the kernel tables cannot show:
 * Constant nodes become initializers at load; a node no other execution provider claims runs on the CPU provider
 * (a warning: it runs, with copies between devices); an op ONNX defines as a function is expanded into its body.
 */
function onnxRuntimeFallback(
  runtime: RuntimeInfo, schema: OpSchema, opType: string, typed: Record<string, string[]> | undefined, lookup: RuntimeLookup, reason: string,
): RuntimeFinding | undefined | 'no-fallback' {
  if (schema.domain === '' && opType === 'Constant') return undefined;
  if (runtime.id !== 'ort-cpu') {
    const cpu = lookup('ort-cpu', schema.domain, opType, schema.sinceVersion, typed);
    if (cpu.status === 'supported') {
      return { code: 'runtime-unsupported', severity: 'warning', message: `${reason} ONNX Runtime runs the node on the CPU execution provider instead, with copies between devices.` };
    }
  }
  if (schema.isFunction) {
    return { code: 'runtime-unknown', message: `${reason} ONNX defines ${schema.name}-${schema.sinceVersion} as a function, so ONNX Runtime expands it into its body at load; it runs if the body's ops have kernels.` };
  }
  // The catalog marks function bodies reliably only for an op's newest version; older ones (CastLike-15, …) often
  // have one too. Say what is known instead of a verdict either way.
  const laterFunction = opHistory(schema.domain, schema.name).find((v) => v.sinceVersion > schema.sinceVersion && v.isFunction);
  if (laterFunction) {
    return { code: 'runtime-unknown', message: `${reason} ONNX defines ${schema.name}-${laterFunction.sinceVersion} as a function; if ${schema.name}-${schema.sinceVersion} has a function body too, ONNX Runtime expands it at load instead of failing.` };
  }
  return 'no-fallback';
}

function withOp(reason: string, op: string): string {
  const text = reason.trim();
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
  return sentence.includes(op.split('::').pop()!) ? sentence : `${op}: ${sentence}`;
}
