// checkModel: every node a model runs (main graph, If/Loop/Scan subgraphs at any depth, model-local function
// bodies) resolved against the schema in force at the target opset, validated against that schema, and — when a
// runtime is chosen — looked up in its kernel table. The severity of each finding comes from findings.ts.
//
// Target opset: the model's own imports by default. `opset: N` retargets the default (ai.onnx) domain of the main
// graph and of every function body that imports it; other domains keep their imports. Retargeting is a real check:
// each node is validated against the schema in force at N, and moves between attributes and inputs are named.
import { normalizeDomain, qualifiedOp, type Graph, type Model, type Node, type OperatorSetId } from '../onnx/model';
import { countGraphNodes, nodeLabel, trainingGraphs, visitNodes, type GraphScope, type NodeRef } from '../onnx/walk';
import type { NodeValues } from '../onnx/node-values';
import type { OpSchema, Resolution, RuntimeInfo } from '../catalog';
import { listRuntimes, resolveOp, runtimeSupport } from '../catalog';
import { FINDING_RULES, type Finding, type FindingCode, type Severity } from './findings';
import type { CoverageReport, CoverageSummary, CoverageTarget } from './report';
import { checkNodeAgainstSchema, schemaLabel } from './schema-checks';
import { inferOutputTypes, ValueTypes } from './value-types';
import { constraintTypes, runtimeFindingFor, type RuntimeFinding } from './runtime-check';
import { detectDecompositionsFor, decompositionFindings, retargetInfo } from './decompositions';
import { KeyPathMemo } from '../key-path-memo';
import { pushAll } from '../push-all';

export interface CheckOptions {
  /** Target ai.onnx opset; default: the model's own import. */
  opset?: number;
  /** Runtime id from the catalog (`listRuntimes()`); default: no runtime check. */
  runtime?: string;
  /** Name of the model in the report; default: model.source.path. */
  label?: string;
}

/** Options that cannot be honoured for any model (unknown runtime, opset below 1): the caller's input is unusable. */
export class CoverageOptionError extends Error {
  override name = 'CoverageOptionError';
}

export function checkModel(model: Model, options: CheckOptions = {}): CoverageReport {
  const runtime = options.runtime === undefined ? undefined : findRuntime(options.runtime);
  if (options.opset !== undefined && (!Number.isInteger(options.opset) || options.opset < 1)) {
    throw new CoverageOptionError(`the target opset must be a whole number ≥ 1, got ${options.opset}`);
  }
  const modelOpset = defaultOpset(model.opsetImport);
  const retarget = options.opset !== undefined && options.opset !== modelOpset ? options.opset : undefined;
  const targetOpset = retarget ?? modelOpset ?? null;
  const target: CoverageTarget = { opset: targetOpset, runtime: runtime?.id ?? null };
  if (runtime) target.runtimeName = runtimeDisplayName(runtime);

  const checker = new NodeChecker(model, retarget, runtime);
  const findings: Finding[] = checker.importFindings();
  // visitNodes walks in iterateNodes' order without a NodeRef and path string per node (one is made for a finding).
  let nodes = 0;
  visitNodes(model, true, (node, scope, index, values) => {
    nodes++;
    checker.check(node, scope, index, values, findings);
  });

  const detected = detectDecompositionsFor(model, { opset: targetOpset ?? undefined, runtime: runtime?.id });
  pushAll(findings, decompositionFindings(detected.matches));

  const report: CoverageReport = {
    model: options.label ?? model.source.path,
    opsetImport: model.opsetImport.map((o) => ({ domain: o.domain, version: o.version })),
    target,
    nodes,
    findings,
    decompositions: detected.json,
    quantization: detected.quantization,
    summary: summarize(nodes, findings),
  };
  if (retarget !== undefined && modelOpset !== undefined) report.retarget = retargetInfo(modelOpset, retarget, detected.matches);
  return report;
}

/** The model's ai.onnx import ("" or "ai.onnx"), if any. */
export function defaultOpset(imports: OperatorSetId[]): number | undefined {
  return imports.find((o) => normalizeDomain(o.domain) === '')?.version;
}

