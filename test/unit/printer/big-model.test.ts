// "A 1.5 GB model must print instantly": a real 1.5 GB model file (sparse on disk: its weight bytes are a hole,
// so the test costs no disk space) is read and printed in well under a second without its weights being read.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataType } from '../../../src/core/onnx/model';
import { printModel } from '../../../src/core/onnx/printer';
import { readModelFile } from '../../../src/core/onnx/reader';
import { concat, encodeVarint } from '../../../scripts/fuzz/wire-tree';

const dir = mkdtempSync(join(tmpdir(), 'printer-big-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const field = (n: number, wireType: number) => encodeVarint(n * 8 + wireType);
const bytesField = (n: number, payload: Uint8Array) => concat([field(n, 2), encodeVarint(payload.length), payload]);
const text = (s: string) => new TextEncoder().encode(s);

/** Writes model.onnx: Relu(x) plus `count` float initializers of `each` bytes, the weights left as a file hole. */
function writeBigModel(path: string, count: number, each: number): number {
  const node = concat([bytesField(1, text('x')), bytesField(2, text('y')), bytesField(4, text('Relu'))]);
  const tensorHead = (i: number) => concat([field(1, 0), encodeVarint(each / 4), field(2, 0), encodeVarint(DataType.FLOAT), bytesField(8, text(`w${i}`)), field(9, 2), encodeVarint(each)]);
  const heads = Array.from({ length: count }, (_, i) => tensorHead(i));
  const initializers = heads.map((h) => concat([field(5, 2), encodeVarint(h.length + each), h]));
  const graphSize = 2 + node.length + initializers.reduce((sum, h) => sum + h.length + each, 0);
  const opset = concat([bytesField(1, new Uint8Array(0)), field(2, 0), encodeVarint(17)]);
  const modelHead = concat([field(1, 0), encodeVarint(8), bytesField(8, opset), field(7, 2), encodeVarint(graphSize), bytesField(1, node)]);
  const fd = openSync(path, 'w');
  let at = 0;
  const put = (b: Uint8Array) => {
    writeSync(fd, b, 0, b.length, at);
    at += b.length;
  };
  put(modelHead);
  for (const h of initializers) {
    put(h);
    at += each; // the weights: a hole
  }
  ftruncateSync(fd, at);
  closeSync(fd);
  return at;
}

describe('a 1.5 GB model', () => {
  it('reads and prints in well under a second, weights never read', () => {
    const path = join(dir, 'model.onnx');
    const size = writeBigModel(path, 6, 256 * 1024 * 1024);
    expect(size).toBeGreaterThan(1.5e9);
    const rssBefore = process.memoryUsage.rss();
    const started = performance.now();
    const model = readModelFile(path);
    const printed = printModel(model);
    const elapsed = performance.now() - started;
    expect(printed.text).toContain('float[67108864] w5 = ...');
    expect(printed.text).toContain('y = Relu (x)');
    expect(elapsed).toBeLessThan(1_000);
    // Reading the weights would cost 1.5 GB; reading the structure costs a few windows.
    expect(process.memoryUsage.rss() - rssBefore).toBeLessThan(200 * 1024 * 1024);
    console.log(`1.5 GB model (${size} bytes): read + printed in ${elapsed.toFixed(1)} ms`);
  });
});
