// Where a model's bytes can be read again after parsing, so tensor payloads stay lazy: a file (re-opened per
// request, never held; small payloads kept from the read, small-payloads.ts) or an in-memory array. The reader
// registers one per Model in a WeakMap.
import { OnnxReadError } from './errors';
import type { Model } from './model';

export interface ByteSource {
  /** 'file': `label` is the model's absolute path, so its folder holds external data. 'memory': no folder. */
  readonly kind: 'file' | 'memory';
  /** Absolute path of the file, or the label of an in-memory model (used in error messages). */
  readonly label: string;
  readonly size: number;
  /** The bytes [offset, offset + length); an OnnxReadError when the range is not inside the source. */
  read(offset: number, length: number): Uint8Array;
}

export class MemoryByteSource implements ByteSource {
  readonly kind = 'memory';
  readonly size: number;
  constructor(readonly bytes: Uint8Array, readonly label: string) {
    this.size = bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    checkRange(this, offset, length);
    return this.bytes.subarray(offset, offset + length);
  }
}

export function checkRange(source: ByteSource, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > source.size) {
    throw new OnnxReadError(source.label, offset, `${length} bytes inside the ${source.size}-byte source`, 'a range past its end');
  }
}

const sources = new WeakMap<Model, ByteSource>();

export function registerSource(model: Model, source: ByteSource): void {
  sources.set(model, source);
}

/** The source the reader registered for `model`, if it came from readModelFile/readModelBytes. */
export function registeredSource(model: Model): ByteSource | undefined {
  return sources.get(model);
}
