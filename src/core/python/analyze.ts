// analyzePython: the one entry point editors and the CLI use. Parses once, checks every intact class,
// and reports syntax errors as diagnostics of their own (a broken class does not stop the others).
import { terminalSafe } from '../coverage/terminal-safe';
import type { ClassInfo } from './classes';
import { createContext, type AnalysisContext } from './context';
import { checkAutogradFunction } from './function-checks';
import { checkModule } from './module-checks';
import { parsePython } from './parser';
import type { Node } from './syntax';
import type { PythonAnalysisOptions, PythonDiagnostic } from './types';
import { LINE_BREAK } from './source-text';

export async function analyzePython(source: string, options: PythonAnalysisOptions = {}): Promise<PythonDiagnostic[]> {
  const tree = await parsePython(source);
  try {
    const context = createContext(source, tree.rootNode, options);
    const diagnostics = syntaxErrors(context);
    for (const info of context.classes) {
      if (info.broken) continue;
      diagnostics.push(...checkClassSafely(context, info));
    }
    return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  } finally {
    tree.delete();
  }
}

/** A class too deeply nested to walk (hostile or generated code) is skipped rather than crashing the host. */
function checkClassSafely(context: AnalysisContext, info: ClassInfo): PythonDiagnostic[] {
  try {
    return checkClass(context, info);
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

function checkClass(context: AnalysisContext, info: ClassInfo): PythonDiagnostic[] {
  switch (info.kind) {
    case 'autograd-function':
      return checkAutogradFunction(context, info);
    case 'module':
      return checkModule(context, info);
    default:
      return [];
  }
}

function syntaxErrors(context: AnalysisContext): PythonDiagnostic[] {
  if (!context.root.hasError) return [];
  const out: PythonDiagnostic[] = [];
  for (const node of brokenNodes(context.root)) {
    const owner = enclosingClass(node);
    // terminalSafe after JSON.stringify: the quote must not carry bidi overrides, C1 controls or separators either.
    const what = node.isMissing ? `missing ${node.type}` : `unexpected ${terminalSafe(JSON.stringify(truncate(node.text)))}`;
    out.push({
      code: 'syntax-error',
      severity: 'error',
      message: `Syntax error: ${what}${owner ? ` in class ${owner}` : ''}; this part of the file is not analysed.`,
      range: context.text.range(node.startIndex, Math.max(node.endIndex, node.startIndex)),
      className: owner ?? '',
      fixes: [],
    });
  }
  return out;
}

/** The outermost ERROR and MISSING nodes, by cursor (only broken subtrees are entered). */
function* brokenNodes(root: Node): Generator<Node> {
  const cursor = root.walk();
  let depth = 0;
  try {
    for (;;) {
      const broken = cursor.nodeType === 'ERROR' || cursor.nodeIsMissing;
      if (broken) yield cursor.currentNode;
      // Only subtrees that contain an error are worth entering.
      if (!broken && cursor.currentNode.hasError && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent()) return;
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

function enclosingClass(node: Node): string | null {
  for (let current: Node | null = node.parent; current; current = current.parent) {
    if (current.type === 'class_definition') return current.childForFieldName('name')?.text ?? null;
  }
  return null;
}

function truncate(text: string): string {
  const line = text.split(LINE_BREAK)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
