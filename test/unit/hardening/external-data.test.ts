// Hostile external data, end to end: every hostile location is refused with a reason naming the tensor, its
// bytes cannot be read, and the whole pipeline (summary, text printer with constant values, coverage check,
// decomposition scan, tensor reads) runs on the model without opening any file outside the model's folder —
// checked by watching every openSync the process makes. Complements test/unit/onnx/external-data.test.ts
// (the reader's own refusal rules) with races, FIFOs, odd spellings and the pipeline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { DataType, type TensorSpec } from '../../../src/core/onnx/builder';
import type { Model, Tensor } from '../../../src/core/onnx/model';
import { printModel } from '../../../src/core/onnx/printer';
import { OnnxReadError, readModelFile, readTensorBytes, readTensorNumbers, resolveExternalData } from '../../../src/core/onnx/reader';
import { SMALL_PAYLOAD_BYTES } from '../../../src/core/onnx/small-payloads';
import { summarize } from '../../../src/core/onnx/summary';
import { detectDecompositions } from '../../../src/core/patterns';
import { openedDuring } from '../../helpers/fs-watch';
import { writeInitializerModel } from '../../helpers/initializer-model';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'hardening-external-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = join(root, 'model');
const secret = join(root, 'secret.bin');
const outsideDir = join(root, 'outside');
mkdirSync(join(folder, 'sub'), { recursive: true });
mkdirSync(outsideDir);
const SECRET = new Uint8Array(new Float32Array([666, 666, 666, 666]).buffer);
writeFileSync(secret, SECRET);
writeFileSync(join(outsideDir, 'w.bin'), SECRET);
writeFileSync(join(folder, 'weights.bin'), new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer));
symlinkSync(outsideDir, join(folder, 'linked-dir'));
symlinkSync(secret, join(folder, 'link.bin'));
let hasFifo = true;
try {
  execFileSync('mkfifo', [join(folder, 'pipe.bin')]);
} catch {
  hasFifo = false;
}

function isInside(path: string, dir: string): boolean {
  let real = path;
  try {
    real = realpathSync(path);
  } catch {
    // A path that does not exist was still not read.
  }
  return real === dir || real.startsWith(dir + sep);
}

const ext = (name: string, location: string, more: { offset?: number; length?: number } = {}, dims = [4]): TensorSpec =>
  ({ name, dataType: DataType.FLOAT, dims, external: { location, ...more } });

/** Hostile spellings, each with what its refusal reason must say. */
const HOSTILE: Array<[string, TensorSpec, RegExp]> = [
  ['absolute', ext('absolute', secret), /absolute path/],
  ['dot-dot', ext('dotDot', '../secret.bin'), /'\.\.'/],
  ['dot-slash-dot-dot', ext('dotSlashDotDot', './../secret.bin'), /'\.\.'/],
  ['inner dot-dot', ext('innerDotDot', 'sub/../../secret.bin'), /'\.\.'/],
  ['backslash dot-dot', ext('backslash', '..\\secret.bin'), /'\.\.'/],
  ['UNC path', ext('unc', '\\\\host\\share\\secret.bin'), /absolute path/],
  ['drive letter', ext('drive', 'C:\\secret.bin'), /absolute path/],
  ['drive-relative', ext('driveRelative', 'C:secret.bin'), /absolute path/],
  ['file URL', ext('fileUrl', `file://${secret}`), /not found/],
  ['home', ext('home', '~/secret.bin'), /not found/],
  ['symlink to a file outside', ext('linkOut', 'link.bin'), /symbolic link/],
  ['through a symlinked directory', ext('viaDir', 'linked-dir/w.bin'), /outside the model folder/],
  ['missing', ext('missing', 'nope.bin'), /not found/],
  // Refused, though the reason given today is 'resolves outside the model folder (through a symbolic link)'.
  ['the folder itself', ext('dot', '.'), /not a regular file|outside the model folder/],
  ['a directory', ext('dir', 'sub'), /not a regular file/],
  ['offset past the end', ext('offsetPast', 'weights.bin', { offset: 64 }), /past the end/],
  ['length past the end', ext('lengthPast', 'weights.bin', { offset: 8, length: 16 }), /past the end/],
  ['offset near 2^53', ext('offsetHuge', 'weights.bin', { offset: 2 ** 53 - 2, length: 4 }), /past the end|offset/],
  ['length near 2^53', ext('lengthHuge', 'weights.bin', { length: 2 ** 53 - 1 }), /past the end|length/],
  ['empty location', ext('empty', ''), /no 'location'/],
  ['NUL in the location', ext('nul', 'weights.bin\u0000../../secret.bin'), /NUL/],
  ['a 100 KB location', ext('longName', `${'a/'.repeat(50_000)}x.bin`), /not found|ENAMETOOLONG|too long/],
  ...(hasFifo ? [['a FIFO (would block on open)', ext('fifo', 'pipe.bin'), /not a regular file/] as [string, TensorSpec, RegExp]] : []),
];

