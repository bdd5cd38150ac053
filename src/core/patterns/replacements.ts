// For each replacement of a rule: is it in the target opset, and does the chosen runtime implement it?
// Opset facts come from the catalog's resolveOp, runtime facts from its runtime tables.
import { normalizeDomain } from '../onnx/model';
import { resolveOp, runtimeSupport } from '../catalog';
import type { Params } from './matcher';
import { writesAttribute, type ReplacementInfo } from './rule-info';

export interface ReplacementStatus {
  target: ReplacementInfo['target'];
  domain: string;
  op: string;
  sinceOpset: number;
  /** The model's (or the requested) opset has the op; contrib and custom ops do not depend on the ai.onnx opset. */
  availableInTarget: boolean;
  /** null when no runtime was chosen or its table cannot tell. */
  runtimeSupported: boolean | null;
  /** Why, in one sentence (from the catalog). */
  reason: string;
  /** The replacement's attributes filled from the match's params. */
  attributes: Array<{ name: string; value: number | string | boolean }>;
  note?: string;
  /** See ReplacementInfo.partial. */
  partial?: true;
}

/** The replacement every view names for a match ("→ one X", "compared to one X node"): the first the target has
 *  that stands for the whole chain, in RULE_INFO's order (the standard op, then the runtime's, then a custom op);
 *  else the first the target has; else the first listed. */
export function preferredReplacement<R extends Pick<ReplacementStatus, 'availableInTarget' | 'partial'>>(replacements: readonly R[]): R | undefined {
  for (const r of replacements) if (r.availableInTarget && !r.partial) return r;
  for (const r of replacements) if (r.availableInTarget) return r;
  return replacements[0];
}

/** Availability answers per (replacement, runtime, opset): the catalog is asked once per scan, not per match.
 *  Keyed by objects and numbers, not a composed string. Each answer also keeps the finished statuses by their
 *  attribute values: the matches of one rule mostly share them (one epsilon for every norm of a model), and a
 *  status is read-only, so those matches share one object instead of keeping a copy each. */
export type StatusCache = Map<ReplacementInfo, Map<string | undefined, Map<number | undefined, CachedStatus>>>;

interface CachedStatus {
  status: Omit<ReplacementStatus, 'attributes'>;
  /** Finished statuses by attribute values, one Map level per attribute (keyed by the values themselves, so
   *  1 and '1' stay apart and a lookup builds no key string). */
  byValues: Map<unknown, unknown>;
}

/** The replacement's status for one match. Statuses from a cache are shared between matches: do not mutate them. */
export function replacementStatus(info: ReplacementInfo, params: Params, targetOpset: number | undefined, runtime: string | undefined, cache?: StatusCache): ReplacementStatus {
  let byRuntime = cache?.get(info);
  if (cache && !byRuntime) cache.set(info, (byRuntime = new Map()));
  let byOpset = byRuntime?.get(runtime);
  if (byRuntime && !byOpset) byRuntime.set(runtime, (byOpset = new Map()));
  let cached = byOpset?.get(targetOpset);
  if (!cached) {
    cached = { status: availability(info, targetOpset, runtime), byValues: new Map() };
    byOpset?.set(targetOpset, cached);
  }
  // Down the value levels; the last one holds the status.
  let level = cached.byValues;
  const last = info.attributes.length - 1;
  for (let k = 0; k < last; k++) {
    const value = params[info.attributes[k]!.fromParam];
    let next = level.get(value) as Map<unknown, unknown> | undefined;
    if (!next) level.set(value, (next = new Map()));
    level = next;
  }
  const lastValue = last >= 0 ? params[info.attributes[last]!.fromParam] : undefined;
  let result = level.get(lastValue) as ReplacementStatus | undefined;
  if (result) return result;
  const attributes: ReplacementStatus['attributes'] = [];
  for (const a of info.attributes) {
    const value = params[a.fromParam];
    if (value !== undefined && writesAttribute(a, value)) attributes.push({ name: a.name, value });
  }
  const status = cached.status;
  // Spelled out rather than `{ ...status, attributes }`: spreads of the many cached shapes go megamorphic.
  result = {
    target: status.target, domain: status.domain, op: status.op, sinceOpset: status.sinceOpset,
    availableInTarget: status.availableInTarget, runtimeSupported: status.runtimeSupported, reason: status.reason,
    attributes,
  };
  if (status.note !== undefined) result.note = status.note;
  if (status.partial) result.partial = true;
  if (cache) {
    // Shared from now on: frozen, so a consumer that writes to one match's status throws instead of changing all.
    for (const attribute of attributes) Object.freeze(attribute);
    Object.freeze(attributes);
    level.set(lastValue, Object.freeze(result));
  }
  return result;
}

function availability(info: ReplacementInfo, targetOpset: number | undefined, runtime: string | undefined): Omit<ReplacementStatus, 'attributes'> {
  const domain = normalizeDomain(info.domain);
  let availableInTarget = true;
  let reason = '';
  let schemaVersion = info.sinceOpset;
  if (info.target === 'onnx') {
    if (targetOpset === undefined) {
      availableInTarget = false;
      reason = 'the model imports no ai.onnx opset';
    } else {
      const resolved = safeResolve(domain, info.op, targetOpset);
      if (resolved === undefined) {
        // Without a usable catalog the replacement's own since-version still answers.
        availableInTarget = targetOpset >= info.sinceOpset;
        reason = `${info.op} is in ai.onnx from opset ${info.sinceOpset} (the catalog could not be read)`;
      } else if (resolved.ok) {
        schemaVersion = resolved.schema.sinceVersion;
        reason = `${info.op}-${schemaVersion} is in force at opset ${targetOpset}`;
      } else if (resolved.code === 'opset-too-new') {
        // The catalog cannot check this opset; the replacement's own since-version still can.
        availableInTarget = targetOpset >= info.sinceOpset;
        reason = resolved.message;
      } else {
        availableInTarget = false;
        reason = resolved.message;
      }
    }
  } else if (info.target === 'ort') {
    reason = `an ONNX Runtime contrib op (${domain || 'ai.onnx'} version ${info.sinceOpset})`;
  } else {
    reason = 'a custom op: available wherever its kernel is registered';
  }
  const result: Omit<ReplacementStatus, 'attributes'> = {
    target: info.target, domain, op: info.op, sinceOpset: info.sinceOpset, availableInTarget,
    runtimeSupported: null, reason,
  };
  if (info.note) result.note = info.note;
  if (info.partial) result.partial = true;
  if (runtime) {
    if (info.target === 'custom') {
      result.runtimeSupported = false;
      result.reason += `; ${runtime} has no kernel for it unless you register one`;
    } else {
      try {
        const support = runtimeSupport(runtime, domain, info.op, schemaVersion, undefined, targetOpset === undefined ? {} : { opsetVersion: Math.max(targetOpset, info.target === 'onnx' ? info.sinceOpset : 0) });
        result.runtimeSupported = support.status === 'supported' ? true : support.status === 'unsupported' ? false : null;
        result.reason += `; ${support.reason}`;
      } catch (error) {
        result.reason += `; ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  return result;
}

function safeResolve(domain: string, op: string, opset: number): ReturnType<typeof resolveOp> | undefined {
  try {
    return resolveOp(domain, op, opset);
  } catch {
    return undefined;
  }
}
