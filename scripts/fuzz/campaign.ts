// A fuzz campaign: generate the cases, run each through the pipeline, keep the tally, the failures, the slowest
// case and the peak memory. Shared by the bounded CI test and the long-running script.
import { mutationsOf, nestingModels, wideModels, type CaseKind, type FuzzCase, type MutationBudget, type SeedModel } from './cases';
import { runCase, type Outcome } from './pipeline';
import { Random } from './random';

export interface CampaignOptions {
  seed: number;
  seeds: SeedModel[];
  budget: MutationBudget;
  /** Include the hand-made hostile models (deep nesting, enormous fan-out). */
  hostile: boolean;
  /** Size of the enormous models: 1 is full size. Default 1. */
  wideScale?: number;
  /** A case running longer than this is a failure. */
  timeBoundMs: number;
  /** Stop generating after this many cases (the rest of the campaign is not run). */
  maxCases?: number;
  /** Called after each case, e.g. for progress output. */
  onCase?: (c: FuzzCase, outcome: Outcome, ms: number) => void;
}

export interface Tally {
  cases: number;
  models: number;
  readErrors: number;
  failures: number;
}

export interface CampaignResult extends Tally {
  byKind: Partial<Record<CaseKind, Tally>>;
  failed: Array<{ id: string; stage: string; error: string }>;
  slowest: { id: string; ms: number };
  peakRssMb: number;
  elapsedMs: number;
}

export function* campaignCases(options: CampaignOptions): Generator<FuzzCase> {
  const random = new Random(options.seed);
  let count = 0;
  const limit = options.maxCases ?? Number.POSITIVE_INFINITY;
  if (options.hostile) {
    for (const c of [...nestingModels(), ...wideModels(options.wideScale ?? 1)]) {
      if (count++ >= limit) return;
      yield c;
    }
  }
  for (const seed of options.seeds) {
    for (const c of mutationsOf(seed, options.seeds, options.budget, random)) {
      if (count++ >= limit) return;
      yield c;
    }
  }
}

export function runCampaign(options: CampaignOptions): CampaignResult {
  const empty = (): Tally => ({ cases: 0, models: 0, readErrors: 0, failures: 0 });
  const result: CampaignResult = { ...empty(), byKind: {}, failed: [], slowest: { id: '', ms: 0 }, peakRssMb: 0, elapsedMs: 0 };
  const started = performance.now();
  for (const c of campaignCases(options)) {
    const t0 = performance.now();
    let outcome = runCase(c.bytes, c.id);
    const ms = performance.now() - t0;
    if (outcome.kind !== 'failure' && ms > options.timeBoundMs) outcome = { kind: 'failure', stage: 'time', error: `took ${ms.toFixed(0)} ms (bound ${options.timeBoundMs} ms)` };
    const kind = (result.byKind[c.kind] ??= empty());
    for (const tally of [result, kind]) {
      tally.cases++;
      if (outcome.kind === 'model') tally.models++;
      else if (outcome.kind === 'read-error') tally.readErrors++;
      else tally.failures++;
    }
    if (outcome.kind === 'failure') result.failed.push({ id: c.id, stage: outcome.stage, error: outcome.error });
    if (ms > result.slowest.ms) result.slowest = { id: c.id, ms };
    if (result.cases % 64 === 0) result.peakRssMb = Math.max(result.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
    options.onCase?.(c, outcome, ms);
  }
  result.peakRssMb = Math.max(result.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
  result.elapsedMs = performance.now() - started;
  return result;
}

/** The figures as lines of text: totals, then one line per case kind. */
export function formatResult(r: CampaignResult): string {
  const line = (label: string, t: Tally) => `${label.padEnd(18)} ${String(t.cases).padStart(7)} cases: ${String(t.models).padStart(6)} models, ${String(t.readErrors).padStart(6)} OnnxReadError, ${t.failures} failures`;
  const lines = [line('total', r), ...Object.entries(r.byKind).map(([k, t]) => line(`  ${k}`, t!))];
  lines.push(`slowest case ${r.slowest.ms.toFixed(1)} ms (${r.slowest.id}); peak RSS ${r.peakRssMb.toFixed(0)} MB; ${(r.elapsedMs / 1000).toFixed(1)} s`);
  for (const f of r.failed.slice(0, 20)) lines.push(`FAILURE ${f.id} [${f.stage}] ${f.error}`);
  if (r.failed.length > 20) lines.push(`… ${r.failed.length - 20} more failures`);
  return lines.join('\n');
}
