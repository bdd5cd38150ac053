// Loads the generated catalog JSON on first use (never at import time) and indexes it.
// `require` of a .json file is bundled by esbuild as a lazily-evaluated module, so the data costs nothing
// until the first lookup; vitest and Node resolve it natively.
import type { RuntimeCatalogData, RuntimeTableData, SchemaCatalogData, SchemaDomainData } from './data-format';
import { CATALOG_FORMAT } from './data-format';
import type { OpSchema } from './types';

export interface SchemaStore {
  data: SchemaCatalogData;
  /** Normalized domain → its data (ops ascending by sinceVersion). */
  domains: Map<string, SchemaDomainData>;
}

let schemaStore: SchemaStore | undefined;
let runtimeStore: Map<string, RuntimeTableData> | undefined;
let runtimeData: RuntimeCatalogData | undefined;

export function schemas(): SchemaStore {
  if (!schemaStore) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const data = require('./data/schemas.json') as SchemaCatalogData;
    checkFormat(data.format, 'schemas.json');
    schemaStore = { data, domains: new Map(data.domains.map((d) => [d.domain, d])) };
  }
  return schemaStore;
}

export function runtimes(): { data: RuntimeCatalogData; byId: Map<string, RuntimeTableData> } {
  if (!runtimeStore || !runtimeData) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runtimeData = require('./data/runtimes.json') as RuntimeCatalogData;
    checkFormat(runtimeData.format, 'runtimes.json');
    runtimeStore = new Map(runtimeData.runtimes.map((r) => [r.info.id, r]));
  }
  return { data: runtimeData, byId: runtimeStore };
}

/** Versions of one op, ascending; undefined when the domain or op is unknown. */
export function versionsOf(domain: string, opType: string): OpSchema[] | undefined {
  const data = schemas().domains.get(domain);
  return data && Object.prototype.hasOwnProperty.call(data.ops, opType) ? data.ops[opType] : undefined;
}

function checkFormat(format: number, file: string): void {
  if (format !== CATALOG_FORMAT) throw new Error(`catalog data ${file} has format ${format}, this build reads ${CATALOG_FORMAT}: run npm run catalog`);
}
