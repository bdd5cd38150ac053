// The shape of the generated JSON in ./data (written by scripts/catalog/generate.ts, read by ./store.ts).
// Changing it means regenerating: the sync test compares the committed files with the generator's output.
import type { RuntimeInfo } from './types';

export const CATALOG_FORMAT = 4;

/** One upstream input: which repository and commit/version it came from (from ../shared/onnx-data/SOURCES.md). */
export interface UpstreamSource {
  /** Folder under onnx-data, e.g. "onnx", "onnxruntime". */
  folder: string;
  repository: string;
  commit: string;
  /** e.g. "1.23.0" for ONNX, "1.27.0" for ONNX Runtime. */
  version: string;
}

export interface SchemaDomainData {
  /** "" for ai.onnx. */
  domain: string;
  /** The newest operator-set version of this domain that the upstream docs describe. */
  latestOpset: number;
  /** The upstream files the schemas came from, relative to ../shared/onnx-data. */
  sources: string[];
  /**
   * Op name → its versions, ascending by sinceVersion, as a JSON string of `StoredSchema[]` (see codec.ts). Nested
   * strings keep the first load cheap (one text scan, no per-parameter objects); an op is decoded on first lookup.
   */
  ops: Record<string, string>;
}

export interface SchemaCatalogData {
  format: number;
  upstream: UpstreamSource[];
  /** Distinct allowed-type lists of type constraints, referenced by index from the stored schemas. */
  typeLists: string[][];
  domains: SchemaDomainData[];
}

/**
 * How a table's rows decide support for the schema version in force (since-version `s`):
 * - `kernel-range`: a row whose inclusive [from, to] contains `s` (ORT kernels, ORT Web tables);
 * - `converter-versions`: the newest listed version ≤ `s` (OpenVINO's frontend picks converters that way);
 * - `op-list`: the op is listed (CoreML, NNAPI) or listed with Y (TensorRT), whatever the version.
 */
export type RuntimeMatching = 'kernel-range' | 'converter-versions' | 'op-list';

export interface RuntimeRow {
  /** The version cell as written upstream ("[6, 12]", "13+", "7-12"), when there is one. */
  range?: string;
  /** kernel-range: inclusive bounds; `to` null means open-ended ("13+"). */
  from?: number;
  to?: number | null;
  /** converter-versions: the listed versions, descending. */
  versions?: number[];
  /** False when the table lists the op as not supported (TensorRT "N", an empty WebGL cell). */
  supported?: boolean;
  /** ORT kernels: types per constraint; other tables: one flat list. Always ONNX spellings like `tensor(float)`. */
  types?: Record<string, string[]> | string[];
  /** Restrictions / comments / limitations, verbatim. */
  note?: string;
}

/** A row as stored: `types` refers to `RuntimeCatalogData.typeLists` by index (per constraint, or one list). */
export type StoredRuntimeRow = Omit<RuntimeRow, 'types'> & { types?: Record<string, number> | number };

export interface RuntimeTableData {
  info: RuntimeInfo;
  matching: RuntimeMatching;
  /** Normalized domain ("" for ai.onnx) → op → its rows as a JSON string of `StoredRuntimeRow[]` (decoded on first use). */
  domains: Record<string, Record<string, string>>;
}

export interface RuntimeCatalogData {
  format: number;
  upstream: UpstreamSource[];
  /** Distinct type lists of all tables, referenced by index from the stored rows. */
  typeLists: string[][];
  runtimes: RuntimeTableData[];
}