function findRuntime(id: string): RuntimeInfo {
  const runtimes = listRuntimes();
  const found = runtimes.find((r) => r.id === id);
  if (!found) throw new CoverageOptionError(`unknown runtime '${id}'; known runtimes: ${runtimes.map((r) => r.id).join(', ')}`);
  return found;
}

/** "ONNX Runtime 1.27.0 CPUExecutionProvider": the product, the upstream version its table came from, the table. */
export function runtimeDisplayName(info: RuntimeInfo): string {
  const rest = info.name.startsWith(info.product) ? info.name.slice(info.product.length).trim() : info.name;
  return `${info.product} ${info.upstreamVersion}${rest ? ` ${rest}` : ''}`;
}

/** Per-model state: resolution and runtime caches, value types per naming scope, the model's local functions. */
class NodeChecker {
  private readonly localFunctions = new Set<string>();
  private readonly resolutions = new Map<OperatorSetId[], Map<string, Map<string, Resolution>>>();
  private lastImports: OperatorSetId[] | undefined;
  private lastByDomain: Map<string, Map<string, Resolution>> | undefined;
  private readonly retargetedImports = new Map<OperatorSetId[], OperatorSetId[]>();
  private readonly variants = new Map<OperatorSetId[], Map<string, OperatorSetId[]>>();
  private readonly deprecations = new Map<OperatorSetId[], Map<string, number | undefined>>();
  private readonly typesByGraph = new Map<unknown, ValueTypes>();
  private readonly outerOf = new Map<Graph, ValueTypes>();
  private readonly tooNewReported = new Set<string>();

  constructor(
    private readonly model: Model,
    private readonly retarget: number | undefined,
    private readonly runtime: RuntimeInfo | undefined,
  ) {
    for (const fn of model.functions) this.localFunctions.add(functionKey(fn.domain, fn.name, fn.overload));
  }

  /** Model-level findings about the imports themselves: an opset newer than the catalog or the runtime knows. */
  importFindings(): Finding[] {
    const findings: Finding[] = [];
    const target = this.retarget ?? defaultOpset(this.model.opsetImport);
    const range = this.runtime?.opsetRange;
    // Once for the model rather than once per node: a runtime whose opset range ends below the target.
    if (this.runtime && range && target !== undefined && target > range[1]) {
      findings.push(modelFinding('opset-too-new', 'error', 'ai.onnx', `${runtimeDisplayName(this.runtime)} parses ai.onnx opsets ${range[0]} to ${range[1]}; the target is opset ${target}, so it will not load the model.`));
    }
    const training = trainingGraphs(this.model);
    if (training.length > 0) {
      const nodes = training.reduce((n, t) => n + countGraphNodes(t.graph, this.model.opsetImport), 0);
      findings.push(modelFinding('training-graphs', 'info', 'training_info', `The model carries ${training.length === 1 ? 'a training graph' : `${training.length} training graphs`} (${training.map((t) => t.path).join(', ')}: ${nodes} ${nodes === 1 ? 'node' : 'nodes'}). Inference runtimes do not run training_info graphs, so their nodes are not checked; ONNX Runtime's training APIs use them.`));
    }
    return findings;
  }

