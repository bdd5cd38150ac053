// The file's own `torch.onnx.export(...)` calls: the opset they export with, and the edit that registers a
// custom domain in their `custom_opsets` (torch needs it for every non-standard domain a symbolic emits).
import { insertAt, type AnalysisContext } from './context';
import { field, namedChildren, nodesOfType, stringValue, unparenthesize, type Node } from './syntax';
import type { TextEdit } from './types';

const CALL_TYPES = new Set(['call']);
const EXPORT_FUNCTIONS = new Set(['torch.onnx.export', 'torch.onnx.utils.export']);

const cache = new WeakMap<AnalysisContext, Node[]>();

/** The file's export calls, found once per analysis (every module check asks). */
export function exportCalls(context: AnalysisContext): Node[] {
  const cached = cache.get(context);
  if (cached) return cached;
  const calls: Node[] = [];
  for (const node of nodesOfType(context.root, CALL_TYPES)) {
    if (EXPORT_FUNCTIONS.has(context.names.qualify(field(node, 'function')) ?? '') && !node.hasError) calls.push(node);
  }
  cache.set(context, calls);
  return calls;
}

function keywordArgument(call: Node, name: string): Node | null {
  for (const argument of namedChildren(field(call, 'arguments') ?? call)) {
    if (argument.type === 'keyword_argument' && field(argument, 'name')?.text === name) return field(argument, 'value');
  }
  return null;
}

/** The opset the file exports with: the `opset_version=` literal of its export calls (the lowest if several). */
export function exportOpset(context: AnalysisContext): number | null {
  let lowest: number | null = null;
  for (const call of exportCalls(context)) {
    const value = keywordArgument(call, 'opset_version');
    const node = value ? unparenthesize(value) : null;
    if (node?.type === 'integer') {
      const opset = Number(node.text);
      lowest = lowest === null ? opset : Math.min(lowest, opset);
    }
  }
  return lowest;
}

/** Edits adding `"domain": 1` to each export call's custom_opsets; a call whose custom_opsets is not a dict literal is left alone. */
export function customOpsetEdits(context: AnalysisContext, domain: string): TextEdit[] {
  if (domain === '' || domain === 'ai.onnx') return [];
  const edits: TextEdit[] = [];
  const entry = `${JSON.stringify(domain)}: 1`;
  for (const call of exportCalls(context)) {
    const existing = keywordArgument(call, 'custom_opsets');
    if (existing) {
      const dict = unparenthesize(existing);
      if (dict.type !== 'dictionary') continue;
      const pairs = namedChildren(dict).filter((p) => p.type === 'pair');
      if (pairs.some((pair) => stringValue(field(pair, 'key')) === domain)) continue;
      const last = pairs[pairs.length - 1];
      edits.push(last ? insertAt(context, last.endIndex, `, ${entry}`) : insertAt(context, dict.startIndex + 1, entry));
      continue;
    }
    edits.push(appendKeyword(context, call, `custom_opsets={${entry}}`));
  }
  return edits;
}

/** A keyword argument after the last argument, one per line when the call is written one per line. */
function appendKeyword(context: AnalysisContext, call: Node, text: string): TextEdit {
  const list = field(call, 'arguments')!;
  const args = namedChildren(list);
  const last = args[args.length - 1];
  if (!last) return insertAt(context, list.startIndex + 1, text);
  const closing = list.endIndex - 1;
  const between = context.text.text.slice(last.endIndex, closing);
  const trailingComma = between.includes(',');
  const multiline = context.text.positionAt(last.startIndex).line !== context.text.positionAt(args[0]!.startIndex).line
    || context.text.positionAt(closing).line !== context.text.positionAt(last.endIndex).line;
  if (multiline && context.text.positionAt(closing).line !== context.text.positionAt(last.endIndex).line) {
    const indent = context.text.indentOf(last.startIndex);
    const at = last.endIndex + (trailingComma ? between.indexOf(',') + 1 : 0);
    return insertAt(context, at, `${trailingComma ? '' : ','}${context.text.eol}${indent}${text}${trailingComma ? ',' : ''}`);
  }
  return insertAt(context, last.endIndex + (trailingComma ? between.indexOf(',') + 1 : 0), trailingComma ? ` ${text}` : `, ${text}`);
}
