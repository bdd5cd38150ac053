// Runtime coverage: does runtime R implement (domain, op) at the schema version in force, for these types?
// Answers come from the generated tables (ORT kernels per EP, ORT Web/mobile lists, TensorRT, OpenVINO) and say
// which upstream version they are "per".
import { normalizeDomain } from '../onnx/model';
import type { RuntimeRow, RuntimeTableData } from './data-format';
import { runtimeRows, runtimes } from './store';
import type { RuntimeId, RuntimeInfo, RuntimeSupport } from './types';

export function listRuntimes(): RuntimeInfo[] {
  return runtimes().data.runtimes.map((r) => r.info);
}

export function runtimeInfo(runtimeId: RuntimeId | string): RuntimeInfo | undefined {
  return runtimes().byId.get(runtimeId)?.info;
}

/** "per ONNX Runtime 1.27.0", "per TensorRT 10.15", "per OpenVINO commit 0ae60f0ffec9": the phrase reports use. */
export function runtimeProvenance(info: RuntimeInfo): string {
  return `per ${info.product} ${info.upstreamVersion}`;
}

export interface RuntimeQueryContext {
  /** The model's imported opset for the op's domain; TensorRT checks it against its supported opset range. */
  opsetVersion?: number;
}

/**
 * Looks an op up in one runtime table. `sinceVersionInForce` is the since-version of the schema resolved by
 * `resolveOp` (kernels are registered per since-version). `dataTypes` are ONNX type names (`float`,
 * `tensor(float16)`, `FLOAT16` all work), either a flat list or per type-constraint name (ORT kernels).
 */
export function runtimeSupport(
  runtimeId: RuntimeId | string,
  domain: string,
  opType: string,
  sinceVersionInForce: number,
  dataTypes?: string[] | Record<string, string[]>,
  context: RuntimeQueryContext = {},
): RuntimeSupport {
  const table = runtimes().byId.get(runtimeId);
  if (!table) {
    throw new Error(`unknown runtime '${runtimeId}' (known: ${[...runtimes().byId.keys()].join(', ')})`);
  }
  const info = table.info;
  const who = `${info.product} ${info.upstreamVersion} ${info.label}`;
  const d = normalizeDomain(domain);
  const qualified = d === '' ? opType : `${d}::${opType}`;
  const answer = (status: RuntimeSupport['status'], reason: string, row?: RuntimeRow): RuntimeSupport => {
    const result: RuntimeSupport = { status, reason, runtime: info };
    if (row?.range) result.versionRange = row.range;
    if (row?.types) result.types = row.types;
    if (row?.note) result.restrictions = row.note;
    return result;
  };

  const domainRows = table.domains[d];
  if (!domainRows) {
    const knownDomains = Object.keys(table.domains).map((x) => x || 'ai.onnx').join(', ');
    // Tables list what a runtime has: a domain it never mentions has no kernels there (ORT), or is outside the table (others).
    return table.matching === 'kernel-range' && info.typed
      ? answer('unsupported', `${who} registers no kernels in domain '${d || 'ai.onnx'}' (it has ${knownDomains}).`)
      : answer('unknown', `${who}'s table does not cover domain '${d || 'ai.onnx'}' (it lists ${knownDomains}).`);
  }
  const rows = lookupRows(table, d, opType);
  if (!rows) return answer('unsupported', `${who} does not list ${qualified}.`);

  if (info.opsetRange && d === '') {
    const [low, high] = info.opsetRange;
    if (sinceVersionInForce > high) return answer('unsupported', `${who} parses opsets ${low} to ${high}; ${opType}-${sinceVersionInForce} is newer.`, rows[0]);
    if (context.opsetVersion !== undefined && (context.opsetVersion < low || context.opsetVersion > high)) {
      return answer('unsupported', `${who} parses opsets ${low} to ${high}; the model imports opset ${context.opsetVersion}.`, rows[0]);
    }
  }

  let row: RuntimeRow | undefined;
  let via = '';
  switch (table.matching) {
    case 'kernel-range': {
      if (rows.every((r) => r.supported === false)) return answer('unsupported', `${who} lists ${qualified} without any implemented version.`, rows[0]);
      row = rows.find((r) => r.from !== undefined && r.from <= sinceVersionInForce && (r.to === null || r.to === undefined || sinceVersionInForce <= r.to));
      if (!row) {
        const ranges = rows.filter((r) => r.range).map((r) => r.range).join(', ');
        return answer('unsupported', `${who} registers ${qualified} for opset versions ${ranges}, not for ${opType}-${sinceVersionInForce}.`);
      }
      via = ` (kernel ${row.range})`;
      break;
    }
    case 'converter-versions': {
      row = rows[0];
      const versions = row.versions ?? [];
      if (row.supported === false || versions.length === 0) return answer('unsupported', `${who} knows ${qualified} but has no converter for it.`, row);
      const used = versions.find((v) => v <= sinceVersionInForce);
      if (used === undefined) return answer('unsupported', `${who} converts ${qualified} from version ${Math.min(...versions)}, not ${opType}-${sinceVersionInForce}.`, row);
      via = used === sinceVersionInForce ? ` (converter ${used})` : ` (its converter for version ${used} handles ${opType}-${sinceVersionInForce})`;
      break;
    }
    case 'op-list': {
      row = rows[0];
      if (row.supported === false) return answer('unsupported', `${who} marks ${qualified} as not supported.`, row);
      break;
    }
  }
  if (!row) return answer('unknown', `${who}: no row for ${qualified}.`);

  if (dataTypes && row.types) {
    const missing = missingTypes(row.types, dataTypes);
    if (missing.length > 0) {
      const result = answer('unsupported', `${who} implements ${qualified}${via} but not for type ${missing.join(', ')}.`, row);
      result.missingTypes = missing;
      return result;
    }
  }
  const restriction = row.note ? ` Note: ${row.note}` : '';
  const typeNote = dataTypes && !row.types && info.typed ? ' (no type list to check against)' : '';
  return answer('supported', `${who} implements ${qualified}${via}${typeNote}.${restriction}`, row);
}

