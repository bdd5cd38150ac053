// Reading back what a hover needs from ONNX's textual syntax (the one printer.ts and onnx.printer write): the op
// name of the node on a line, and the opset imports in force there (the nearest `opset_import: [...]` header
// above it: the model's, or a model-local function's). Not a parser of the whole syntax — one line and one
// header at a time, so a hover costs the distance to its header, not the file size.
import type { OperatorSetId } from './model';

export interface TextOp {
  /** The op's domain as written ('' for the default domain). */
  domain: string;
  opType: string;
  /** The op name's columns on its line: [start, end). */
  start: number;
  end: number;
}

export interface TextOpInForce extends TextOp {
  line: number;
  /** Imports of the header in force at the line; empty when the text has none above it. */
  opsetImport: OperatorSetId[];
  /** 0-based line of that header, or -1. */
  headerLine: number;
}

const QUOTED = String.raw`"(?:[^"\\]|\\.)*"`;
const ID = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const NAME = `(?:${QUOTED}|${ID})`;
/** `[node name] out1, , out3 = domain.Op:overload <` or `(`; outputs may be empty (`Y, , Z =`) or absent (`= Op (x)`). */
const NODE_LINE = new RegExp(
  String.raw`^(\s*(?:\[\s*${NAME}\s*\]\s*)?(?:${NAME}?(?:\s*,\s*${NAME}?)*)\s*=\s*)` +
  String.raw`(${NAME}(?:\.${NAME})*)(?:\s*:\s*${NAME})?\s*[<(]`,
);
/** `opset_import:` as a header entry (first on its line, or after `<` or `,`), not inside a string. */
const HEADER_ENTRY = /(?<=^\s*|[<,]\s*)opset_import\s*:/;
const PART = new RegExp(`${QUOTED}|${ID}`, 'g');

/** The op of the node written on `lineText`, when the line is a node line. */
export function opOnLine(lineText: string): TextOp | undefined {
  const m = NODE_LINE.exec(lineText);
  if (!m) return undefined;
  const start = m[1]!.length;
  const written = m[2]!;
  const parts = [...written.matchAll(PART)].map((p) => unquote(p[0]));
  const opType = parts.pop()!;
  return { domain: parts.join('.'), opType, start, end: start + written.length };
}

/** The op under (line, character) with the imports in force there, or undefined when the position is not on an
 *  op name. `lines` may be a document's line accessor so that only the lines needed are read. */
export function opAt(lines: { count: number; at(line: number): string }, line: number, character: number): TextOpInForce | undefined {
  if (line < 0 || line >= lines.count) return undefined;
  const op = opOnLine(lines.at(line));
  if (!op || character < op.start || character > op.end) return undefined;
  for (let l = line; l >= 0; l--) {
    const header = HEADER_ENTRY.exec(stripStrings(lines.at(l)));
    if (!header) continue;
    return { ...op, line, opsetImport: parseOpsetImport(lines, l, header.index), headerLine: l };
  }
  return { ...op, line, opsetImport: [], headerLine: -1 };
}

/** Lines of a whole text, for callers that hold a string. */
export function textLines(text: string): { count: number; at(line: number): string } {
  const split = text.split(/\r?\n/);
  return { count: split.length, at: (line) => split[line] ?? '' };
}

/** `opset_import: ["" : 17, "com.microsoft" : 1]`, possibly spread over lines (read until the closing bracket). */
function parseOpsetImport(lines: { count: number; at(line: number): string }, line: number, column: number): OperatorSetId[] {
  let text = lines.at(line).slice(column);
  for (let l = line + 1; !/\]/.test(stripStrings(text)) && l < lines.count && l < line + 64; l++) text += ` ${lines.at(l)}`;
  const open = text.indexOf('[');
  if (open < 0) return [];
  const close = stripStrings(text).indexOf(']', open);
  const list = text.slice(open, close < 0 ? undefined : close);
  const entry = new RegExp(String.raw`(${NAME})\s*:\s*(\d+)`, 'g');
  return [...list.matchAll(entry)].map((m) => ({ domain: unquote(m[1]!), version: Number(m[2]) }));
}

/** Quoted strings blanked out, same length (so indices still match the text). */
function stripStrings(text: string): string {
  return text.replace(new RegExp(QUOTED, 'g'), (q) => `"${' '.repeat(q.length - 2)}"`);
}

/** A quoted name's value (JSON's escapes, which are the printer's); an identifier as is. */
function unquote(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}