  /** Checks one node and appends its findings to `findings`. Allocation-free for a node without findings. */
  check(node: Node, scope: GraphScope, index: number, values: NodeValues, findings: Finding[]): void {
    const types = this.typesFor(scope, values);
    this.noteSubgraphs(node, types);
    const site = this.site;
    site.node = node;
    site.scope = scope;
    site.index = index;
    site.ref = undefined;
    site.findings = findings;

    if (this.localFunctions.size > 0 && this.localFunctions.has(functionKey(node.domain, node.opType, node.overload))) {
      this.emit('model-local-function', `${qualifiedOp(node.domain, node.opType)} is a function defined in this model; its body is checked node by node (fn:${node.domain}::${node.opType}).`);
      return;
    }

    const imports = this.importsFor(scope);
    let resolution = this.resolve(node.domain, node.opType, imports);
    if (!resolution.ok && resolution.code === 'opset-too-new' && resolution.latestKnownOpset !== undefined) {
      // Check against the newest opset the catalog knows, and say once per domain that nothing beyond it is verified.
      const domain = normalizeDomain(node.domain);
      const key = `${scope.kind === 'function' ? scope.path : 'model'}|${domain}`;
      if (!this.tooNewReported.has(key)) {
        this.tooNewReported.add(key);
        // Said once for the domain, so it names no op; and whose opset it is: the model's, or the --opset target's.
        const label = domain === '' ? 'ai.onnx' : domain;
        const whose = domain === '' && imports !== scope.opsetImport ? 'The target is' : 'The model imports';
        this.emit('opset-too-new', `${whose} ${label} opset ${resolution.opsetVersion}, newer than the bundled catalog knows (up to ${resolution.latestKnownOpset}): nodes of ${label} are checked against opset ${resolution.latestKnownOpset}, so changes made after it are not verified.`, label);
      }
      resolution = this.resolve(node.domain, node.opType, this.withVersion(imports, node.domain, resolution.latestKnownOpset));
    }
    if (!resolution.ok) {
      // Nothing is known about an unresolved node's outputs; leaving them untyped keeps downstream type checks silent.
      findings.push(this.resolutionFailure(this.ref(), resolution, imports));
      for (let k = values.outStart[index]!, end = values.outStart[index + 1]!; k < end; k++) types.define(values.outIds[k]!);
      return;
    }

    const schema = resolution.schema;
    if (schema.deprecated) {
      this.emit('removed-op', `${schemaLabel(schema)} marks ${schema.name} deprecated from opset ${schema.sinceVersion}: it is no longer part of opset ${resolution.opsetVersion}. ${replacementHint(schema.name)}`.trim());
    } else {
      const deprecatedLater = this.deprecatedAfter(node, imports, resolution.newerVersions);
      if (deprecatedLater !== undefined) this.emit('deprecated-op', `${schema.name} is deprecated from opset ${deprecatedLater}; it still resolves at opset ${resolution.opsetVersion} (${schemaLabel(schema)}), but moving to opset ${deprecatedLater} or later drops it. ${replacementHint(schema.name)}`.trim());
    }

    // Types by the node's value ids (node i's run in the scope's id table), not by name.
    const inStart = values.inStart[index]!;
    const outStart = values.outStart[index]!;
    const inputTypes = new Array<string | undefined>(values.inStart[index + 1]! - inStart);
    for (let i = 0; i < inputTypes.length; i++) inputTypes[i] = types.typeOf(values.inIds[inStart + i]!);
    const outputTypes = new Array<string | undefined>(values.outStart[index + 1]! - outStart);
    const inferred = inferOutputTypes(node, schema, inputTypes, outputTypes.length);
    for (let i = 0; i < outputTypes.length; i++) {
      const id = values.outIds[outStart + i]!;
      // An output left empty ('') has no value, so no type to check.
      if (id >= 0) outputTypes[i] = types.typeOf(id) ?? inferred[i];
    }
    const original = this.retarget !== undefined ? this.originalSchema(node, scope, schema) : undefined;
    // A deprecation marker has no signature to check against: removed-op already says everything.
    if (!schema.deprecated) {
      const issues = checkNodeAgainstSchema(node, schema, { inputTypes, outputTypes, values, index, original, opset: resolution.opsetVersion });
      for (let i = 0; i < issues.length; i++) this.emit(issues[i]!.code, issues[i]!.message, issues[i]!.subject);
    }

    if (this.runtime) {
      const runtimeFinding = this.runtimeVerdict(this.runtime, schema, node.opType, inputTypes, outputTypes, resolution.opsetVersion);
      if (runtimeFinding) this.emit(runtimeFinding.code, runtimeFinding.message, undefined, runtimeFinding.severity);
    }

    for (let i = 0; i < outputTypes.length; i++) types.infer(values.outIds[outStart + i]!, inferred[i]);
  }

