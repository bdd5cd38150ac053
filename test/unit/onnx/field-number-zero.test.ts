// Field number 0 is not valid protobuf (protobuf and onnx.load refuse it). The reader skipped it as an unknown
// field, so a run of zero bytes where fields should be (a download preallocated with zeros and never finished)
// was read as pairs of empty fields: a model with nothing in it, or an empty metadata entry, after 10 s per GB.
// It must be an OnnxReadError at the byte where the zeros start.
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OnnxReadError, readModelBytes, readModelFile } from '../../../src/core/onnx/reader';

const tmp = mkdtempSync(join(tmpdir(), 'field-zero-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function readError(read: () => unknown): OnnxReadError {
  try {
    read();
  } catch (error) {
    if (error instanceof OnnxReadError) return error;
    throw error;
  }
  throw new Error('read without an error');
}

describe('field number 0', () => {
  it('is refused in the model, at its byte', () => {
    // ir_version 8, then zeros where the next field should start.
    const error = readError(() => readModelBytes(new Uint8Array([0x08, 0x08, 0, 0, 0, 0]), 'zeros.onnx'));
    expect(error.offset).toBe(2);
    expect(error.message).toMatch(/field number 0/);
  });

  it('is refused inside a nested message (a metadata entry of zeros)', () => {
    const error = readError(() => readModelBytes(new Uint8Array([0x08, 0x08, 0x72, 0x04, 0, 0, 0, 0]), 'zeros.onnx'));
    expect(error.offset).toBe(4);
    expect(error.message).toMatch(/field number 0/);
  });

  it('is refused at once in a 1 GB file of zeros after the first field', () => {
    const path = join(tmp, 'preallocated.onnx');
    const fd = openSync(path, 'w');
    writeSync(fd, new Uint8Array([0x08, 0x08, 0x72, 0xf0, 0xff, 0xff, 0xff, 0x03])); // a metadata entry of ~1 GB
    closeSync(fd);
    truncateSync(path, 2 ** 30); // sparse: zeros
    const started = performance.now();
    const error = readError(() => readModelFile(path));
    expect(error.offset).toBe(8);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
