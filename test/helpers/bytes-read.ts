// Counting what a piece of code reads from files: every file read of the reader and its lazy payload reads goes
// through fs.readSync, so the bytes it returns while `run` runs are the bytes read.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

/** Bytes requested from readSync while `run` runs (the reader reads every file through readSync). */
export function bytesReadDuring(run: () => void): number {
  let total = 0;
  const original = fs.readSync;
  fs.readSync = ((fd: number, buffer: NodeJS.ArrayBufferView, ...rest: unknown[]) => {
    const n = (original as (...args: unknown[]) => number)(fd, buffer, ...rest);
    total += n;
    return n;
  }) as typeof fs.readSync;
  syncBuiltinESMExports();
  try {
    run();
  } finally {
    fs.readSync = original;
    syncBuiltinESMExports();
  }
  return total;
}