function load(tensors: TensorSpec[], file = 'model.onnx'): { model: Model; byName: Map<string, Tensor> } {
  const path = writeInitializerModel(join(folder, file), tensors,
    tensors.map((t, i) => ({ opType: 'Add', inputs: [i === 0 ? 'x' : `s${i - 1}`, t.name!], outputs: [i === tensors.length - 1 ? 'y' : `s${i}`] })));
  const model = readModelFile(path);
  return { model, byName: new Map(model.graph.initializers.map((t) => [t.name, t])) };
}

describe('hostile external data', () => {
  const { model, byName } = load(HOSTILE.map(([, spec]) => spec));

  it.each(HOSTILE)('%s: refused with a reason naming the tensor, never read', (_label, spec, reason) => {
    const tensor = byName.get(spec.name!)!;
    const resolution = resolveExternalData(model, tensor);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) {
      expect(resolution.reason).toMatch(reason);
      expect(resolution.reason).toContain(`'${spec.name}'`);
    }
    let bytes: Uint8Array | undefined;
    const opened = openedDuring(() => {
      expect(() => (bytes = readTensorBytes(model, tensor))).toThrow(OnnxReadError);
      expect(readTensorNumbers(model, tensor)).toBeUndefined();
    });
    expect(bytes).toBeUndefined();
    expect(opened.filter((p) => !isInside(p, folder))).toEqual([]);
  });

  it('the watch on openSync sees reads that do open a file (the checks above are not blind)', () => {
    const inside = load([ext('inside', 'weights.bin', { length: 16 })], 'control.onnx');
    const opened = openedDuring(() => expect(readTensorNumbers(inside.model, inside.byName.get('inside')!)).toEqual([1, 2, 3, 4]));
    expect(opened).toContain(join(folder, 'weights.bin'));
  });

  it('runs the whole pipeline on the model without opening anything outside its folder', () => {
    const opened = openedDuring(() => {
      const summary = summarize(model);
      expect(summary.initializers.external).toBe(HOSTILE.length);
      const printed = printModel(model, { maxConstantElements: 64 });
      // External tensors print their location entries (escaped), never values.
      expect(printed.text).toContain('"location": "../secret.bin"');
      expect(printed.text).toContain('weights.bin\\u0000../../secret.bin');
      expect(printed.text).not.toContain('666');
      checkModel(model, { runtime: 'ort-cpu' });
      detectDecompositions(model, { opset: 17 });
      for (const t of model.graph.initializers) readTensorNumbers(model, t);
    });
    expect(opened.filter((p) => !isInside(p, folder))).toEqual([]);
  });
});

describe('races with the file system', () => {
  it('refuses a data file swapped for a symlink after it was resolved (open does not follow links)', () => {
    writeFileSync(join(folder, 'swap.bin'), new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer));
    const { model, byName } = load([ext('swapped', 'swap.bin')], 'swap.onnx');
    const tensor = byName.get('swapped')!;
    expect(resolveExternalData(model, tensor).ok).toBe(true);
    rmSync(join(folder, 'swap.bin'));
    symlinkSync(secret, join(folder, 'swap.bin'));
    expect(() => readTensorBytes(model, tensor)).toThrow(OnnxReadError);
  });

  it('reports a data file that shrank after the model was read', () => {
    writeFileSync(join(folder, 'shrink.bin'), new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer));
    const { model, byName } = load([ext('shrinking', 'shrink.bin', { length: 16 })], 'shrink.onnx');
    truncateSync(join(folder, 'shrink.bin'), 4);
    expect(() => readTensorBytes(model, byName.get('shrinking')!)).toThrow(OnnxReadError);
  });

  it('reports a model file that disappeared before a lazy read, and a model replaced by another', () => {
    // Larger than what the reader keeps in memory (small-payloads.ts): read from the file on request.
    const count = SMALL_PAYLOAD_BYTES / 4 + 1;
    const { model, byName } = load([{ name: 'inline', dataType: DataType.FLOAT, dims: [count], raw: new Uint8Array(count * 4) }], 'gone.onnx');
    renameSync(join(folder, 'gone.onnx'), join(folder, 'gone-away.onnx'));
    expect(() => readTensorBytes(model, byName.get('inline')!)).toThrow(OnnxReadError);
    writeFileSync(join(folder, 'gone.onnx'), new Uint8Array(3));
    expect(() => readTensorBytes(model, byName.get('inline')!)).toThrow(OnnxReadError);
  });

  it('still has the small constants it read when the model file is gone: they were kept with the model', () => {
    const { model, byName } = load([{ name: 'scalar', dataType: DataType.FLOAT, dims: [], raw: new Uint8Array(new Float32Array([2.5]).buffer) }], 'small-gone.onnx');
    rmSync(join(folder, 'small-gone.onnx'));
    expect(readTensorNumbers(model, byName.get('scalar')!)).toEqual([2.5]);
  });
});
