// Applies text edits the way an editor does: all ranges refer to the original text.
import { SourceText } from './source-text';
import type { TextEdit } from './types';

export class OverlappingEditsError extends Error {
  constructor(readonly first: TextEdit, readonly second: TextEdit) {
    super(`edits overlap at line ${second.range.start.line + 1}, character ${second.range.start.character + 1}`);
    this.name = 'OverlappingEditsError';
  }
}

export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const text = new SourceText(source);
  const resolved = edits
    .map((edit, order) => ({ edit, order, start: text.offsetAt(edit.range.start), end: text.offsetAt(edit.range.end) }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < resolved.length; i++) {
    const previous = resolved[i - 1]!;
    const current = resolved[i]!;
    // Two insertions at one point are fine (kept in the given order); anything else sharing text is not.
    if (current.start < previous.end) throw new OverlappingEditsError(previous.edit, current.edit);
  }
  let out = '';
  let cursor = 0;
  for (const { edit, start, end } of resolved) {
    out += source.slice(cursor, start) + edit.newText;
    cursor = end;
  }
  return out + source.slice(cursor);
}