  /** The node being checked; its NodeRef (and path string) is made only when a finding needs it. */
  private readonly site: { node?: Node; scope?: GraphScope; index: number; ref?: NodeRef; findings: Finding[] } = { index: 0, findings: [] };

  private ref(): NodeRef {
    const site = this.site;
    if (site.ref === undefined) {
      const node = site.node!;
      const scope = site.scope!;
      site.ref = { node, index: site.index, scope, path: `${scope.path}/${site.index}:${node.opType}` };
    }
    return site.ref;
  }

  private emit(code: FindingCode, message: string, subject?: string, severity?: Severity): void {
    this.site.findings.push(nodeFinding(this.ref(), code, message, subject, severity));
  }

  private resolutionFailure(ref: NodeRef, resolution: Extract<Resolution, { ok: false }>, imports: OperatorSetId[]): Finding {
    const { node } = ref;
    const domain = normalizeDomain(node.domain);
    const op = qualifiedOp(node.domain, node.opType);
    const imported = imports.some((o) => normalizeDomain(o.domain) === domain);
    switch (resolution.code) {
      case 'domain-not-imported':
        return nodeFinding(ref, 'unknown-domain', `The ${ref.scope.kind === 'function' ? 'function' : 'model'} does not import domain '${domain || 'ai.onnx'}', so ${op} has no opset version to resolve against; add an opset_import for it.`);
      case 'unknown-domain':
        if (!imported) return nodeFinding(ref, 'unknown-domain', `Domain '${domain}' is neither imported by the ${ref.scope.kind === 'function' ? 'function' : 'model'} nor known to any schema set, so ${op} cannot be resolved; add an opset_import for it.`);
        return this.unknownOpFinding(ref, `${node.opType} is in domain '${domain}', which no known schema set defines: no schema is known for ${op}.`, imports);
      case 'unknown-op':
        return this.unknownOpFinding(ref, resolution.message, imports);
      case 'op-not-in-opset':
        return nodeFinding(ref, 'op-not-in-opset', resolution.firstOpset !== undefined && !resolution.message.includes(String(resolution.firstOpset))
          ? `${resolution.message} It is first available in opset ${resolution.firstOpset}.`
          : resolution.message);
      case 'removed-op':
        return nodeFinding(ref, 'removed-op', `${resolution.message} ${replacementHint(node.opType)}`.trim());
      case 'opset-too-new':
        return nodeFinding(ref, 'opset-too-new', resolution.message);
    }
  }

  /**
   * An op without a schema. Which runtime tables list it decides the rest of the message — usually none: then no
   * runtime has a kernel for it unless one is registered. When the chosen runtime's table does list it, the node
   * can run there without a schema to check it against: a warning instead of an error.
   */
  private unknownOpFinding(ref: NodeRef, head: string, imports: OperatorSetId[]): Finding {
    const { node } = ref;
    const domain = normalizeDomain(node.domain);
    const version = imports.find((o) => normalizeDomain(o.domain) === domain)?.version ?? 1;
    const listedBy = listRuntimes().filter((r) => runtimeSupport(r.id, domain, node.opType, version).status === 'supported');
    if (listedBy.length === 0) {
      const standard = domain === '' || domain === 'ai.onnx.ml' || domain.startsWith('ai.onnx.preview');
      const hint = standard ? ' It is not a standard operator: check the spelling, or give it a custom domain.' : ' If it stands for a standard op, export it with a symbolic that emits that op.';
      return nodeFinding(ref, 'unknown-op', `${head} No runtime table lists it either, so no runtime has a kernel for it unless one is registered (e.g. an ONNX Runtime custom-op library).${hint}`);
    }
    const names = listedBy.map((r) => r.id).join(', ');
    const onTarget = this.runtime !== undefined && listedBy.some((r) => r.id === this.runtime!.id);
    return nodeFinding(ref, 'unknown-op', `${head} Only runtime tables list it (${names}): nothing checks its attributes or types${onTarget ? `, but ${runtimeDisplayName(this.runtime!)} has a kernel for it` : ''}.`, undefined, onTarget ? 'warning' : 'error');
  }

