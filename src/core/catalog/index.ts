// The catalog's public face: schema resolution, history, rendering and runtime coverage.
// Data loads on first use (see ./store.ts), never at import time.
export type * from './types';
export { UNBOUNDED_ARITY } from './types';
export { resolveOp, opHistory, listSchemas, latestOpset, knownDomains, importedVersion, domainLabel, schemaSources } from './resolve';
export type { ListedSchema } from './resolve';
export { diffSchemas, describeDiff, isEmptyDiff } from './diff';
export { renderSchemaMarkdown, signature, escapeMarkdown, formatAttributeValue } from './render';
export type { RenderOptions } from './render';
export { runtimeSupport, listRuntimes, runtimeInfo, runtimeProvenance, normalizeTypeName } from './runtime';
export type { RuntimeQueryContext } from './runtime';
