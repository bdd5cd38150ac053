// The long fuzz run: every torch fixture and every corpus model as seeds (or the CI set), many mutations each,
// and the hostile models at full size. Cases run in a worker thread with a heap limit, watched by this thread:
// a case that does not finish within the hang bound (a real hang, which an in-process timer could not see) or
// that exhausts the heap is recorded as a failure and the worker restarts after it.
//
//   node scripts/run-ts.mjs scripts/fuzz/run.ts [--seed N] [--set ci|all] [--truncations N] [--flips N]
//        [--forged N] [--structural N] [--max-cases N] [--time-bound MS] [--hang-bound MS] [--heap-mb N]
//
// Prints the count of cases and their outcomes per kind; exits 1 when any case failed.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { campaignCases, formatResult, type CampaignOptions, type CampaignResult, type Tally } from './campaign';
import type { CaseKind } from './cases';
import { runCase, type Outcome } from './pipeline';
import { seedModels } from './seeds';

interface RunSettings {
  seed: number;
  set: 'ci' | 'all';
  budget: CampaignOptions['budget'];
  maxCases?: number;
  timeBoundMs: number;
  hangBoundMs: number;
  heapMb: number;
  repoRoot: string;
}

type WorkerMessage =
  | { type: 'start'; index: number; id: string; kind: CaseKind }
  | { type: 'done'; index: number; id: string; kind: CaseKind; outcome: Outcome; ms: number; rssMb: number }
  | { type: 'end' };

function parseArgs(argv: string[]): RunSettings {
  const value = (flag: string, fallback: string): string => {
    const at = argv.indexOf(flag);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1]! : fallback;
  };
  const int = (flag: string, fallback: number): number => {
    const parsed = Number(value(flag, String(fallback)));
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${flag} wants a non-negative number`);
    return parsed;
  };
  const set = value('--set', 'all');
  if (set !== 'ci' && set !== 'all') throw new Error('--set is ci or all');
  const maxCases = argv.includes('--max-cases') ? int('--max-cases', 0) : undefined;
  return {
    seed: int('--seed', 1),
    set,
    budget: { truncations: int('--truncations', 200), flips: int('--flips', 100), forgedLengths: int('--forged', 50), structural: int('--structural', 100) },
    maxCases,
    timeBoundMs: int('--time-bound', 10_000),
    hangBoundMs: int('--hang-bound', 60_000),
    heapMb: int('--heap-mb', 2048),
    repoRoot: process.cwd(),
  };
}

/** Worker side: run cases from `startAt`, reporting each start and result. */
function workerMain(settings: RunSettings, startAt: number): void {
  const options: CampaignOptions = { seed: settings.seed, seeds: seedModels(settings.repoRoot, { set: settings.set }), budget: settings.budget, hostile: true, timeBoundMs: settings.timeBoundMs, maxCases: settings.maxCases };
  let index = 0;
  for (const c of campaignCases(options)) {
    if (index < startAt) {
      index++;
      continue;
    }
    parentPort!.postMessage({ type: 'start', index, id: c.id, kind: c.kind } satisfies WorkerMessage);
    const t0 = performance.now();
    const outcome = runCase(c.bytes, c.id);
    const ms = performance.now() - t0;
    parentPort!.postMessage({ type: 'done', index, id: c.id, kind: c.kind, outcome, ms, rssMb: process.memoryUsage.rss() / 2 ** 20 } satisfies WorkerMessage);
    index++;
  }
  parentPort!.postMessage({ type: 'end' } satisfies WorkerMessage);
}

async function main(): Promise<void> {
  const settings = parseArgs(process.argv.slice(2));
  const empty = (): Tally => ({ cases: 0, models: 0, readErrors: 0, failures: 0 });
  const result: CampaignResult = { ...empty(), byKind: {}, failed: [], slowest: { id: '', ms: 0 }, peakRssMb: 0, elapsedMs: 0 };
  const started = performance.now();
  const record = (id: string, kind: CaseKind, outcome: Outcome, ms: number): void => {
    if (outcome.kind !== 'failure' && ms > settings.timeBoundMs) outcome = { kind: 'failure', stage: 'time', error: `took ${ms.toFixed(0)} ms (bound ${settings.timeBoundMs} ms)` };
    const byKind = (result.byKind[kind] ??= empty());
    for (const tally of [result, byKind]) {
      tally.cases++;
      if (outcome.kind === 'model') tally.models++;
      else if (outcome.kind === 'read-error') tally.readErrors++;
      else tally.failures++;
    }
    if (outcome.kind === 'failure') {
      result.failed.push({ id, stage: outcome.stage, error: outcome.error });
      console.log(`FAILURE ${id} [${outcome.stage}] ${outcome.error}`);
    }
    if (ms > result.slowest.ms) result.slowest = { id, ms };
    if (result.cases % 1000 === 0) console.log(`… ${result.cases} cases (${result.models} models, ${result.readErrors} OnnxReadError, ${result.failures} failures)`);
  };

  let startAt = 0;
  for (;;) {
    const next = await new Promise<number | undefined>((resolve) => {
      const worker = new Worker(__filename, { workerData: { settings, startAt }, resourceLimits: { maxOldGenerationSizeMb: settings.heapMb } });
      let current: { index: number; id: string; kind: CaseKind; since: number } | undefined;
      let settled = false;
      const finish = (value: number | undefined): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        void worker.terminate();
        resolve(value);
      };
      const watchdog = setInterval(() => {
        if (current && performance.now() - current.since > settings.hangBoundMs) {
          record(current.id, current.kind, { kind: 'failure', stage: 'hang', error: `no result after ${settings.hangBoundMs} ms` }, performance.now() - current.since);
          finish(current.index + 1);
        }
      }, 250);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'start') current = { index: m.index, id: m.id, kind: m.kind, since: performance.now() };
        else if (m.type === 'done') {
          current = undefined;
          result.peakRssMb = Math.max(result.peakRssMb, m.rssMb);
          record(m.id, m.kind, m.outcome, m.ms);
        } else finish(undefined);
      });
      worker.on('error', (error) => {
        // Heap exhaustion (ERR_WORKER_OUT_OF_MEMORY) or a crash outside runCase: blame the running case.
        if (current) {
          record(current.id, current.kind, { kind: 'failure', stage: 'memory', error: `${error.name}: ${error.message}` }, performance.now() - current.since);
          finish(current.index + 1);
        } else {
          // Outside any case (loading the seeds, generating cases): the run cannot go on, and must not pass.
          result.failures++;
          result.failed.push({ id: `worker after case ${startAt}`, stage: 'worker', error: `${error.name}: ${error.message}` });
          finish(undefined);
        }
      });
      worker.on('exit', () => finish(undefined));
    });
    if (next === undefined) break;
    startAt = next;
  }
  result.peakRssMb = Math.max(result.peakRssMb, process.memoryUsage.rss() / 2 ** 20);
  result.elapsedMs = performance.now() - started;
  console.log(`fuzz run: seed ${settings.seed}, seeds '${settings.set}', budget ${JSON.stringify(settings.budget)}, time bound ${settings.timeBoundMs} ms, hang bound ${settings.hangBoundMs} ms, worker heap ${settings.heapMb} MB`);
  console.log(formatResult(result));
  process.exitCode = result.failures > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  });
} else {
  const data = workerData as { settings: RunSettings; startAt: number };
  workerMain(data.settings, data.startAt);
}