  /** The schema the node resolves to under its own imports, when a retarget changed it (for "moved" messages). */
  private originalSchema(node: Node, scope: GraphScope, inForce: OpSchema): OpSchema | undefined {
    const own = this.resolve(node.domain, node.opType, scope.opsetImport);
    return own.ok && own.schema.sinceVersion !== inForce.sinceVersion ? own.schema : undefined;
  }

  /** The first newer opset in which this op's version is marked deprecated, if any (cached per op and imports). */
  private deprecatedAfter(node: Node, imports: OperatorSetId[], newerVersions: number[]): number | undefined {
    if (newerVersions.length === 0) return undefined;
    let forImports = this.deprecations.get(imports);
    if (!forImports) this.deprecations.set(imports, (forImports = new Map()));
    const key = `${node.domain}|${node.opType}`;
    if (forImports.has(key)) return forImports.get(key);
    let found: number | undefined;
    for (const version of newerVersions) {
      const later = this.resolve(node.domain, node.opType, this.withVersion(imports, node.domain, version));
      if (later.ok && later.schema.deprecated) {
        found = version;
        break;
      }
    }
    forImports.set(key, found);
    return found;
  }

  /** `imports` with one domain at another version; the same array for the same question, so caches keyed by it hit. */
  private withVersion(imports: OperatorSetId[], domain: string, version: number): OperatorSetId[] {
    let variants = this.variants.get(imports);
    if (!variants) this.variants.set(imports, (variants = new Map()));
    const key = `${normalizeDomain(domain)}=${version}`;
    let derived = variants.get(key);
    if (!derived) variants.set(key, (derived = withVersion(imports, domain, version)));
    return derived;
  }

  /** resolveOp, cached per imports list (by identity: one list per scope), then domain, then op: 200,000 nodes
   *  of 30 ops resolve 30 times, and a lookup keys on the reader's interned strings without composing a new one. */
  private resolve(domain: string, opType: string, imports: OperatorSetId[]): Resolution {
    let byDomain = this.lastImports === imports ? this.lastByDomain : this.resolutions.get(imports);
    if (!byDomain) this.resolutions.set(imports, (byDomain = new Map()));
    this.lastImports = imports;
    this.lastByDomain = byDomain;
    let byOp = byDomain.get(domain);
    if (!byOp) byDomain.set(domain, (byOp = new Map()));
    let resolution = byOp.get(opType);
    if (!resolution) {
      resolution = resolveOp(domain, opType, imports);
      byOp.set(opType, resolution);
    }
    return resolution;
  }

  /** The imports in force for a scope, with the default domain moved to the target opset when retargeting. */
  private importsFor(scope: GraphScope): OperatorSetId[] {
    if (this.retarget === undefined) return scope.opsetImport;
    let imports = this.retargetedImports.get(scope.opsetImport);
    if (!imports) {
      const isFunction = scope.kind === 'function' || scope.function !== undefined;
      imports = !isFunction || scope.opsetImport.some((o) => normalizeDomain(o.domain) === '') ? withVersion(scope.opsetImport, '', this.retarget) : scope.opsetImport;
      this.retargetedImports.set(scope.opsetImport, imports);
    }
    return imports;
  }

  /**
   * One value-type table per graph. A subgraph's table looks outward to the table of the graph holding its
   * If/Loop/Scan node (registered when that node is checked, which the traversal does before its subgraphs).
   */
  private typesFor(scope: GraphScope, values: NodeValues): ValueTypes {
    const key: unknown = scope.graph ?? scope.function;
    let types = this.typesByGraph.get(key);
    if (!types) {
      types = new ValueTypes(values.names, scope.graph ? this.outerOf.get(scope.graph) : undefined);
      if (scope.graph) types.declareGraph(scope.graph);
      else if (scope.function) types.declareFunction(scope.function);
      this.typesByGraph.set(key, types);
    }
    return types;
  }

