// Turns the upstream documents under ../shared/onnx-data into the catalog's two JSON documents.
// Pure: it reads through `read(relativePath)` so tests and the entry script share it.
import type { OpSchema, RuntimeId, RuntimeInfo } from '../types';
import type { RuntimeCatalogData, RuntimeMatching, RuntimeRow, RuntimeTableData, SchemaCatalogData, SchemaDomainData, UpstreamSource } from '../data-format';
import { encodeRuntimeRow, encodeSchema, TypeListTable } from '../codec';
import { CATALOG_FORMAT } from '../data-format';
import { CatalogSourceError } from './errors';
import { parseOperatorsSummary, type SummaryEntry } from './operators-summary';
import { parseOperatorKernels } from './ort-kernels';
import { parseMobileOpList } from './ort-mobile-tables';
import { parseWebDomainTable, parseWebGlTable } from './ort-web-tables';
import { parseOpenVinoTsv } from './openvino';
import { parseChangelog, parseContribOperators, type ParsedSchema } from './schema-documents';
import { parseSources } from './sources';
import { latestTensorRtRelease, parseTensorRtOperators } from './tensorrt';

/** Reads a file under onnx-data by its relative path (e.g. "onnx/Changelog.md"). */
export type ReadSource = (relativePath: string) => string;

export const SCHEMA_SOURCES = {
  changelog: 'onnx/Changelog.md',
  changelogMl: 'onnx/Changelog-ml.md',
  operators: 'onnx/Operators.md',
  operatorsMl: 'onnx/Operators-ml.md',
  contrib: 'onnxruntime/ContribOperators.md',
  versionNumber: 'onnx/VERSION_NUMBER',
  sources: 'SOURCES.md',
} as const;

export function buildSchemaCatalog(read: ReadSource): SchemaCatalogData {
  const upstream = parseSources(read(SCHEMA_SOURCES.sources), SCHEMA_SOURCES.sources);
  const onnxVersion = read(SCHEMA_SOURCES.versionNumber).trim();
  const onnxSource = upstreamFor(upstream, 'onnx');
  if (onnxSource.version !== onnxVersion) {
    throw new CatalogSourceError(SCHEMA_SOURCES.sources, 1, `ONNX VERSION_NUMBER ${onnxVersion} (from ${SCHEMA_SOURCES.versionNumber})`, onnxSource.version);
  }
  const summary = new Map<string, SummaryEntry>();
  for (const file of [SCHEMA_SOURCES.operators, SCHEMA_SOURCES.operatorsMl]) {
    for (const entry of parseOperatorsSummary(read(file), file)) summary.set(key(entry.domain, entry.name), entry);
  }
  const domains = new Map<string, { domain: string; latestOpset: number; sources: string[]; ops: Record<string, OpSchema[]> }>();
  const add = (parsed: ParsedSchema[], latest: Record<string, number>, file: string) => {
    for (const [domain, version] of Object.entries(latest)) {
      const data = domains.get(domain) ?? { domain, latestOpset: 0, sources: [], ops: {} };
      data.latestOpset = Math.max(data.latestOpset, version);
      if (!data.sources.includes(file)) data.sources.push(file);
      domains.set(domain, data);
    }
    for (const p of parsed) {
      const data = domains.get(p.domain);
      if (!data) throw new CatalogSourceError(file, 1, `an operator-set heading for domain '${p.domain}'`, p.name);
      (data.ops[p.name] ??= []).push(toSchema(p, summary.get(key(p.domain, p.name))));
    }
  };
  for (const file of [SCHEMA_SOURCES.changelog, SCHEMA_SOURCES.changelogMl]) {
    const parsed = parseChangelog(read(file), file);
    add(parsed.schemas, parsed.latestOpset, file);
  }
  const contrib = parseContribOperators(read(SCHEMA_SOURCES.contrib), SCHEMA_SOURCES.contrib);
  const contribLatest: Record<string, number> = {};
  for (const p of contrib) contribLatest[p.domain] = Math.max(contribLatest[p.domain] ?? 0, p.block.sinceVersion);
  add(contrib, contribLatest, SCHEMA_SOURCES.contrib);

  const encoded: SchemaDomainData[] = [];
  const typeLists = new TypeListTable();
  for (const data of domains.values()) {
    const ops: Record<string, string> = {};
    for (const name of Object.keys(data.ops).sort()) {
      const versions = data.ops[name].sort((a, b) => a.sinceVersion - b.sinceVersion);
      markFunctionAndSupport(versions, summary.get(key(data.domain, name)));
      ops[name] = JSON.stringify(versions.map((v) => encodeSchema(v, typeLists)));
    }
    encoded.push({ ...data, ops });
  }
  return {
    format: CATALOG_FORMAT,
    upstream: upstream.filter((u) => u.folder === 'onnx' || u.folder === 'onnxruntime'),
    typeLists: typeLists.lists,
    domains: encoded.sort((a, b) => a.domain.localeCompare(b.domain)),
  };
}

