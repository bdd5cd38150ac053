// What the coverage check says about a node: a severity, a stable code, the node and op it is about, and a
// message a user can act on. The default severity of each code is fixed here and nowhere else.
//
// Severity policy — one question per level:
//   error   — the target cannot run the node as written. The op or its domain is unknown (unknown-domain,
//             unknown-op), the op does not exist at the target opset (op-not-in-opset, removed-op), the node breaks
//             the schema in force (invalid-attribute — including an attribute that became an input —, invalid-type,
//             arity), the chosen runtime has no kernel for that op version or type and no fallback
//             (runtime-unsupported), or the runtime's opset range ends below the target (opset-too-new).
//   warning — it may run, but someone has to decide something: a deprecated op that a later opset drops
//             (deprecated-op); an opset newer than the bundled catalog knows, so nothing beyond it is verified
//             (opset-too-new); a runtime verdict that depends on what the tables cannot show, such as ORT expanding a
//             function op into its body (runtime-unknown); a GPU/NPU execution provider without the kernel when
//             ONNX Runtime's CPU provider has it (runtime-unsupported, downgraded: it runs, with copies); a decomposed
//             op whose fused replacement the target already offers (decomposed-op: a change is available now); an op
//             with no schema that the chosen runtime's table nevertheless lists (unknown-op: it runs, unchecked).
//   info    — fine, worth knowing: a call to a model-local function (its body is checked in place), a decomposed op
//             whose fused replacement needs a later opset or a custom op, training_info graphs left unchecked
//             (training-graphs: only training runtimes run them).
// `onnx-coverage check` exits 1 when any finding is an error.

export type Severity = 'error' | 'warning' | 'info';

export const FINDING_CODES = [
  'unknown-domain',
  'unknown-op',
  'op-not-in-opset',
  'deprecated-op',
  'removed-op',
  'opset-too-new',
  'invalid-attribute',
  'invalid-type',
  'arity',
  'runtime-unsupported',
  'runtime-unknown',
  'model-local-function',
  'decomposed-op',
  'training-graphs',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

export interface FindingRule {
  code: FindingCode;
  /** The severity a finding of this code gets unless the rule says otherwise (decomposed-op, opset-too-new). */
  severity: Severity;
  /** One line for SARIF rule descriptions and report legends. */
  summary: string;
}

export const FINDING_RULES: Record<FindingCode, FindingRule> = {
  'unknown-domain': { code: 'unknown-domain', severity: 'error', summary: 'The node uses an operator domain that no known schema set or runtime table defines.' },
  'unknown-op': { code: 'unknown-op', severity: 'error', summary: 'No schema is known for this operator in its domain, and no runtime table lists it.' },
  'op-not-in-opset': { code: 'op-not-in-opset', severity: 'error', summary: 'The operator is introduced in a later opset than the target imports.' },
  'deprecated-op': { code: 'deprecated-op', severity: 'warning', summary: 'The operator is deprecated: it still resolves at the target opset, but a later opset drops it.' },
  'removed-op': { code: 'removed-op', severity: 'error', summary: 'The operator was removed (deprecated) at or before the target opset.' },
  'opset-too-new': { code: 'opset-too-new', severity: 'warning', summary: 'The model or the target uses an opset newer than the catalog or the runtime knows.' },
  'invalid-attribute': { code: 'invalid-attribute', severity: 'error', summary: 'An attribute is unknown, missing, of the wrong type, or must become an input at the target opset.' },
  'invalid-type': { code: 'invalid-type', severity: 'error', summary: 'An input or output has an element type the schema in force does not allow.' },
  arity: { code: 'arity', severity: 'error', summary: 'The node has too few or too many inputs or outputs for the schema in force.' },
  'runtime-unsupported': { code: 'runtime-unsupported', severity: 'error', summary: 'The target runtime has no kernel for this operator version or data type.' },
  'runtime-unknown': { code: 'runtime-unknown', severity: 'warning', summary: "The target runtime's table does not say whether it supports this operator." },
  'model-local-function': { code: 'model-local-function', severity: 'info', summary: 'The node calls a function defined in the model itself; its body is checked in place.' },
  'decomposed-op': { code: 'decomposed-op', severity: 'info', summary: 'A chain of primitive ops that is really one operator the exporter could not emit.' },
  'training-graphs': { code: 'training-graphs', severity: 'info', summary: 'The model carries training_info graphs; inference runtimes do not run them, so their nodes are not checked.' },
};

/** Where a finding points in the model: enough for the editor to select the node and for SARIF logical locations. */
export interface FindingLocation {
  /** Stable path of the node ("<graph path>/<index>:<opType>"); "" for a finding about the whole model. */
  nodePath: string;
  /** The node's own name ("" when it has none). */
  nodeName: string;
  /** The graph holding the node: 'main', an If/Loop/Scan 'subgraph', or a model-local 'function' body. */
  scopeKind: 'main' | 'subgraph' | 'function' | 'model';
  /** Stable path of that graph: "" for the main graph, "<node path>/<attribute>" or "fn:<domain>::<name>". */
  scopePath: string;
}

export interface Finding extends FindingLocation {
  severity: Severity;
  code: FindingCode;
  /** The node's name, or its stable path when the name is empty (or the domain for model-level findings). */
  node: string;
  /** 'Op' for the default domain, 'domain::Op' otherwise. */
  op: string;
  message: string;
  /** The attribute, input or output the finding is about, when it is about one (e.g. 'axes'). */
  subject?: string;
  /** For decomposed-op: index of the match in the report's `decompositions`. */
  decomposition?: number;
}

export function severityRank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}
