// Offsets ↔ positions, line endings and indentation of one Python source text.
// Offsets are UTF-16 code units, the unit both JavaScript strings and web-tree-sitter indices use.
import type { Position, Range } from './types';

/** What ends a line of Python source: '\r\n', '\n', or a '\r' alone (classic Mac files, which Python reads). */
export const LINE_BREAK = /\r\n|\r|\n/;

export class SourceText {
  readonly text: string;
  /** What new lines are written with: the file's own ending ('\r' alone for classic Mac files, which Python reads). */
  readonly eol: '\n' | '\r\n' | '\r';
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.eol = text.includes('\r\n') ? '\r\n' : text.includes('\r') ? '\r' : '\n';
    this.lineStarts = [0];
    // A line ends at '\n', or at a '\r' not followed by one: as Python and VS Code count lines.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low]! };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)]!;
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1]! : this.text.length;
    return Math.min(start + Math.max(0, position.character), next);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStartOf(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line]!;
  }

  /** Offset just past the line holding `offset`, line ending included. */
  lineEndOf(offset: number): number {
    const line = this.positionAt(offset).line;
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
  }

  /** The whitespace that starts the line holding `offset`. */
  indentOf(offset: number): string {
    const start = this.lineStartOf(offset);
    let end = start;
    while (end < this.text.length && (this.text[end] === ' ' || this.text[end] === '\t')) end++;
    return this.text.slice(start, end);
  }

  /** One level of indentation as this file writes it: the first indented line's step, else four spaces. */
  indentUnit(): string {
    for (let line = 1; line < this.lineStarts.length; line++) {
      const indent = this.indentOf(this.lineStarts[line]!);
      const rest = this.text.slice(this.lineStarts[line]! + indent.length, this.lineStarts[line]! + indent.length + 1);
      if (indent.length > 0 && rest.trim() !== '' && rest !== '#') return indent.startsWith('\t') ? '\t' : indent;
    }
    return '    ';
  }

  /** Joins generated lines with this file's line ending. */
  lines(lines: string[]): string {
    return lines.join(this.eol);
  }
}
