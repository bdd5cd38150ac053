// Extension entry point: wires VS Code features to the pure core. No ONNX or Python logic lives here.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  for (const c of ['checkCoverage', 'selectTargetRuntime', 'selectTargetOpset', 'showModelAsText', 'goToPytorchSource', 'openModel', 'groupByOpType', 'showFlat', 'revealNode']) {
    context.subscriptions.push(vscode.commands.registerCommand(`onnxCoverage.${c}`, () => undefined));
  }
}

export function deactivate(): void {}
