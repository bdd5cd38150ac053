// What a piece of code does to files, watched by wrapping one fs function for the time it runs: the reader opens
// every file with openSync and reads through readSync, so wrapping them sees every open and every byte read.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

type Watched = 'openSync' | 'readSync';

/** Runs `run` with fs[name] wrapped: `calling` sees each call's arguments before it runs (so a call that throws
 *  is seen too), `returned` its result; fs is restored afterwards. */
function watching(name: Watched, watch: { calling?: (args: unknown[]) => void; returned?: (result: unknown) => void }, run: () => void): void {
  const original = fs[name] as (...args: unknown[]) => unknown;
  (fs as unknown as Record<Watched, unknown>)[name] = (...args: unknown[]) => {
    watch.calling?.(args);
    const result = original(...args);
    watch.returned?.(result);
    return result;
  };
  syncBuiltinESMExports();
  try {
    run();
  } finally {
    (fs as unknown as Record<Watched, unknown>)[name] = original;
    syncBuiltinESMExports();
  }
}

/** Bytes returned by readSync while `run` runs. */
export function bytesReadDuring(run: () => void): number {
  let total = 0;
  watching('readSync', { returned: (n) => (total += n as number) }, run);
  return total;
}

/** Every path openSync is asked to open while `run` runs (attempts that fail included), resolved. */
export function openedDuring(run: () => void): string[] {
  const opened: string[] = [];
  watching('openSync', { calling: (args) => opened.push(resolve(String(args[0]))) }, run);
  return opened;
}
