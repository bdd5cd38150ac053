// The windowed file reader: the same model as from memory, whatever straddles a window boundary, while tensor
// payloads stay on disk (recorded as offsets, read only on request).
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, type NodeSpec, type TensorSpec } from '../../../src/core/onnx/builder';
import { DataType, type Model } from '../../../src/core/onnx/model';
import { readModelBytes, readModelFile, readTensorBytes, readTensorNumbers } from '../../../src/core/onnx/reader';

const tmp = mkdtempSync(join(tmpdir(), 'onnx-window-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function withoutSource(model: Model): unknown {
  return { ...model, source: undefined };
}

describe('windowed reading', () => {
  it('reads the same model as from memory when fields straddle window boundaries', () => {
    // Tensors of odd sizes between nodes push every later field across 64 KiB … 1 MiB window edges.
    const initializers: TensorSpec[] = [];
    const nodes: NodeSpec[] = [];
    for (let i = 0; i < 40; i++) {
      const raw = new Uint8Array(4 * (1000 + i * 12_345));
      raw.fill(i);
      initializers.push({ name: `w${i}`, dataType: DataType.FLOAT, dims: [raw.length / 4], raw, docString: 'é'.repeat(i) });
      for (let j = 0; j < 50; j++) nodes.push({ opType: j % 2 ? 'Add' : 'MatMul', name: `n${i}_${j}`, inputs: [`x${i}_${j}`, `w${i}`], outputs: [`y${i}_${j}`], attributes: { alpha: 0.5, axes: [i, -j] } });
    }
    const longDoc = 'long doc string '.repeat(700_000); // 11 MB: longer than the largest window
    const bytes = buildModel({ docString: longDoc, graph: { nodes, initializers, name: 'straddle' }, metadataProps: { after: 'the long string' } });
    const path = join(tmp, 'straddle.onnx');
    writeFileSync(path, bytes);
    const fromFile = readModelFile(path);
    const fromMemory = readModelBytes(bytes);
    // JSON, not toEqual: a structural diff of 2,000 nodes and an 11 MB string is needlessly slow.
    expect(JSON.stringify(withoutSource(fromFile))).toBe(JSON.stringify(withoutSource(fromMemory)));
    expect(fromFile.docString.length).toBe(longDoc.length);
    expect(fromFile.metadataProps).toEqual([{ key: 'after', value: 'the long string' }]);
    for (const i of [0, 17, 39]) {
      const t = fromFile.graph.initializers[i]!;
      expect(readTensorBytes(fromFile, t).every((b) => b === i)).toBe(true);
      expect(Buffer.compare(readTensorBytes(fromMemory, fromMemory.graph.initializers[i]!), readTensorBytes(fromFile, t))).toBe(0);
    }
  });

  it('does not read weights: a 256 MB initializer costs no memory until asked for', () => {
    const size = 256 << 20;
    const path = join(tmp, 'big.onnx');
    writeSparseModel(path, size);
    const before = process.memoryUsage().arrayBuffers;
    const model = readModelFile(path);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 << 20);
    const t = model.graph.initializers[0]!;
    expect(t.payload).toMatchObject({ kind: 'inline', field: 'raw_data', length: size });
    expect(readTensorNumbers(model, t)).toBeUndefined(); // too many elements to decode
  });
});

/** A model whose single initializer has `size` bytes of raw_data, written as a sparse file (no big buffer here either). */
function writeSparseModel(path: string, size: number): void {
  const varint = (n: number) => {
    const out: number[] = [];
    while (n > 127) { out.push((n & 127) | 128); n = Math.floor(n / 128); }
    out.push(n);
    return out;
  };
  const name = [...new TextEncoder().encode('w')];
  const tensorHead = [0x08, ...varint(size), 0x10, DataType.UINT8, 0x42, name.length, ...name, 0x4a, ...varint(size)];
  const tensorLength = tensorHead.length + size;
  const graphHead = [0x2a, ...varint(tensorLength)];
  const graphLength = graphHead.length + tensorLength;
  const head = Uint8Array.from([0x08, 0x08, 0x3a, ...varint(graphLength), ...graphHead, ...tensorHead]);
  const fd = openSync(path, 'w');
  writeSync(fd, head);
  ftruncateSync(fd, head.length + size);
  closeSync(fd);
}