function key(domain: string, name: string): string {
  return `${domain}\u0000${name}`;
}

function toSchema(p: ParsedSchema, entry: SummaryEntry | undefined): OpSchema {
  const b = p.block;
  return {
    domain: p.domain, name: p.name, sinceVersion: b.sinceVersion, deprecated: b.deprecated, doc: b.doc,
    inputs: b.inputs, outputs: b.outputs, minInputs: b.minInputs, maxInputs: b.maxInputs,
    minOutputs: b.minOutputs, maxOutputs: b.maxOutputs, attributes: b.attributes, typeConstraints: b.typeConstraints,
    supportLevel: p.experimental || entry?.experimental ? 'experimental' : 'common',
    isFunction: false,
  };
}

/**
 * Operators.md marks function ops and experimental ops for the newest version only (the Changelog says neither),
 * so `isFunction` is true on the newest version of a listed function op and false (unknown) on older ones.
 */
function markFunctionAndSupport(versions: OpSchema[], entry: SummaryEntry | undefined): void {
  if (!entry) return;
  versions[versions.length - 1].isFunction = entry.isFunction;
  if (entry.experimental) for (const v of versions) v.supportLevel = 'experimental';
}

function upstreamFor(upstream: UpstreamSource[], folder: string): UpstreamSource {
  const found = upstream.find((u) => u.folder === folder);
  if (!found) throw new CatalogSourceError(SCHEMA_SOURCES.sources, 1, `a row for ${folder}/`, '');
  return found;
}

export const RUNTIME_SOURCES = {
  kernels: 'onnxruntime/OperatorKernels.md',
  webgpu: 'onnxruntime/webgpu-operators.md',
  webnn: 'onnxruntime/webnn-operators.md',
  webgl: 'onnxruntime/webgl-operators.md',
  coremlMlProgram: 'onnxruntime/coreml_supported_mlprogram_ops.md',
  coremlNeuralNetwork: 'onnxruntime/coreml_supported_neuralnetwork_ops.md',
  nnapi: 'onnxruntime/nnapi_supported_ops.md',
  tensorrt: 'tensorrt/operators-10.15.md',
  tensorrtOlder: 'tensorrt/operators.md',
  tensorrtChangelog: 'tensorrt/Changelog.md',
  openvino: 'openvino/onnx_fe_supported_ops.tsv',
  sources: 'SOURCES.md',
} as const;

const ORT_PROVIDERS: Record<string, { id: RuntimeId; label: string }> = {
  CPUExecutionProvider: { id: 'ort-cpu', label: 'CPU' },
  CUDAExecutionProvider: { id: 'ort-cuda', label: 'CUDA' },
  DmlExecutionProvider: { id: 'ort-dml', label: 'DirectML' },
};

