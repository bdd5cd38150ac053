// Decomposition scan benchmark (issues 5 and 9): detectDecompositions on models of 20k, 200k and 2M nodes made
// of repeated Llama decoder layers (the real torch export in test/fixtures/torch, 90 nodes and 6 decomposed
// constructs each), and on their QDQ twins (test/fixtures/qdq: Q/DQ on every activation, 208 nodes a layer).
// Prints wall time per size and per 100k nodes, so linear scaling shows as a flat last column; checks that
// every layer's 6 constructs are found. Target: 200k nodes well under a second.
// Each model and size is written as one file (stacked-file.ts) and read by the reader in a child process of its
// own, so the scan runs on a model exactly as the CLI and the extension hold one, and no measurement pays for the
// previous one's heap.
// Run: node scripts/run-ts.mjs scripts/bench/scan.ts [--sizes 20000,200000,2000000] [--reps 3] [--file] [--alloc]
//   --file: the model is read with readModelFile, so constants are read from the file on request;
//           default: readModelBytes over the file's bytes in memory, which isolates the matcher.
//   --alloc: instead of timing, the bytes one scan allocates (V8's sampling heap profiler, collected objects
//           included) and where: unlike times, unmoved by a busy machine. On a big heap every young-generation
//           collection also costs time in proportion to the heap, so allocation is what keeps a scan linear.
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector';
import { PerformanceObserver } from 'node:perf_hooks';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Model } from '../../src/core/onnx/model';
import { readModelBytes, readModelFile } from '../../src/core/onnx/reader';
import { detectDecompositions, quantizationTotals } from '../../src/core/patterns';
import { writeStackedModel } from './stacked-file';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (option('--sizes') ?? '20000,200000,2000000').split(',').map(Number);
const repetitions = Number(option('--reps') ?? 3);
const fromFile = args.includes('--file');
const repoRoot = resolve(process.cwd());

