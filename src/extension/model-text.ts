// "Show Model as Text": a read-only virtual document (scheme onnx-text) in ONNX's textual syntax, written by the
// core printer, with a hover on every op name. The printed text also gives each node its line, which is where
// the coverage diagnostics go (so the Problems panel jumps to the node).
import * as vscode from 'vscode';
import { modelOutline, type OutlineEntry } from '../core/onnx/outline';
import { printedOpAt } from '../core/onnx/printed-op-at';
import { printModel, type PrintedModel } from '../core/onnx/printer';
import type { CoverageStore } from './coverage-store';
import type { LoadedModel, ModelStore } from './model-store';
import { nodeHover } from './node-hover';
import { nodeAt } from './node-index';
import { readSettings } from './settings';

export const MODEL_TEXT_SCHEME = 'onnx-text';

/** `onnx-text:/dir/model.onnxtxt?<model uri>`: ends in .onnxtxt so the ONNX text language and grammar apply. */
export function modelTextUri(modelUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: MODEL_TEXT_SCHEME, path: `${modelUri.path.replace(/\.onnx$/i, '')}.onnxtxt`, query: modelUri.toString() });
}

export function modelUriOfText(textUri: vscode.Uri): vscode.Uri | undefined {
  return textUri.scheme === MODEL_TEXT_SCHEME && textUri.query ? vscode.Uri.parse(textUri.query, true) : undefined;
}

const printed = new WeakMap<LoadedModel, PrintedModel>();
const layouts = new WeakMap<LoadedModel, OpRanges>();
const outlines = new WeakMap<LoadedModel, OutlineEntry[]>();

/** The printed form of a model, computed once per read of the model. */
export function printedModel(loaded: LoadedModel): PrintedModel {
  let result = printed.get(loaded);
  if (!result) {
    result = printModel(loaded.model, { nodes: loaded.nodes });
    printed.set(loaded, result);
  }
  return result;
}

type OpRanges = PrintedModel['opRanges'];

/** Where each node's op sits in the printed form, without the text when it was not printed yet (half the work on
 *  a big graph): what diagnostics need to place findings, on every check, whether the text is ever opened or not. */
export function printedOpRanges(loaded: LoadedModel): OpRanges {
  const full = printed.get(loaded);
  if (full) return full.opRanges;
  let ranges = layouts.get(loaded);
  if (!ranges) layouts.set(loaded, (ranges = printModel(loaded.model, { layoutOnly: true, nodes: loaded.nodes }).opRanges));
  return ranges;
}

const SYMBOL_KINDS: Record<OutlineEntry['kind'], vscode.SymbolKind> = {
  graph: vscode.SymbolKind.Module,
  function: vscode.SymbolKind.Function,
  subgraph: vscode.SymbolKind.Namespace,
  node: vscode.SymbolKind.Event,
};

export class ModelTextProvider implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.DocumentSymbolProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly models: ModelStore, private readonly coverage: CoverageStore) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const modelUri = modelUriOfText(uri);
    if (!modelUri) throw new Error(`${uri.toString()} does not name a model`);
    return printedModel(this.models.load(modelUri)).text;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const modelUri = modelUriOfText(document.uri);
    const loaded = modelUri ? this.models.get(modelUri) : undefined;
    if (!loaded) return undefined;
    const op = printedOpAt(printedModel(loaded), position.line, position.character);
    const ref = op ? nodeAt(loaded, op.path) : undefined;
    if (!op || !ref) return undefined;
    const { line, start, end } = op.range;
    return new vscode.Hover(nodeHover(loaded, ref, this.coverage.get(loaded.uri), readSettings()), new vscode.Range(line, start, line, end));
  }

  /** Outline, breadcrumbs and Go to Symbol: the model's graphs, functions and nodes at their printed lines. */
  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const modelUri = modelUriOfText(document.uri);
    const loaded = modelUri ? this.models.get(modelUri) : undefined;
    if (!loaded) return [];
    // Clamped: the model may have changed on disk a moment before its text is printed again.
    const lastLine = Math.max(0, document.lineCount - 1);
    const symbol = (entry: OutlineEntry): vscode.DocumentSymbol => {
      const first = Math.min(entry.line, lastLine);
      const last = Math.min(Math.max(entry.endLine, first), lastLine);
      const range = new vscode.Range(first, 0, last, document.lineAt(last).text.length);
      const made = new vscode.DocumentSymbol(entry.name, entry.detail, SYMBOL_KINDS[entry.kind], range, document.lineAt(first).range);
      made.children = entry.children.map(symbol);
      return made;
    };
    // Asked again on every switch to the editor (breadcrumbs, Outline): worked out once per read of the model.
    let outline = outlines.get(loaded);
    if (!outline) outlines.set(loaded, (outline = modelOutline(loaded.model, printedModel(loaded).nodeLines)));
    return outline.map(symbol);
  }

  /** The model file changed on disk: re-print its open text. */
  modelChanged(modelUri: vscode.Uri): void {
    this.changeEmitter.fire(modelTextUri(modelUri));
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Opens the text of a model beside the current editor, optionally at one node. */
export async function showModelText(loaded: LoadedModel, nodePath?: string, options: { preserveFocus?: boolean } = {}): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(modelTextUri(loaded.uri));
  const range = nodePath !== undefined ? printedModel(loaded).opRanges.get(nodePath) : undefined;
  const selection = range ? new vscode.Range(range.line, range.start, range.line, range.end) : undefined;
  const editor = await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false, selection });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
