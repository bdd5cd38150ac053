// "Go to PyTorch Source": from a node of the decomposed RMSNorm to the workspace class behind self.input_layernorm.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openModel } from './util';

suite('Go to PyTorch Source', () => {
  teardown(closeAllEditors);

  test('module scope in the node name → the class assigned to self.input_layernorm', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    const pow = api.ctx.models.get(uri)!.nodes.find((r) => r.node.name === '/layers.0/input_layernorm/Pow')!;
    const target = await vscode.commands.executeCommand<{ via: string }>('onnxCoverage.goToPytorchSource', uri.toString(), pow.path);
    assert.equal(target.via, 'module-class');
    const editor = vscode.window.activeTextEditor!;
    assert.match(editor.document.uri.path, /\/src\/gemma_model\.py$/);
    assert.equal(editor.document.getText(editor.selection), 'GemmaRMSNorm');
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^class GemmaRMSNorm\(nn\.Module\):/);
  });
});
