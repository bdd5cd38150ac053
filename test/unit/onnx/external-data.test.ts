// External data: read relative to the model's folder; absolute paths, `..`, symlinks and hard links refused with
// a reason and never read (../shared/onnx-data/onnx/ExternalDataSecurity.md).
import { linkSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, type TensorSpec } from '../../../src/core/onnx/builder';
import { DataType } from '../../../src/core/onnx/model';
import { OnnxReadError, readModelBytes, readModelFile, readTensorBytes, readTensorNumbers, resolveExternalData } from '../../../src/core/onnx/reader';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'onnx-external-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const folder = join(root, 'model');
const outside = join(root, 'secret.bin');
mkdirSync(join(folder, 'sub'), { recursive: true });
const weights = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
writeFileSync(join(folder, 'weights.bin'), new Uint8Array(weights.buffer));
writeFileSync(join(folder, 'sub', 'nested.bin'), new Uint8Array(new Float32Array([9, 10]).buffer));
writeFileSync(outside, new Uint8Array(new Float32Array([666, 666]).buffer));
symlinkSync(outside, join(folder, 'link-out.bin'));
symlinkSync(join(folder, 'weights.bin'), join(folder, 'link-in.bin'));
symlinkSync(root, join(folder, 'dir-link'));
writeFileSync(join(folder, 'hard-src.bin'), new Uint8Array(8));
linkSync(join(folder, 'hard-src.bin'), join(root, 'hard-other.bin'));

function modelWith(tensors: TensorSpec[]) {
  const path = join(folder, 'model.onnx');
  writeFileSync(path, buildModel({ graph: { initializers: tensors } }));
  const model = readModelFile(path);
  return { model, tensors: Object.fromEntries(model.graph.initializers.map((t) => [t.name, t])) };
}

const ext = (name: string, location: string, more: { offset?: number; length?: number } = {}, dims = [2]): TensorSpec =>
  ({ name, dataType: DataType.FLOAT, dims, external: { location, ...more } });

describe('resolveExternalData', () => {
  const { model, tensors } = modelWith([
    ext('whole', 'weights.bin', {}, [8]), ext('slice', 'weights.bin', { offset: 8, length: 8 }), ext('nested', 'sub/nested.bin'),
    ext('dotslash', './weights.bin', { length: 8 }),
    ext('absolute', outside), ext('dotdot', '../secret.bin'), ext('sneaky', 'sub/../../secret.bin'), ext('backslash', 'sub\\..\\..\\secret.bin'),
    ext('linkOut', 'link-out.bin'), ext('linkIn', 'link-in.bin'), ext('viaDirLink', 'dir-link/secret.bin'), ext('hard', 'hard-src.bin'),
    ext('missing', 'nope.bin'), ext('pastEnd', 'weights.bin', { offset: 24, length: 16 }), ext('noLocation', ''),
    { name: 'badOffset', dataType: DataType.FLOAT, dims: [1], extraFields: [
      { field: 13, wireType: 2, value: buildEntry('location', 'weights.bin') }, { field: 13, wireType: 2, value: buildEntry('offset', '-4') }, { field: 14, wireType: 0, value: 1 },
    ] },
  ]);

  it('resolves locations inside the model folder and reads their bytes', () => {
    expect(resolveExternalData(model, tensors.whole!)).toEqual({ ok: true, path: join(folder, 'weights.bin'), offset: 0, length: 32 });
    expect(resolveExternalData(model, tensors.slice!)).toEqual({ ok: true, path: join(folder, 'weights.bin'), offset: 8, length: 8 });
    expect(readTensorNumbers(model, tensors.whole!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(readTensorNumbers(model, tensors.slice!)).toEqual([3, 4]);
    expect(readTensorNumbers(model, tensors.nested!)).toEqual([9, 10]);
    expect(readTensorNumbers(model, tensors.dotslash!)).toEqual([1, 2]);
  });

  it.each([
    ['absolute', /absolute path/],
    ['dotdot', /'\.\.'/],
    ['sneaky', /'\.\.'/],
    ['backslash', /'\.\.'/],
    ['linkOut', /symbolic link/],
    ['linkIn', /symbolic link/],
    ['viaDirLink', /outside the model folder/],
    ['hard', /hard links/],
    ['missing', /not found/],
    ['pastEnd', /past the end/],
    ['noLocation', /no 'location'/],
    ['badOffset', /offset/],
  ])('refuses %s with a reason and never reads it', (name, reason) => {
    const resolution = resolveExternalData(model, tensors[name]!);
    expect(resolution.ok).toBe(false);
    if (!resolution.ok) expect(resolution.reason).toMatch(reason);
    expect(() => readTensorBytes(model, tensors[name]!)).toThrow(OnnxReadError);
    expect(readTensorNumbers(model, tensors[name]!)).toBeUndefined();
  });

  it('has no folder for a model read from memory', () => {
    const memoryModel = readModelBytes(buildModel({ graph: { initializers: [ext('w', 'weights.bin')] } }), join(folder, 'model.onnx'));
    const resolution = resolveExternalData(memoryModel, memoryModel.graph.initializers[0]!);
    expect(resolution).toEqual({ ok: false, reason: expect.stringMatching(/read from memory/) });
  });

  it('says so for a tensor without external data', () => {
    const m = readModelBytes(buildModel({ graph: { initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [1], floats: [1] }] } }));
    expect(resolveExternalData(m, m.graph.initializers[0]!)).toEqual({ ok: false, reason: "tensor 'w' does not use external data" });
  });
});

function buildEntry(key: string, value: string): Uint8Array {
  const enc = new TextEncoder();
  const k = enc.encode(key);
  const v = enc.encode(value);
  return Uint8Array.from([0x0a, k.length, ...k, 0x12, v.length, ...v]);
}
