// "Show Model as Text": a read-only ONNX text document with a hover on op names.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openModel } from './util';

suite('Show Model as Text', () => {
  teardown(closeAllEditors);

  test('opens the model in ONNX text syntax, with the schema on hover', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    const textUri = await vscode.commands.executeCommand<string>('onnxCoverage.showModelAsText', uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === textUri)!;
    assert.equal(document.languageId, 'onnxtxt');
    assert.match(document.getText(), /opset_import: \[""\s*:\s*17\]/);
    const line = document.getText().split('\n').findIndex((l) => /= ReduceMean\b/.test(l));
    assert.ok(line >= 0, 'ReduceMean has a line');
    // The op name, not the node name in brackets at the start of the line.
    const column = document.lineAt(line).text.indexOf('= ReduceMean') + 4;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, column));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*ReduceMean\*\*-13/);
  });

  test('has an outline: the graph, then each node by the last part of its name, at its line', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    const textUri = await vscode.commands.executeCommand<string>('onnxCoverage.showModelAsText', uri);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === textUri)!;
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0]!.kind, vscode.SymbolKind.Module);
    const nodes = symbols[0]!.children;
    assert.equal(nodes.length, 11);
    const reduceMean = nodes.find((n) => n.name === 'ReduceMean')!;
    assert.equal(reduceMean.detail, 'ReduceMean · layers.0.input_layernorm');
    assert.match(document.lineAt(reduceMean.range.start.line).text, /= ReduceMean\b/);
  });
});
