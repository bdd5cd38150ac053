// The custom editor opens .onnx files: the inspector tab appears, the model becomes active and is checked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openModel, waitFor, workspaceUri } from './util';

suite('inspector (custom editor)', () => {
  teardown(closeAllEditors);

  test('opens a .onnx file as the ONNX Model Inspector and checks it', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'the active tab is a custom editor');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'onnxCoverage.inspector');
    assert.equal((tab.input as vscode.TabInputCustom).uri.toString(), uri.toString());
    const checked = api.ctx.coverage.get(uri)!;
    assert.equal(checked.report.nodes, 11);
    assert.equal(checked.report.target.runtime, 'ort-cpu', 'the target runtime comes from the workspace settings');
  });

  test('a file that is not an ONNX model opens with a clear error, not a crash', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'models', 'not_a_model.onnx');
    // The eight-byte PNG signature, then a little more.
    await vscode.workspace.fs.writeFile(uri, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    await vscode.commands.executeCommand('vscode.openWith', uri, 'onnxCoverage.inspector');
    assert.throws(() => api.ctx.models.load(uri), (error: Error) => error.name === 'OnnxReadError' && error.message.includes('not_a_model.onnx: byte 0: expected an ONNX ModelProto'));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'the inspector still opens (and shows the error)');
  });

  test('a model cut short says so in plain words before the reader\'s precise message', async () => {
    const api = await activateExtension();
    const whole = await vscode.workspace.fs.readFile(workspaceUri('models', 'gemma_rmsnorm_opset17.onnx'));
    const uri = workspaceUri('models', 'gemma_cut_short.onnx');
    await vscode.workspace.fs.writeFile(uri, whole.subarray(0, Math.floor(whole.length / 2)));
    await vscode.commands.executeCommand('vscode.openWith', uri, 'onnxCoverage.inspector');
    const html = await waitFor('the error card', () => api.inspector.renderedHtml(uri).find((h) => h.includes('error-card')));
    const hint = html.indexOf('<p class="error-hint">The file ends in the middle of the model: it looks cut short (an interrupted download or copy?).</p>');
    assert.ok(hint > 0, html.slice(0, 800));
    assert.ok(hint < html.indexOf('class="message"'), 'the hint comes before the byte offsets');
  });
});