export function buildRuntimeCatalog(read: ReadSource): RuntimeCatalogData {
  const S = RUNTIME_SOURCES;
  const upstream = parseSources(read(S.sources), S.sources);
  const ort = upstreamFor(upstream, 'onnxruntime');
  const runtimes: RuntimeTableData[] = [];
  const typeLists = new TypeListTable();
  const table = (info: Omit<RuntimeInfo, 'product' | 'name'> & { product?: string; name?: string }, matching: RuntimeMatching, domains: Record<string, Record<string, RuntimeRow[]>>) => {
    const product = info.product ?? 'ONNX Runtime';
    runtimes.push({ info: { ...info, product, name: info.name ?? `${product} ${info.label}` } as RuntimeInfo, matching, domains: encodeDomains(domains, typeLists) });
  };
  for (const kernels of parseOperatorKernels(read(S.kernels), S.kernels)) {
    const provider = ORT_PROVIDERS[kernels.provider];
    if (!provider) throw new CatalogSourceError(S.kernels, 1, `a known execution provider (${Object.keys(ORT_PROVIDERS).join(', ')})`, kernels.provider);
    table({ id: provider.id, label: provider.label, name: `ONNX Runtime ${provider.label} (${kernels.provider})`, upstreamVersion: ort.version, source: S.kernels, versioned: true, typed: true }, 'kernel-range', kernels.domains);
  }
  table({ id: 'ort-webgpu', label: 'Web WebGPU', upstreamVersion: ort.version, source: S.webgpu, versioned: true, typed: false }, 'kernel-range', parseWebDomainTable(read(S.webgpu), S.webgpu, 'webgpu'));
  table({ id: 'ort-webnn', label: 'Web WebNN', upstreamVersion: ort.version, source: S.webnn, versioned: true, typed: false }, 'kernel-range', parseWebDomainTable(read(S.webnn), S.webnn, 'webnn'));
  table({ id: 'ort-webgl', label: 'Web WebGL', upstreamVersion: ort.version, source: S.webgl, versioned: true, typed: false }, 'kernel-range', parseWebGlTable(read(S.webgl), S.webgl));
  table({ id: 'ort-coreml-mlprogram', label: 'CoreML (ML Program)', upstreamVersion: ort.version, source: S.coremlMlProgram, versioned: false, typed: false }, 'op-list', parseMobileOpList(read(S.coremlMlProgram), S.coremlMlProgram));
  table({ id: 'ort-coreml-neuralnetwork', label: 'CoreML (NeuralNetwork)', upstreamVersion: ort.version, source: S.coremlNeuralNetwork, versioned: false, typed: false }, 'op-list', parseMobileOpList(read(S.coremlNeuralNetwork), S.coremlNeuralNetwork));
  table({ id: 'ort-nnapi', label: 'NNAPI', upstreamVersion: ort.version, source: S.nnapi, versioned: false, typed: false }, 'op-list', parseMobileOpList(read(S.nnapi), S.nnapi));

  const trt = parseTensorRtOperators(read(S.tensorrt), S.tensorrt);
  table({ id: 'tensorrt', product: 'TensorRT', label: 'ONNX parser', upstreamVersion: trt.headlineVersion, source: S.tensorrt, versioned: false, typed: true, opsetRange: trt.opsetRange }, 'op-list', { '': trt.ops });
  const older = parseTensorRtOperators(read(S.tensorrtOlder), S.tensorrtOlder);
  const release = latestTensorRtRelease(read(S.tensorrtChangelog), S.tensorrtChangelog);
  table({ id: 'tensorrt-10.1', product: 'TensorRT', label: 'ONNX parser', name: `TensorRT ONNX parser (onnx-tensorrt ${release}; its matrix is headed "TensorRT ${older.headlineVersion}")`, upstreamVersion: release, source: S.tensorrtOlder, versioned: false, typed: true, opsetRange: older.opsetRange }, 'op-list', { '': older.ops });

  const openvino = upstreamFor(upstream, 'openvino');
  table({ id: 'openvino', product: 'OpenVINO', label: 'ONNX frontend', upstreamVersion: `commit ${openvino.commit}`, source: S.openvino, versioned: true, typed: false }, 'converter-versions', parseOpenVinoTsv(read(S.openvino), S.openvino));

  return { format: CATALOG_FORMAT, upstream: upstream.filter((u) => u.folder !== 'onnx'), typeLists: typeLists.lists, runtimes };
}

/** Sorted domains and ops; each op's rows become one JSON string with interned type lists. */
function encodeDomains(domains: Record<string, Record<string, RuntimeRow[]>>, typeLists: TypeListTable): Record<string, Record<string, string>> {
  const sorted: Record<string, Record<string, string>> = {};
  for (const domain of Object.keys(domains).sort()) {
    sorted[domain] = {};
    for (const op of Object.keys(domains[domain]).sort()) sorted[domain][op] = JSON.stringify(domains[domain][op].map((r) => encodeRuntimeRow(r, typeLists)));
  }
  return sorted;
}

/** The exact bytes written to src/core/catalog/data/*.json (compact, newline-terminated). */
export function serializeCatalog(data: SchemaCatalogData | RuntimeCatalogData): string {
  return `${JSON.stringify(data)}\n`;
}

export const CATALOG_FILES = { schemas: 'schemas.json', runtimes: 'runtimes.json' } as const;