  /** Runtime verdicts by schema, op, opset and the node's input and output types. */
  private readonly runtimeVerdicts = new KeyPathMemo<RuntimeFinding | undefined>();

  /** The runtime's verdict on a node: it depends on nothing but the schema, op, opset and the types it binds, and
   *  a model repeats few of those, so each is worked out once (it builds its reason sentences even for a
   *  supported node: 2 KB of strings and objects a node, +0.5 s on 200,000 nodes, before this). */
  private runtimeVerdict(runtime: RuntimeInfo, schema: OpSchema, opType: string, inputTypes: Array<string | undefined>, outputTypes: Array<string | undefined>, opsetVersion: number): RuntimeFinding | undefined {
    const memo = this.runtimeVerdicts.start().key(schema).key(opType).key(opsetVersion).keys(inputTypes).keys(outputTypes);
    if (memo.has()) return memo.get();
    return memo.set(runtimeFindingFor(runtime, schema, opType, constraintTypes(schema, inputTypes, outputTypes), opsetVersion, runtimeSupport));
  }

  /** Registers the graph-valued attributes of a node as subgraphs of the graph the node is in. */
  private noteSubgraphs(node: Node, types: ValueTypes): void {
    // Indexed loops: for...of here allocated an iterator and its results for every node of every check.
    const attributes = node.attributes;
    for (let a = 0; a < attributes.length; a++) {
      const attr = attributes[a]!;
      if (attr.g) this.outerOf.set(attr.g, types);
      for (let k = 0; k < attr.graphs.length; k++) this.outerOf.set(attr.graphs[k]!, types);
    }
  }
}

function functionKey(domain: string, name: string, overload: string): string {
  return `${normalizeDomain(domain)}|${name}|${overload}`;
}

function withVersion(imports: OperatorSetId[], domain: string, version: number): OperatorSetId[] {
  const d = normalizeDomain(domain);
  const rest = imports.filter((o) => normalizeDomain(o.domain) !== d);
  return [...rest, { domain: d, version }];
}

/** Known successors of ops ONNX removed, so the message says what to use instead. */
const SUCCESSORS: Record<string, string> = {
  Upsample: 'Use Resize instead.',
  Scatter: 'Use ScatterElements instead.',
  ImageScaler: 'Use Mul and Add instead.',
  Crop: 'Use Slice instead.',
};

function replacementHint(op: string): string {
  return SUCCESSORS[op] ?? '';
}

function nodeFinding(ref: NodeRef, code: FindingCode, message: string, subject?: string, severity?: Severity): Finding {
  const finding: Finding = {
    severity: severity ?? FINDING_RULES[code].severity,
    code,
    node: nodeLabel(ref),
    op: qualifiedOp(ref.node.domain, ref.node.opType),
    message,
    nodePath: ref.path,
    nodeName: ref.node.name,
    scopeKind: ref.scope.kind,
    scopePath: ref.scope.path,
  };
  if (subject !== undefined) finding.subject = subject;
  return finding;
}

/** A finding about the whole model; `subject` names what it is about (an opset domain, 'training_info'). */
function modelFinding(code: FindingCode, severity: Severity, subject: string, message: string): Finding {
  return { severity, code, node: subject, op: '', message, nodePath: '', nodeName: '', scopeKind: 'model', scopePath: '', subject };
}

export function summarize(nodes: number, findings: Finding[]): CoverageSummary {
  const byCode: CoverageSummary['byCode'] = {};
  const flagged = new Set<string>();
  const unsupported = new Set<string>();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
    if (f.severity !== 'info' && f.nodePath !== '' && f.code !== 'decomposed-op') flagged.add(f.nodePath);
    if (f.severity === 'error' && f.op !== '') unsupported.add(f.op);
  }
  return { nodesChecked: nodes, ok: nodes - flagged.size, errors, warnings, infos, byCode, unsupportedOps: [...unsupported].sort() };
}
