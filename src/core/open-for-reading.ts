// Opening a file a user or a downloaded model names, for reading, without hanging on what is not a file.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';

export interface OpenedForReading {
  fd: number;
  kind: 'file' | 'directory' | 'other';
  size: number;
}

/** Opens `path` read-only and non-blocking (a plain open() of a FIFO waits for a writer, forever) and says what it
 *  is; the caller refuses what is not a file and closes `fd`. noFollow refuses a symbolic link at open time too.
 *  Errors of open and fstat are thrown as they are, for the caller to word. */
export function openForReading(path: string, options: { noFollow?: boolean } = {}): OpenedForReading {
  const noFollow = options.noFollow && constants.O_NOFOLLOW !== undefined ? constants.O_NOFOLLOW : 0;
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | noFollow);
  try {
    const stat = fstatSync(fd);
    return { fd, kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}
