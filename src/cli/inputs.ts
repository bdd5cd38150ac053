// Subcommands take several inputs in one call (a corpus scans in one process). One that cannot be used is
// reported on stderr and skipped so the rest still run; the exit code then says some input was unusable.
// A folder stands for every file below it with the command's extension (`check models/`), as linters do.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pushAll } from '../core/push-all';
import type { CliIO } from './command';
import { writeError } from './output';

/** What a loader returns for an input it cannot use: the reason, naming the file (and byte offset if known). */
export class Unusable {
  constructor(readonly reason: string) {}
}

/**
 * The inputs with each folder replaced by the files below it whose names end in one of `extensions` (any case),
 * in sorted order, at any depth, leaving out hidden folders, installed packages and caches (SKIPPED_FOLDER: a
 * `python --fix` over a project must not rewrite its virtualenv). Symbolic links are not followed: a link cycle
 * cannot loop, and a walk cannot reach (or `--fix` rewrite) files outside the folder; name a linked file itself
 * to include it. A folder with no such file is an Unusable entry, reported like any input that cannot be used.
 */
export function expandFolders(inputs: readonly string[], extensions: readonly string[]): Array<string | Unusable> {
  const out: Array<string | Unusable> = [];
  for (const input of inputs) {
    if (!isFolder(input)) {
      out.push(input);
      continue;
    }
    const found: string[] = [];
    const pending = [input];
    while (pending.length > 0) {
      const folder = pending.pop()!;
      let entries;
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (error) {
        out.push(new Unusable(`${folder}: cannot list the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`));
        continue;
      }
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDER.test(entry.name)) pending.push(path);
        } else if (entry.isFile() && extensions.some((e) => entry.name.toLowerCase().endsWith(e))) found.push(path);
      }
    }
    if (found.length === 0) out.push(new Unusable(`${input}: a folder with no ${extensions.join(' or ')} file in it`));
    pushAll(out, found.sort());
  }
  return out;
}

/** Folders a walk does not enter, as linters do not: hidden ones (.git, .venv, …), installed packages, caches. A
 *  folder named on the command line is always walked. */
const SKIPPED_FOLDER = /^(?:\..*|node_modules|site-packages|__pycache__|__pypackages__)$/;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing or unreadable: the loader says why
  }
}

/**
 * Loads every input in order and hands each usable one to `use` (with its position among `inputs`); an unusable
 * one is reported as `onnx-coverage <command>: <reason>`. A loader that throws stops the run: that is for
 * errors that are not about one input (bad options, bugs). Returns whether every input was usable.
 */
export async function forEachUsable<T>(
  inputs: ReadonlyArray<string | Unusable>,
  command: string,
  io: CliIO,
  load: (input: string) => T | Unusable | Promise<T | Unusable>,
  use: (value: T, input: string, index: number) => void | Promise<void>,
): Promise<boolean> {
  let allUsable = true;
  for (const [index, input] of inputs.entries()) {
    // An Unusable input (a folder with no such file) is reported like a file its loader could not use.
    const loaded = typeof input === 'string' ? await load(input) : input;
    if (loaded instanceof Unusable) {
      writeError(io, command, loaded.reason);
      allUsable = false;
      continue;
    }
    await use(loaded, input as string, index);
  }
  return allUsable;
}
