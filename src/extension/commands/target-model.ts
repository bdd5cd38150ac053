// Which model a command is about: the one it was given (explorer, editor title, tree, hover link), else the active
// model, else one the user picks from the workspace.
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import type { LoadedModel } from '../model-store';
import { modelUriOfText } from '../model-text';

export async function targetModel(ctx: Ctx, arg: unknown): Promise<LoadedModel | undefined> {
  const given = uriFrom(arg);
  if (given) return ctx.tryLoad(given);
  if (ctx.models.active) return ctx.models.active;
  const fromEditor = activeModelUri();
  if (fromEditor) return ctx.tryLoad(fromEditor);
  const files = await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 500);
  if (files.length === 0) {
    void vscode.window.showInformationMessage('No .onnx model is open or in the workspace.');
    return undefined;
  }
  const picked = files.length === 1 ? { uri: files[0]! } : await vscode.window.showQuickPick(
    files.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Which model?', placeHolder: 'Pick an ONNX model', matchOnDescription: true },
  );
  return picked ? ctx.tryLoad(picked.uri) : undefined;
}

function uriFrom(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return modelUriOfText(arg) ?? arg;
  if (typeof arg === 'string' && arg !== '') return vscode.Uri.parse(arg, true);
  return undefined;
}

/** The model behind the active tab: the inspector (custom editor) or the model's text. */
export function activeModelUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom && input.viewType === 'onnxCoverage.inspector') return input.uri;
  if (input instanceof vscode.TabInputText) return modelUriOfText(input.uri) ?? (input.uri.path.endsWith('.onnx') ? input.uri : undefined);
  return undefined;
}
