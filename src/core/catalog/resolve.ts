// The single source of truth for "which schema version is in force": a node's (domain, op_type) against the
// model's opset imports. Also op history, listings and the catalog's known domains.
import { normalizeDomain, type OperatorSetId } from '../onnx/model';
import { opNames, runtimeRows, runtimes, schemas, versionsOf } from './store';
import type { OpSchema, Resolution } from './types';

/** How a domain is named in messages: "ai.onnx" for the default domain. */
export function domainLabel(domain: string): string {
  const d = normalizeDomain(domain);
  return d === '' ? 'ai.onnx' : d;
}

/** The opset version a model imports for `domain` ("" and "ai.onnx" are one domain); undefined if not imported. */
export function importedVersion(domain: string, opsetImport: OperatorSetId[]): number | undefined {
  const d = normalizeDomain(domain);
  const found = opsetImport.find((o) => normalizeDomain(o.domain) === d);
  return found?.version;
}

/**
 * Resolves a node to the schema version in force: the newest since-version ≤ the imported opset of its domain.
 * `opsetImport` is the model's (or function's) opset_import list, or directly the imported version of `domain`.
 */
export function resolveOp(domain: string, opType: string, opsetImport: OperatorSetId[] | number): Resolution {
  const d = normalizeDomain(domain);
  const label = domainLabel(d);
  const domainData = schemas().domains.get(d);
  if (!domainData) {
    return { ok: false, code: 'unknown-domain', message: `The bundled catalog has no schemas for domain '${label}' (it knows ${knownDomains().map(domainLabel).join(', ')}).` };
  }
  const version = typeof opsetImport === 'number' ? opsetImport : importedVersion(d, opsetImport);
  if (version === undefined) {
    return { ok: false, code: 'domain-not-imported', message: `${opType} is in domain '${label}', which the model does not import (no opset_import entry for it).` };
  }
  const versions = versionsOf(d, opType);
  if (!versions || versions.length === 0) {
    return { ok: false, code: 'unknown-op', opsetVersion: version, message: `${opType} is not an operator of domain '${label}' in the bundled catalog.${runtimeOnlyNote(d, opType)}` };
  }
  const latest = domainData.latestOpset;
  if (version > latest) {
    return {
      ok: false, code: 'opset-too-new', opsetVersion: version, latestKnownOpset: latest,
      message: `The model imports ${label} opset ${version}, newer than the bundled catalog knows (up to ${latest}); ${opType} cannot be checked against it.`,
    };
  }
  let inForce: OpSchema | undefined;
  for (const v of versions) if (v.sinceVersion <= version) inForce = v;
  if (!inForce) {
    const first = versions[0].sinceVersion;
    return {
      ok: false, code: 'op-not-in-opset', opsetVersion: version, firstOpset: first,
      message: `${opType} was introduced in ${label} opset ${first}; the model imports opset ${version}.`,
    };
  }
  const schema = inForce;
  return { ok: true, schema, opsetVersion: version, newerVersions: versions.filter((v) => v.sinceVersion > schema.sinceVersion).map((v) => v.sinceVersion) };
}

/** Every version of an op, ascending by sinceVersion; [] when unknown. */
export function opHistory(domain: string, opType: string): OpSchema[] {
  return [...(versionsOf(normalizeDomain(domain), opType) ?? [])];
}

export interface ListedSchema {
  domain: string;
  name: string;
  sinceVersion: number;
  deprecated: boolean;
}

/**
 * Every (domain, name, sinceVersion) in force. `opset` applies to `domain` (default ai.onnx when only `opset` is
 * given); without `opset` each domain is listed at its latest version. Sorted by domain, then name.
 */
export function listSchemas(options: { domain?: string; opset?: number } = {}): ListedSchema[] {
  const wanted = options.domain !== undefined ? [normalizeDomain(options.domain)] : options.opset !== undefined ? [''] : knownDomains();
  const listed: ListedSchema[] = [];
  for (const d of wanted) {
    const data = schemas().domains.get(d);
    if (!data) continue;
    const version = options.opset ?? data.latestOpset;
    for (const name of opNames(d)) {
      const resolution = resolveOp(d, name, version);
      if (resolution.ok) listed.push({ domain: d, name, sinceVersion: resolution.schema.sinceVersion, deprecated: resolution.schema.deprecated });
    }
  }
  return listed;
}

/** The newest opset version the catalog knows for a domain; undefined for unknown domains. */
export function latestOpset(domain: string): number | undefined {
  return schemas().domains.get(normalizeDomain(domain))?.latestOpset;
}

/** Normalized domains ("" for ai.onnx) the catalog has schemas for, sorted. */
export function knownDomains(): string[] {
  return [...schemas().domains.keys()].sort();
}

/** Upstream provenance of the schema catalog, e.g. [{ folder: 'onnx', version: '1.23.0', … }]. */
export function schemaSources() {
  return schemas().data.upstream;
}

/**
 * ORT registers kernels for a few ops that have no ONNX schema in that domain (SimplifiedLayerNormalization in
 * ai.onnx, removed experimental ops such as Affine): say so, since such a model runs on ORT but nowhere else.
 */
function runtimeOnlyNote(domain: string, opType: string): string {
  const registeredBy = runtimes().data.runtimes
    .filter((table) => table.info.id.startsWith('ort-') && table.matching === 'kernel-range' && table.info.typed && runtimeRows(table, domain, opType))
    .map((table) => table.info.label);
  if (registeredBy.length === 0) return '';
  const info = runtimes().data.runtimes[0].info;
  return ` It is not an ONNX standard op, but ${info.product} ${info.upstreamVersion} registers a kernel for it (${registeredBy.join(', ')}).`;
}
