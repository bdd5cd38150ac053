// `npm run bench`: the reader against Python's onnx.load on the same files, in the same run.
//   1. a ~1.5 GB single-file model (200 float32 weights, 20,000 nodes): target ≥ 20× faster, peak RSS < 150 MB;
//   2. a 200,000-node model: target no slower than onnx.load.
// Models are generated into a temporary folder (never the repo) and deleted afterwards unless --keep.
// Options: --only large|nodes, --reps N, --keep, --dir DIR.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPerCore, machine, measure, median, python, table } from './harness';
import type { WrittenModel } from './generators';
import { writeLargeWeightsModel, writeManyNodesModel } from './generators';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('--only');
const repetitions = Number(option('--reps') ?? 3);
const keep = args.includes('--keep');
const repoRoot = resolve(__dirname_of(), '..', '..');
const benchDir = join(repoRoot, 'scripts', 'bench');
const cli = join(repoRoot, 'dist', 'cli.js');
const dir = option('--dir') ?? mkdtempSync(join(tmpdir(), 'onnx-coverage-bench-'));

function __dirname_of(): string {
  // Bundled into a temp file by run.mjs, which passes the repo's scripts/bench folder.
  return process.env.BENCH_DIR ?? join(process.cwd(), 'scripts', 'bench');
}

interface Case {
  key: string;
  title: string;
  generate: (path: string) => WrittenModel;
  check: (ratio: number, rssMiB: number) => string;
}

const cases: Case[] = [
  {
    key: 'large', title: '1.5 GB model, 200 weights, 20,000 nodes',
    generate: (path) => writeLargeWeightsModel(path),
    check: (ratio, rss) => `target ≥ 20× and < 150 MB: ${ratio >= 20 && rss < 150 ? 'MET' : 'MISSED'}`,
  },
  {
    key: 'nodes', title: '200,000-node model',
    generate: (path) => writeManyNodesModel(path),
    check: (ratio) => `target no slower than onnx.load: ${ratio >= 1 ? 'MET' : 'MISSED'}`,
  },
];

console.log(`machine: ${machine()}`);
const busy = loadPerCore();
if (busy > 1) console.log(`note: the machine is busy (load ${busy.toFixed(1)} per core): wall times include waiting; compare CPU times`);
console.log(`models in ${dir}${keep ? ' (kept)' : ''}; ${repetitions} measured runs after one warm-up; median wall time, max peak RSS\n`);
try {
  for (const c of cases.filter((x) => !only || x.key === only)) {
    const path = join(dir, `${c.key}.onnx`);
    const started = performance.now();
    const model = c.generate(path);
    console.log(`== ${c.title}: ${(model.bytes / 1e9).toFixed(2)} GB, ${model.nodes} nodes, ${model.weights} weights (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const ours = measure('onnx-coverage inspect --json', [process.execPath, cli, 'inspect', '--json', path], benchDir, repetitions);
    const theirs = measure('python onnx.load (process)', [python, join(benchDir, 'onnx_load.py'), path], benchDir, repetitions);
    const summary = JSON.parse(ours.stdout) as { nodeCount: number; opHistogram: Record<string, number> };
    const loads = theirs.runs.map((r) => JSON.parse(r.stdout) as { loadSeconds: number; loadCpuSeconds: number });
    const loadSeconds = median(loads.map((l) => l.loadSeconds));
    const loadCpuSeconds = median(loads.map((l) => l.loadCpuSeconds));
    if (summary.nodeCount !== model.nodes || JSON.stringify(sorted(summary.opHistogram)) !== JSON.stringify(sorted(model.opHistogram))) {
      throw new Error(`inspect found ${summary.nodeCount} nodes / ${JSON.stringify(summary.opHistogram)}, the generator wrote ${model.nodes} / ${JSON.stringify(model.opHistogram)}`);
    }
    // Conservative headline: python's onnx.load call alone against our whole process (Node start-up included).
    const ratio = loadSeconds / ours.wallSeconds;
    const cpuRatio = loadCpuSeconds / ours.cpuSeconds;
    console.log(table([
      ['', 'wall s', 'CPU s', 'peak RSS MiB'],
      ['onnx-coverage inspect --json (whole process)', ours.wallSeconds.toFixed(3), ours.cpuSeconds.toFixed(3), ours.peakRssMiB.toFixed(0)],
      ['python: onnx.load call only', loadSeconds.toFixed(3), loadCpuSeconds.toFixed(3), ''],
      ['python: whole process (start-up + import onnx + load)', theirs.wallSeconds.toFixed(3), theirs.cpuSeconds.toFixed(3), theirs.peakRssMiB.toFixed(0)],
    ]));
    console.log(`ratio onnx.load / inspect: wall ${ratio.toFixed(1)}×, CPU ${cpuRatio.toFixed(1)}× (whole process vs whole process: wall ${(theirs.wallSeconds / ours.wallSeconds).toFixed(1)}×)`);
    console.log(`${c.check(ratio, ours.peakRssMiB)} on wall time; ${c.check(cpuRatio, ours.peakRssMiB)} on CPU time`);
    console.log(`runs (wall s): inspect ${ours.runs.map((r) => r.wallSeconds.toFixed(3)).join(' ')}; python ${theirs.runs.map((r) => r.wallSeconds.toFixed(3)).join(' ')}; load per core now ${loadPerCore().toFixed(1)}\n`);
    if (!keep) rmSync(path, { force: true });
  }
} finally {
  if (!keep && !option('--dir')) rmSync(dir, { recursive: true, force: true });
}

function sorted(histogram: Record<string, number>): Array<[string, number]> {
  return Object.entries(histogram).sort(([a], [b]) => (a < b ? -1 : 1));
}
