// File access for the reader: a file opened once for a windowed parse, and a ByteSource that re-opens the file
// for each lazy payload read, so nothing keeps a descriptor or the weights alive between requests.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { ByteSource } from './byte-source';
import { checkRange } from './byte-source';
import { OnnxReadError } from './errors';

/** An open file that the windowed cursor fills its window from. */
export interface WindowFile {
  readonly size: number;
  /** Fills target[0, length) with the file's bytes at [position, position + length). */
  readInto(target: Uint8Array, length: number, position: number): void;
}

export class OpenFile implements WindowFile {
  readonly size: number;
  private constructor(readonly path: string, private readonly fd: number) {
    this.size = fstatSync(fd).size;
  }

  /** noFollow: refuse a symbolic link at open time too (external data: closes the check-then-open race).
   *  Opened non-blocking and refused unless a regular file: a plain open() of a FIFO waits for a writer. */
  static open(path: string, options: { noFollow?: boolean } = {}): OpenFile {
    let fd: number;
    try {
      const noFollow = options.noFollow && constants.O_NOFOLLOW !== undefined ? constants.O_NOFOLLOW : 0;
      fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
    } catch (error) {
      throw new OnnxReadError(path, 0, 'a readable file', describeIoError(error));
    }
    let regular: boolean;
    try {
      regular = fstatSync(fd).isFile();
    } catch (error) {
      closeSync(fd);
      throw new OnnxReadError(path, 0, 'a readable file', describeIoError(error));
    }
    if (!regular) {
      closeSync(fd);
      throw new OnnxReadError(path, 0, 'a readable file', 'not a regular file (a folder, FIFO or device)');
    }
    try {
      return new OpenFile(path, fd);
    } catch (error) {
      closeSync(fd);
      throw new OnnxReadError(path, 0, 'a readable file', describeIoError(error));
    }
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
  constructor(readonly label: string, readonly size: number) {}

  read(offset: number, length: number): Uint8Array {
    checkRange(this, offset, length);
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
