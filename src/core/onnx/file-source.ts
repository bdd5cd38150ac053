// File access for the reader: a file opened once for a windowed parse, and a ByteSource that re-opens the file
// for each lazy payload read, so nothing keeps a descriptor or the weights alive between requests (the small
// payloads the reader kept are served from memory).
import { closeSync, readSync } from 'node:fs';
import { openForReading, type OpenedForReading } from '../open-for-reading';
import type { ByteSource } from './byte-source';
import { checkRange } from './byte-source';
import { OnnxReadError } from './errors';
import type { SmallPayloads } from './small-payloads';

/** An open file that the windowed cursor fills its window from. */
export interface WindowFile {
  readonly size: number;
  /** Fills target[0, length) with the file's bytes at [position, position + length). */
  readInto(target: Uint8Array, length: number, position: number): void;
}

export class OpenFile implements WindowFile {
  private constructor(readonly path: string, private readonly fd: number, readonly size: number) {}

  /** noFollow: refuse a symbolic link at open time too (external data: closes the check-then-open race).
   *  Refused unless a regular file, and never left waiting on a FIFO (openForReading). */
  static open(path: string, options: { noFollow?: boolean } = {}): OpenFile {
    let opened: OpenedForReading;
    try {
      opened = openForReading(path, options);
    } catch (error) {
      throw new OnnxReadError(path, 0, 'a readable file', describeIoError(error));
    }
    if (opened.kind !== 'file') {
      closeSync(opened.fd);
      throw new OnnxReadError(path, 0, 'a readable file', 'not a regular file (a folder, FIFO or device)');
    }
    return new OpenFile(path, opened.fd, opened.size);
  }

  readInto(target: Uint8Array, length: number, position: number): void {
    let done = 0;
    while (done < length) {
      let n: number;
      try {
        n = readSync(this.fd, target, done, length - done, position + done);
      } catch (error) {
        throw new OnnxReadError(this.path, position + done, `${length - done} more readable bytes`, describeIoError(error));
      }
      if (n === 0) throw new OnnxReadError(this.path, position + done, `${length - done} more bytes`, 'the end of the file (did it shrink while being read?)');
      done += n;
    }
  }

  close(): void {
    closeSync(this.fd);
  }
}

export class FileByteSource implements ByteSource {
  readonly kind = 'file';
  /** smallPayloads: the small tensor payloads the reader kept, served without opening the file. */
  constructor(readonly label: string, readonly size: number, private readonly smallPayloads?: SmallPayloads) {}

  read(offset: number, length: number): Uint8Array {
    checkRange(this, offset, length);
    const kept = this.smallPayloads?.find(offset, length);
    if (kept !== undefined) return kept;
    const file = OpenFile.open(this.label);
    try {
      const bytes = new Uint8Array(length);
      file.readInto(bytes, length, offset);
      return bytes;
    } finally {
      file.close();
    }
  }
}

export function describeIoError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code} (${message})` : message;
}
