// Line arithmetic of a Python source: '\n', '\r\n' and a lone '\r' (classic Mac files, which Python reads) all end a
// line, as they do for Python and for VS Code's document positions.
import { describe, expect, it } from 'vitest';
import { SourceText } from '../../../src/core/python/source-text';

describe('SourceText', () => {
  it('counts every kind of line ending and writes new lines with the file\'s own', () => {
    for (const eol of ['\n', '\r\n', '\r'] as const) {
      const text = new SourceText(['a = 1', '  b = 2', 'c'].join(eol));
      expect(text.eol).toBe(eol);
      const bStart = 'a = 1'.length + eol.length;
      expect(text.positionAt(bStart + 2)).toEqual({ line: 1, character: 2 });
      expect(text.offsetAt({ line: 2, character: 0 })).toBe(bStart + '  b = 2'.length + eol.length);
      expect(text.indentOf(bStart + 4)).toBe('  ');
      expect(text.lineEndOf(0)).toBe(bStart);
    }
  });

  it('reads a file mixing endings line by line (CRLF wins for new lines)', () => {
    const text = new SourceText('a\rb\r\nc\nd');
    expect([0, 2, 5, 7].map((o) => text.positionAt(o).line)).toEqual([0, 1, 2, 3]);
    expect(text.eol).toBe('\r\n');
  });
});