/** Exact name first; then a case-insensitive match (upstream lists contain e.g. "Argmax" for ArgMax). */
function lookupRows(table: RuntimeTableData, domain: string, opType: string): RuntimeRow[] | undefined {
  const exact = runtimeRows(table, domain, opType);
  if (exact) return exact;
  const lower = opType.toLowerCase();
  const name = Object.keys(table.domains[domain] ?? {}).find((k) => k.toLowerCase() === lower);
  return name ? runtimeRows(table, domain, name) : undefined;
}

/** Normalizes `float`, `FLOAT`, `tensor(float)` to `tensor(float)`; leaves `seq(…)`, `map(…)`, `optional(…)` as they are. */
export function normalizeTypeName(type: string): string {
  const t = type.trim();
  if (/^(tensor|seq|map|optional|sparse_tensor)\(/.test(t)) return t;
  return `tensor(${t.toLowerCase()})`;
}

function missingTypes(rowTypes: Record<string, string[]> | string[], asked: string[] | Record<string, string[]>): string[] {
  const missing: string[] = [];
  if (Array.isArray(rowTypes)) {
    const allowed = new Set(rowTypes);
    const flat = Array.isArray(asked) ? asked : Object.values(asked).flat();
    for (const t of flat.map(normalizeTypeName)) if (!allowed.has(t) && !missing.includes(t)) missing.push(t);
    return missing;
  }
  if (Array.isArray(asked)) {
    const allowed = new Set(Object.values(rowTypes).flat());
    for (const t of asked.map(normalizeTypeName)) if (!allowed.has(t) && !missing.includes(t)) missing.push(t);
    return missing;
  }
  for (const [constraint, types] of Object.entries(asked)) {
    const allowed = rowTypes[constraint];
    if (!allowed) continue; // the kernel does not constrain this name (e.g. a fixed-type input)
    for (const t of types.map(normalizeTypeName)) if (!allowed.includes(t) && !missing.includes(t)) missing.push(t);
  }
  return missing;
}
