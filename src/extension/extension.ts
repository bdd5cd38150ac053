// Extension entry point: wires VS Code features to the pure core. No ONNX or Python logic lives here.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
