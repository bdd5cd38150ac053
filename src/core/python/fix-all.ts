// Applies every preferred fix of a file, one at a time and re-analysing in between, so fixes that touch the
// same place (an import, the export call's custom_opsets) compose, and a second run changes nothing.
import { analyzePython } from './analyze';
import { applyEdits } from './apply-edits';
import type { PythonAnalysisOptions, PythonDiagnostic } from './types';

export interface AppliedFix {
  code: PythonDiagnostic['code'];
  className: string;
  title: string;
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
    applied.push({ code: next.code, className: next.className, title: fix.title, line: next.range.start.line });
  }
  return { text, applied, remaining: await analyzePython(text, options) };
}

function keyOf(diagnostic: PythonDiagnostic): string {
  return `${diagnostic.code}:${diagnostic.className}:${diagnostic.message}`;
}
