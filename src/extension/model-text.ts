// "Show Model as Text": a read-only virtual document (scheme onnx-text) in ONNX's textual syntax, written by the
// core printer, with a hover on every op name. The printed text also gives each node its line, which is where
// the coverage diagnostics go (so the Problems panel jumps to the node).
import * as vscode from 'vscode';
import { printModel, type PrintedModel } from '../core/onnx/printer';
import type { CoverageStore } from './coverage-store';
import type { LoadedModel, ModelStore } from './model-store';
import { nodeHover } from './node-hover';
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

/** The printed form of a model, computed once per read of the model. */
export function printedModel(loaded: LoadedModel): PrintedModel {
  let result = printed.get(loaded);
  if (!result) {
    result = printModel(loaded.model);
    printed.set(loaded, result);
  }
  return result;
}

export class ModelTextProvider implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable {
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
    for (const [path, range] of printedModel(loaded).opRanges) {
      if (range.line !== position.line || position.character < range.start || position.character > range.end) continue;
      const ref = loaded.byPath.get(path);
      if (!ref) return undefined;
      return new vscode.Hover(nodeHover(loaded, ref, this.coverage.get(loaded.uri), readSettings()), new vscode.Range(range.line, range.start, range.line, range.end));
    }
    return undefined;
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
