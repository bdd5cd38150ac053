// Hovering an op name in a standalone .onnxtxt file shows its schema at the file's own opset header: the model's
// for graph nodes, a model-local function's for the nodes in its body.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, workspaceUri } from './util';

async function hoverText(document: vscode.TextDocument, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('.onnxtxt hover', () => {
  teardown(closeAllEditors);

  test('shows the schema in force at the file\'s opset header', async () => {
    await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri('text', 'rmsnorm.onnxtxt'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'onnxtxt');
    const lineOf = (needle: string) => document.getText().split('\n').findIndex((l) => l.includes(needle));

    // Main graph, header opset 17: ReduceMean-13 (axes an attribute until 18).
    const mean = lineOf('= ReduceMean <axes');
    const graphHover = await hoverText(document, mean, document.lineAt(mean).text.indexOf('ReduceMean') + 2);
    assert.match(graphHover, /\*\*ReduceMean\*\*-13/);
    assert.match(graphHover, /resolved at opset 17/);
    assert.match(graphHover, /opset header on line 3/);

    // The function's body, its own header at opset 18: ReduceMean-18.
    const fnMean = lineOf('r = ReduceMean');
    const fnHover = await hoverText(document, fnMean, document.lineAt(fnMean).text.indexOf('ReduceMean') + 2);
    assert.match(fnHover, /\*\*ReduceMean\*\*-18/);
    assert.match(fnHover, /opset header on line 13/);

    // A call of the model-local function is no catalog op: said plainly, not a crash.
    const call = lineOf('local.Norm');
    assert.match(await hoverText(document, call, document.lineAt(call).text.indexOf('Norm') + 1), /No schema in force/);
    // The node's name in brackets is not an op: no hover of ours.
    assert.doesNotMatch(await hoverText(document, mean, document.lineAt(mean).text.indexOf('mean')), /ReduceMean/);
  });
});