function load(path: string): Model {
  return fromFile ? readModelFile(path) : readModelBytes(readFileSync(path), path);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const cases = [
  { title: 'float', path: join(repoRoot, 'test/fixtures/torch/llama_decoder_layer_opset17.onnx') },
  { title: 'QDQ twin', path: join(repoRoot, 'test/fixtures/qdq/llama_decoder_layer_opset17.onnx') },
];

/** Machine yardstick: one pass putting every node output of `model` in a Map (the least any index must do). */
function mapPassSeconds(model: Model): number {
  const t0 = performance.now();
  const m = new Map<string, number>();
  model.graph.nodes.forEach((n, i) => n.outputs.forEach((o) => m.set(o, i)));
  return (performance.now() - t0) / 1000;
}

/** One (model, size) measurement, printed as one tab-separated row. */
async function measureOne(c: { title: string; path: string }, stackedPath: string): Promise<string> {
  const layer = load(c.path);
  const perLayer = detectDecompositions(layer).length;
  const model = load(stackedPath);
  const layers = model.graph.nodes.length / layer.graph.nodes.length;
  const nodes = model.graph.nodes.length;
  let found = detectDecompositions(model);
  const walls: number[] = [];
  const cpus: number[] = [];
  const yardsticks: number[] = [];
  // The collector's pauses inside each scan, apart: on a big heap they are what grows faster than the nodes.
  const pauses: Array<{ start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ start: e.startTime, duration: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  const windows: Array<[number, number]> = [];
  for (let r = 0; r < repetitions; r++) {
    // Let go of the previous result first: a CLI scans once, and holding 133,000 matches from the last run kept
    // ~160 MB more live heap for every later 2M scan to mark.
    found = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    found = detectDecompositions(model);
    const t1 = performance.now();
    windows.push([t0, t1]);
    walls.push((t1 - t0) / 1000);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1e6);
    yardsticks.push(mapPassSeconds(model));
  }
  const t2 = performance.now();
  quantizationTotals(model, found);
  const totalsSeconds = (performance.now() - t2) / 1000;
  await new Promise((done) => setTimeout(done, 50)); // the observer hears of pauses a few tasks later
  observer.disconnect();
  const gcPauses = windows.map(([from, to]) => pauses.filter((p) => p.start >= from && p.start < to).reduce((a, p) => a + p.duration, 0) / 1000);
  if (found.length !== perLayer * layers) throw new Error(`${c.title} ${nodes}: ${found.length} matches, expected ${perLayer * layers}`);
  const cpu = median(cpus);
  const yardstick = median(yardsticks);
  const withoutPauses = median(walls.map((w, r) => w - gcPauses[r]!));
  return [c.title, nodes, layers, found.length, median(walls).toFixed(3), cpu.toFixed(3), (cpu / nodes * 1e5).toFixed(3), median(gcPauses).toFixed(3), withoutPauses.toFixed(3), yardstick.toFixed(3), (cpu / yardstick).toFixed(1), totalsSeconds.toFixed(3)].join('\t');
}

interface SamplingNode { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: SamplingNode[] }

/** Bytes allocated by one scan after a warm-up, sampled every 4 KiB with collected objects counted, and the
 *  functions allocating most (with their callers). */
async function allocationOne(stackedPath: string): Promise<string> {
  const model = load(stackedPath);
  detectDecompositions(model);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((done, fail) => session.post(method, params, (error, result) => (error ? fail(error) : done(result as T))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const found = detectDecompositions(model);
  const { profile } = await post<{ profile: { head: SamplingNode } }>('HeapProfiler.stopSampling');
  session.disconnect();
  const bySite = new Map<string, number>();
  let total = 0;
  const walk = (n: SamplingNode, caller: string): void => {
    const here = n.callFrame.functionName || '(anonymous)';
    total += n.selfSize;
    if (n.selfSize > 0) bySite.set(`${here} < ${caller}`, (bySite.get(`${here} < ${caller}`) ?? 0) + n.selfSize);
    for (const child of n.children) walk(child, here);
  };
  walk(profile.head, '');
  const top = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([site, bytes]) => `${(bytes / 1e6).toFixed(1)} MB ${site}`);
  return [one, model.graph.nodes.length, found.length, (total / 1e6).toFixed(1), (total / model.graph.nodes.length).toFixed(0), top.join('; ')].join('\t');
}

const one = option('--one');
const alloc = args.includes('--alloc');

/** Each model at each size written as a file, then read and measured in a child process of its own (its row
 *  printed), the child given `modeArgs`; the files go to a temporary folder, deleted afterwards. */
function runChildren(modeArgs: string[], what: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'onnx-coverage-scan-'));
  try {
    for (const c of cases) {
      for (const size of sizes) {
        const layerNodes = readModelFile(c.path).graph.nodes.length;
        const stacked = join(dir, 'stacked.onnx');
        writeStackedModel(c.path, Math.ceil(size / layerNodes), stacked);
        const child = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'run-ts.mjs'), process.argv[1]!, '--one', c.title, '--model', stacked, ...modeArgs, ...(fromFile ? ['--file'] : [])], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 << 20 });
        if (child.status !== 0) throw new Error(`${what} of ${c.title} at ${size} nodes failed: ${child.stderr}`);
        console.log(child.stdout.trim());
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (one !== undefined) {
  // A child run: one model at one size, alone in its process.
  const c = cases.find((x) => x.title === one);
  const stacked = option('--model');
  if (!c || stacked === undefined) throw new Error(`--one: no model '${one}', or no --model file`);
  if (alloc) void allocationOne(stacked).then((row) => console.log(row));
  else void measureOne(c, stacked).then((row) => console.log(row));
} else if (alloc) {
  console.log('detectDecompositions: bytes allocated by one scan after a warm-up (sampled every 4 KiB, collected objects included)');
  console.log(['model', 'nodes', 'matches', 'MB allocated', 'bytes per node', 'most allocated by'].join('\t'));
  runChildren(['--alloc'], 'allocation');
} else {
  console.log(`detectDecompositions: median wall time and CPU time of ${repetitions} runs after a warm-up; the model read by the reader ${fromFile ? 'from its file (constants read on request)' : 'from its bytes in memory'}`);
  console.log('each model and size written as a file and read in a process of its own: a scan\'s heap holds its model as the reader makes it, nothing else');
  console.log('yardstick: the same machine building a Map of every node output once (shared, loaded machines inflate both alike)');
  console.log('gc pause s: the collector\'s pauses inside a scan (median); wall − gc s: the scan\'s own time (median of wall minus pauses)');
  console.log(['model', 'nodes', 'layers', 'matches', 'wall s', 'cpu s', 'cpu s per 100k nodes', 'gc pause s', 'wall − gc s', 'yardstick s', 'cpu / yardstick', 'totals s'].join('\t'));
  runChildren(['--reps', String(repetitions)], 'scan');
}
