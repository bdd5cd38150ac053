// Everything the checks of one file share: its text, its tree, what its names mean, its classes, the options.
import { collectClasses, type ClassInfo } from './classes';
import { NameResolver } from './imports';
import { SourceText } from './source-text';
import type { Node } from './syntax';
import type { PythonAnalysisOptions, StubTarget, TextEdit } from './types';
import { DEFAULT_DOMAIN } from './types';

export interface ResolvedOptions {
  domain: string;
  opName?: string;
  target: StubTarget;
  /** Null until the export call or the caller says. */
  opset: number | null;
}

export interface AnalysisContext {
  text: SourceText;
  root: Node;
  names: NameResolver;
  classes: ClassInfo[];
  options: ResolvedOptions;
}

export function createContext(source: string, root: Node, options: PythonAnalysisOptions): AnalysisContext {
  const names = new NameResolver(root);
  return {
    text: new SourceText(source),
    root,
    names,
    classes: collectClasses(root, names),
    options: { domain: options.domain ?? DEFAULT_DOMAIN, opName: options.opName, target: options.target ?? 'custom', opset: options.opset ?? null },
  };
}

export function insertAt(context: AnalysisContext, offset: number, newText: string): TextEdit {
  const position = context.text.positionAt(offset);
  return { range: { start: position, end: position }, newText };
}

export function replaceRange(context: AnalysisContext, start: number, end: number, newText: string): TextEdit {
  return { range: context.text.range(start, end), newText };
}

/** Offset of the end of the line holding `offset`, before its line ending: where text after a statement goes.
 *  (tree-sitter counts a CRLF file's `\r` into a trailing comment, so `offset` may sit between `\r` and `\n`.) */
export function endOfLine(context: AnalysisContext, offset: number): number {
  const { text } = context.text;
  let end = context.text.lineEndOf(offset);
  if (end > 0 && text[end - 1] === '\n') end--;
  if (end > 0 && text[end - 1] === '\r') end--;
  return end;
}

/**
 * Spells a qualified name with the file's imports; when the file cannot, returns the edit adding `import <root>`.
 * (`torch.autograd.Function` → `Function` if imported so, else `th.autograd.Function`, else `torch...` + import.)
 */
export function spellOrImport(context: AnalysisContext, qualified: string): { spelling: string; edits: TextEdit[] } {
  const existing = context.names.spell(qualified);
  if (existing) return { spelling: existing, edits: [] };
  const rootModule = qualified.split('.')[0]!;
  if (context.names.isBound(rootModule)) return { spelling: qualified, edits: [] }; // shadowed: leave it alone
  const { eol } = context.text;
  const edit = context.names.lastImportEnd >= 0
    ? insertAt(context, endOfLine(context, context.names.lastImportEnd), `${eol}import ${rootModule}`)
    : insertAt(context, context.text.lineStartOf(context.names.firstStatementStart), `import ${rootModule}${eol}${eol}`);
  return { spelling: qualified, edits: [edit] };
}

/** The indentation of one nesting level inside `definition` (its body's indent minus its own), else the file's unit. */
export function indentStep(context: AnalysisContext, statement: Node, body: Node | null): string {
  const outer = context.text.indentOf(statement.startIndex);
  const first = body ? body.namedChildren.find((c) => c && c.type !== 'comment') : undefined;
  if (first && context.text.lineStartOf(first.startIndex) !== context.text.lineStartOf(statement.startIndex)) {
    const inner = context.text.indentOf(first.startIndex);
    if (inner.startsWith(outer) && inner.length > outer.length) return inner.slice(outer.length);
  }
  return context.text.indentUnit();
}
