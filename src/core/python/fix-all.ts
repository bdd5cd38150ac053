// Applies every preferred fix of a file. Each round analyses once and applies all fixes that do not get in each
// other's way; edits two fixes share word for word (the `import torch` line, the custom_opsets entry) are applied
// once, and a fix that collides with another waits for the next round. Re-analysing between rounds makes fixes
// compose, and a second run over the result changes nothing.
import { analyzePython } from './analyze';
import { applyEdits } from './apply-edits';
import { LINE_BREAK, SourceText } from './source-text';
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
  /** Diagnostics left after fixing (no preferred fix, or one that did not make its diagnostic go away). */
  remaining: PythonDiagnostic[];
}

const MAX_ROUNDS = 100;

export async function fixAllPython(source: string, options: PythonAnalysisOptions = {}): Promise<FixAllResult> {
  let text = source;
  const applied: AppliedFix[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const diagnostics = await analyzePython(text, options);
    const candidates = diagnostics.filter((d) => d.fixes.some((f) => f.preferred) && !tried.has(keyOf(d)));
    if (candidates.length === 0) return { text, applied, remaining: diagnostics };
    const lines = new SourceText(text);
    const accepted: { edit: TextEdit; start: number; end: number }[] = [];
    const acceptedFixes: { diagnostic: PythonDiagnostic; title: string }[] = [];
    for (const diagnostic of candidates) {
      const fix = diagnostic.fixes.find((f) => f.preferred)!;
      const own = fix.edits.map((edit) => ({ edit, start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end) }));
      const fresh = own.filter((e) => !accepted.some((a) => a.start === e.start && a.end === e.end && a.edit.newText === e.edit.newText));
      const collides = fresh.some((e) => accepted.some((a) => (e.start < a.end && a.start < e.end) || a.start === e.start || a.end === e.start || e.end === a.start));
      if (collides) continue; // next round, against the text this round produces
      accepted.push(...fresh);
      acceptedFixes.push({ diagnostic, title: fix.title });
      tried.add(keyOf(diagnostic));
    }
    const edits = accepted.map((a) => a.edit);
    text = applyEdits(text, edits);
    for (const earlier of applied) earlier.line = shiftedLine(earlier.line, edits);
    for (const { diagnostic, title } of acceptedFixes) {
      applied.push({ code: diagnostic.code, className: diagnostic.className, title, line: shiftedLine(diagnostic.range.start.line, edits) });
    }
  }
  return { text, applied, remaining: await analyzePython(text, options) };
}

/** Where `line` ends up after `edits`: moved by the lines that edits above it add or remove. */
function shiftedLine(line: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of edits) {
    const before = edit.range.start.line < line || (edit.range.start.line === line && edit.range.start.character === 0 && edit.newText.length > 0);
    if (!before) continue;
    shift += edit.newText.split(LINE_BREAK).length - 1 - (edit.range.end.line - edit.range.start.line);
  }
  return line + shift;
}

function keyOf(diagnostic: PythonDiagnostic): string {
  return `${diagnostic.code}:${diagnostic.className}:${diagnostic.message}`;
}
