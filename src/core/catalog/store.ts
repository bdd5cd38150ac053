// Loads the generated catalog JSON on first use (never at import time) and decodes each op on its first lookup.
// The build keeps the two .json files out of the bundles (dist/data/, next to them), so the data costs nothing
// until the first lookup, not even compile time at start-up; vitest and Node resolve the `require` natively.
// Each op's versions / runtime rows are nested JSON strings (see data-format.ts), so the first load only scans
// text and an op costs one small JSON.parse when first used.
import { decodeRuntimeRow, decodeSchema, type StoredSchema } from './codec';
import type { RuntimeCatalogData, RuntimeRow, RuntimeTableData, SchemaCatalogData, SchemaDomainData, StoredRuntimeRow } from './data-format';
import { CATALOG_FORMAT } from './data-format';
import type { OpSchema } from './types';

export interface SchemaStore {
  data: SchemaCatalogData;
  /** Normalized domain → its data. */
  domains: Map<string, SchemaDomainData>;
  /** Decoded ops, keyed "domain\0op". */
  decoded: Map<string, OpSchema[]>;
}

let schemaStore: SchemaStore | undefined;
let runtimeStore: { data: RuntimeCatalogData; byId: Map<string, RuntimeTableData>; decoded: Map<string, RuntimeRow[]> } | undefined;

export function schemas(): SchemaStore {
  if (!schemaStore) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('./data/schemas.json') as SchemaCatalogData;
    checkFormat(data.format, 'schemas.json');
    schemaStore = { data, domains: new Map(data.domains.map((d) => [d.domain, d])), decoded: new Map() };
  }
  return schemaStore;
}

export function runtimes(): NonNullable<typeof runtimeStore> {
  if (!runtimeStore) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('./data/runtimes.json') as RuntimeCatalogData;
    checkFormat(data.format, 'runtimes.json');
    runtimeStore = { data, byId: new Map(data.runtimes.map((r) => [r.info.id, r])), decoded: new Map() };
  }
  return runtimeStore;
}

/** Op names of a domain, sorted; [] for an unknown domain. */
export function opNames(domain: string): string[] {
  const data = schemas().domains.get(domain);
  return data ? Object.keys(data.ops).sort() : [];
}

/** Versions of one op, ascending; undefined when the domain or op is unknown. Callers must not mutate them. */
export function versionsOf(domain: string, opType: string): OpSchema[] | undefined {
  const store = schemas();
  const data = store.domains.get(domain);
  if (!data || !Object.prototype.hasOwnProperty.call(data.ops, opType)) return undefined;
  const key = `${domain}\u0000${opType}`;
  let versions = store.decoded.get(key);
  if (!versions) {
    versions = (JSON.parse(data.ops[opType]) as StoredSchema[]).map((s) => decodeSchema(domain, opType, s, store.data.typeLists));
    store.decoded.set(key, versions);
  }
  return versions;
}

/** A runtime table's rows for one op (exact name), decoded on first use; undefined when not listed. */
export function runtimeRows(table: RuntimeTableData, domain: string, opType: string): RuntimeRow[] | undefined {
  const ops = table.domains[domain];
  if (!ops || !Object.prototype.hasOwnProperty.call(ops, opType)) return undefined;
  const store = runtimes();
  const key = `${table.info.id}\u0000${domain}\u0000${opType}`;
  let rows = store.decoded.get(key);
  if (!rows) {
    rows = (JSON.parse(ops[opType]) as StoredRuntimeRow[]).map((r) => decodeRuntimeRow(r, store.data.typeLists));
    store.decoded.set(key, rows);
  }
  return rows;
}

function checkFormat(format: number, file: string): void {
  if (format !== CATALOG_FORMAT) throw new Error(`catalog data ${file} has format ${format}, this build reads ${CATALOG_FORMAT}: run npm run catalog`);
}

/** Which data files have been loaded so far (diagnostics and the lazy-loading test). */
export function loadedParts(): { schemas: boolean; runtimes: boolean } {
  return { schemas: schemaStore !== undefined, runtimes: runtimeStore !== undefined };
}
