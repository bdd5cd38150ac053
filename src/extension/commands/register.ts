// Every command of the extension, as a map from id to a factory that binds it to the context.
import * as vscode from 'vscode';
import type { Ctx } from '../context';
import { showModelText } from '../model-text';
import type { ModelTreeProvider } from '../tree/model-tree';
import type { TreeElement } from '../tree/elements';
import { checkCoverageCommand } from './check-coverage';
import { goToPytorchSourceCommand } from './go-to-source';
import { selectTargetOpsetCommand, selectTargetRuntimeCommand } from './select-target';
import { targetModel } from './target-model';
import { nodeAt } from '../node-index';
import { INSPECTOR_VIEW_TYPE } from '../inspector/provider';

export interface CommandDeps {
  tree: ModelTreeProvider;
  treeView: vscode.TreeView<TreeElement>;
}

type Factory = (ctx: Ctx, deps: CommandDeps) => (...args: unknown[]) => unknown;

const COMMANDS: Record<string, Factory> = {
  'onnxCoverage.checkCoverage': (ctx) => (arg) => checkCoverageCommand(ctx, arg),
  'onnxCoverage.selectTargetRuntime': () => (id) => selectTargetRuntimeCommand(id),
  'onnxCoverage.selectTargetOpset': () => (opset) => selectTargetOpsetCommand(opset),
  'onnxCoverage.showModelAsText': (ctx) => async (arg, nodePath) => {
    const loaded = await targetModel(ctx, arg);
    if (!loaded) return undefined;
    const editor = await showModelText(loaded, typeof nodePath === 'string' ? nodePath : undefined);
    return editor.document.uri.toString();
  },
  'onnxCoverage.goToPytorchSource': (ctx, { treeView }) => (model, nodePath) => {
    const selected = () => {
      const element = treeView.selection[0];
      return element?.kind === 'node' ? element.ref.path : undefined;
    };
    // From the tree's context menu the argument is the node's row; from links and the inspector, (model, path).
    if (isNodeElement(model)) return goToPytorchSourceCommand(ctx, selected, undefined, model.ref.path);
    return goToPytorchSourceCommand(ctx, selected, model, nodePath);
  },
  'onnxCoverage.openModel': () => async () => {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'ONNX models': ['onnx'] }, title: 'Open an ONNX model' });
    if (picked?.[0]) await vscode.commands.executeCommand('vscode.openWith', picked[0], INSPECTOR_VIEW_TYPE);
  },
  'onnxCoverage.groupByOpType': (_ctx, { tree }) => () => tree.setGrouped(true),
  'onnxCoverage.showFlat': (_ctx, { tree }) => () => tree.setGrouped(false),
  'onnxCoverage.revealNode': (ctx, { tree, treeView }) => async (model, nodePath) => {
    const loaded = await targetModel(ctx, model);
    if (!loaded || typeof nodePath !== 'string' || !nodeAt(loaded, nodePath)) return;
    ctx.models.setActive(loaded.uri);
    const element = tree.elementForNode(nodePath);
    if (element && treeView.visible) await treeView.reveal(element, { select: true, focus: false, expand: true });
    await showModelText(loaded, nodePath, { preserveFocus: true });
  },
};

function isNodeElement(value: unknown): value is Extract<TreeElement, { kind: 'node' }> {
  return typeof value === 'object' && value !== null && (value as TreeElement).kind === 'node';
}

export function registerCommands(ctx: Ctx, deps: CommandDeps): void {
  for (const [id, factory] of Object.entries(COMMANDS)) ctx.own(vscode.commands.registerCommand(id, factory(ctx, deps)));
}
