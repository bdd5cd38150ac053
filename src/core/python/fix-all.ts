// Applies every preferred fix of a file, one at a time and re-analysing in between, so fixes that touch the
// same place (an import, the export call's custom_opsets) compose, and a second run changes nothing.
import { analyzePython } from './analyze';
import { applyEdits } from './apply-edits';
import type { PythonAnalysisOptions, PythonDiagnostic, TextEdit } from './types';

export interface AppliedFix {
  code: PythonDiagnostic['code'];
  className: string;
  title: string;
  /** 0-based line of the class in the final text. */
  line: number;
}

export interface FixAllResult {
  text: string;
  applied: AppliedFix[];
  /** Diagnostics left after fixing (no preferred fix, or one that could not be applied). */
  remaining: PythonDiagnostic[];
}

export async function fixAllPython(source: string, options: PythonAnalysisOptions = {}): Promise<FixAllResult> {
  let text = source;
  const applied: AppliedFix[] = [];
  const tried = new Set<string>();
  // Each round applies one fix; a fix whose diagnostic survives it is not tried again (no endless loop).
  for (let round = 0; round < 1000; round++) {
    const diagnostics = await analyzePython(text, options);
    const next = diagnostics.find((d) => d.fixes.some((f) => f.preferred) && !tried.has(keyOf(d)));
    if (!next) return { text, applied, remaining: diagnostics };
    tried.add(keyOf(next));
    const fix = next.fixes.find((f) => f.preferred)!;
    text = applyEdits(text, fix.edits);
    for (const earlier of applied) earlier.line = shiftedLine(earlier.line, fix.edits);
    applied.push({ code: next.code, className: next.className, title: fix.title, line: shiftedLine(next.range.start.line, fix.edits) });
  }
  return { text, applied, remaining: await analyzePython(text, options) };
}

/** Where `line` ends up after `edits`: moved by the lines that edits above it add or remove. */
function shiftedLine(line: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.range.start.line >= line && !(edit.range.start.line === line && edit.range.start.character === 0 && edit.newText.length > 0)) continue;
    const added = edit.newText.split('\n').length - 1;
    const removed = edit.range.end.line - edit.range.start.line;
    shift += added - removed;
  }
  return line + shift;
}

function keyOf(diagnostic: PythonDiagnostic): string {
  return `${diagnostic.code}:${diagnostic.className}:${diagnostic.message}`;
}
