// Timing and peak-RSS harness: every command runs under measure.py (Debian's python3), which reports the wall
// time and the child's peak RSS (getrusage RUSAGE_CHILDREN), so node and python are measured the same way.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export const python = '/usr/bin/python3';

export interface Run {
  wallSeconds: number;
  /** User + system CPU time of the child: the fair figure when other work shares the machine. */
  cpuSeconds: number;
  peakRssMiB: number;
  exitCode: number;
  stdout: string;
}

export interface Measured {
  label: string;
  runs: Run[];
  /** Median wall and CPU time and the largest peak RSS over the runs. */
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMiB: number;
  stdout: string;
}

/** Runs `argv` under measure.py; an exit code outside `okCodes` (default: 0 only) is an error. */
export function runOnce(argv: string[], benchDir: string, okCodes: number[] = [0]): Run {
  const result = spawnSync(python, [join(benchDir, 'measure.py'), ...argv], { encoding: 'utf8', maxBuffer: 512 << 20 });
  const marker = /@@measure (\{.*\})/.exec(result.stderr ?? '');
  if (!marker) throw new Error(`measure.py failed for ${argv.join(' ')}: ${result.stderr || result.error}`);
  const m = JSON.parse(marker[1]!) as { wall: number; cpu: number; maxrssKiB: number; code: number };
  if (!okCodes.includes(m.code)) throw new Error(`${argv.join(' ')} exited ${m.code}: ${result.stderr.replace(marker[0], '').trim()}`);
  return { wallSeconds: m.wall, cpuSeconds: m.cpu, peakRssMiB: m.maxrssKiB / 1024, exitCode: m.code, stdout: result.stdout };
}

/** One warm-up run (file in the page cache for everyone), then `repetitions` measured runs. */
export function measure(label: string, argv: string[], benchDir: string, repetitions = 3, okCodes: number[] = [0]): Measured {
  runOnce(argv, benchDir, okCodes);
  const runs = Array.from({ length: repetitions }, () => runOnce(argv, benchDir, okCodes));
  return { label, runs, wallSeconds: median(runs.map((r) => r.wallSeconds)), cpuSeconds: median(runs.map((r) => r.cpuSeconds)), peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)), stdout: runs[0]!.stdout };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The 1-minute load average per core: above ~1, wall times measure the machine's other work too. */
export function loadPerCore(): number {
  return loadavg()[0]! / cpus().length;
}

/** `uptime`-style load averages (1, 5, 15 minutes) with the core count. */
export function loadAverages(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')} on ${cpus().length} cores`;
}

export function machine(): string {
  const probe = 'import onnx, google.protobuf as p; from google.protobuf.internal import api_implementation as a; print(onnx.__version__, p.__version__, a.Type())';
  const onnx = spawnSync(python, ['-c', probe], { encoding: 'utf8' }).stdout.trim().split(' ');
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, python onnx ${onnx[0]} (protobuf ${onnx[1]}, ${onnx[2]} backend)`;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}
