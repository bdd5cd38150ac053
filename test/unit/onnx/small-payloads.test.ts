// Small tensor payloads are kept while a model file is read (small-payloads.ts): what they serve must be the file's
// bytes exactly, a scan of a torch export must decode its constants without opening the file again, and a payload
// over the limit must still come from the file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataType } from '../../../src/core/onnx/builder';
import type { Model, Tensor } from '../../../src/core/onnx/model';
import { readModelBytes, readModelFile, readTensorBytes } from '../../../src/core/onnx/reader';
import { SMALL_PAYLOAD_BYTES, SmallPayloads } from '../../../src/core/onnx/small-payloads';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { detectDecompositions } from '../../../src/core/patterns';
import { openedDuring } from '../../helpers/fs-watch';
import { onnxFilesUnder } from '../../helpers/model-files';
import { writeInitializerModel } from '../../helpers/initializer-model';
import { corpusLightDir, corpusNodeDir, fixturesDir } from '../../helpers/paths';

/** Every tensor a model holds in its graphs' initializers and its nodes' attributes, subgraphs and functions included. */
function tensorsOf(model: Model): Tensor[] {
  const tensors: Tensor[] = [...model.graph.initializers];
  for (const { node, scope } of iterateNodes(model)) {
    if (scope.graph && scope.graph !== model.graph && node === scope.graph.nodes[0]) tensors.push(...scope.graph.initializers);
    for (const a of node.attributes) {
      if (a.t) tensors.push(a.t);
      tensors.push(...a.tensors);
    }
  }
  return tensors;
}

const llama = join(fixturesDir, 'torch', 'llama_decoder_layer_opset17.onnx');

describe('small tensor payloads kept while reading a file', () => {
  it('are the bytes the file holds, for every tensor of the fixtures and the conformance corpus', () => {
    const models = [fixturesDir, corpusNodeDir, corpusLightDir].filter(existsSync).flatMap(onnxFilesUnder);
    expect(models.length).toBeGreaterThan(1000);
    let small = 0;
    for (const path of models) {
      let fromFile: Model;
      try {
        fromFile = readModelFile(path);
      } catch {
        continue; // the corpus holds a few models the reader refuses on purpose; other tests cover them
      }
      const fromMemory = readModelBytes(readFileSync(path), path);
      const fileTensors = tensorsOf(fromFile);
      const memoryTensors = tensorsOf(fromMemory);
      expect(fileTensors.length).toBe(memoryTensors.length);
      fileTensors.forEach((tensor, i) => {
        if (tensor.payload.kind !== 'inline') return;
        const expected = readTensorBytes(fromMemory, memoryTensors[i]!);
        if (tensor.payload.length > SMALL_PAYLOAD_BYTES) return;
        small++;
        let got: Uint8Array | undefined;
        expect(openedDuring(() => (got = readTensorBytes(fromFile, tensor)))).toEqual([]);
        expect(Buffer.from(got!).equals(Buffer.from(expected)), `${path}: ${tensor.name}`).toBe(true);
      });
    }
    expect(small).toBeGreaterThan(1000);
  });

  it('let a scan of a torch export decode its constants without opening the file', () => {
    const model = readModelFile(llama);
    let found: ReturnType<typeof detectDecompositions> = [];
    expect(openedDuring(() => (found = detectDecompositions(model)))).toEqual([]);
    // The constants were read: the same matches, with the same epsilons, as from the bytes in memory.
    expect(found.length).toBeGreaterThan(0);
    expect(JSON.stringify(found)).toBe(JSON.stringify(detectDecompositions(readModelBytes(readFileSync(llama), llama))));
  });

  const folder = mkdtempSync(join(tmpdir(), 'small-payloads-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('leave a payload over the limit in the file, read on request (the watch sees that open)', () => {
    const count = SMALL_PAYLOAD_BYTES / 4 + 1;
    const values = Float32Array.from({ length: count }, (_, i) => i / 2);
    const path = writeInitializerModel(join(folder, 'big-and-small.onnx'), [
      { name: 'big', dataType: DataType.FLOAT, dims: [count], raw: new Uint8Array(values.buffer) },
      { name: 'small', dataType: DataType.FLOAT, dims: [2], raw: new Uint8Array(new Float32Array([1, 2]).buffer) },
    ]);
    const model = readModelFile(path);
    const [big, small] = model.graph.initializers;
    let bytes: Uint8Array | undefined;
    expect(openedDuring(() => (bytes = readTensorBytes(model, big!)))).toEqual([path]);
    expect(new Float32Array(bytes!.slice().buffer)).toEqual(values);
    expect(openedDuring(() => (bytes = readTensorBytes(model, small!)))).toEqual([]);
    expect(new Float32Array(bytes!.slice().buffer)).toEqual(new Float32Array([1, 2]));
  });
});

describe('SmallPayloads', () => {
  const window = Uint8Array.from({ length: 64 }, (_, i) => i);

  it('finds a range inside one kept payload, and nothing that runs past it or lies before or between', () => {
    const kept = new SmallPayloads();
    kept.keep(1000, window, 0, 8); // file bytes 1000..1007 hold 0..7
    kept.keep(5000, window, 10, 4); // file bytes 5000..5003 hold 10..13
    expect([...kept.find(1000, 8)!]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...kept.find(1002, 3)!]).toEqual([2, 3, 4]);
    expect([...kept.find(5001, 3)!]).toEqual([11, 12, 13]);
    expect(kept.find(1004, 8)).toBeUndefined();
    expect(kept.find(999, 2)).toBeUndefined();
    expect(kept.find(2000, 1)).toBeUndefined();
    expect(kept.find(5003, 2)).toBeUndefined();
  });

  it('keeps nothing that does not come after the last payload kept, and grows past its first sizes', () => {
    const kept = new SmallPayloads();
    kept.keep(100, window, 0, 4);
    kept.keep(102, window, 20, 4); // overlaps the previous one: not kept
    expect([...kept.find(100, 4)!]).toEqual([0, 1, 2, 3]);
    expect(kept.find(104, 2)).toBeUndefined();
    for (let k = 0; k < 1000; k++) kept.keep(200 + k * 64, window, 0, 64);
    expect([...kept.find(200 + 999 * 64 + 60, 4)!]).toEqual([60, 61, 62, 63]);
  });

  it('gives a copy: changing it changes nothing kept', () => {
    const kept = new SmallPayloads();
    kept.keep(0, window, 0, 4);
    kept.find(0, 4)!.fill(9);
    expect([...kept.find(0, 4)!]).toEqual([0, 1, 2, 3]);
  });
});
