// Subcommands take several inputs in one call (a corpus scans in one process). One that cannot be used is
// reported on stderr and skipped so the rest still run; the exit code then says some input was unusable.
import type { CliIO } from './command';
import { writeError } from './output';

/** What a loader returns for an input it cannot use: the reason, naming the file (and byte offset if known). */
export class Unusable {
  constructor(readonly reason: string) {}
}

/**
 * Loads every input in order and hands each usable one to `use` (with its position among `inputs`); an unusable
 * one is reported as `onnx-coverage <command>: <reason>`. A loader that throws stops the run: that is for
 * errors that are not about one input (bad options, bugs). Returns whether every input was usable.
 */
export async function forEachUsable<T>(
  inputs: readonly string[],
  command: string,
  io: CliIO,
  load: (input: string) => T | Unusable | Promise<T | Unusable>,
  use: (value: T, input: string, index: number) => void | Promise<void>,
): Promise<boolean> {
  let allUsable = true;
  for (const [index, input] of inputs.entries()) {
    const loaded = await load(input);
    if (loaded instanceof Unusable) {
      writeError(io, command, loaded.reason);
      allUsable = false;
      continue;
    }
    await use(loaded, input, index);
  }
  return allUsable;
}
