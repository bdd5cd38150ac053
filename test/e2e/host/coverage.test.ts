// "ONNX: Check Op Coverage" puts findings with their codes into the Problems panel, on the node's line of the
// model's text, for the target in the settings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { modelTextUri } from '../../../src/extension/model-text';
import { activateExtension, closeAllEditors, openModel, setSetting, waitFor, workspaceUri } from './util';

suite('Check Op Coverage', () => {
  teardown(async () => {
    await setSetting('targetOpset', undefined);
    await setSetting('targetRuntime', 'ort-cpu');
    await closeAllEditors();
  });

  test('a custom-domain op without a kernel becomes an unknown-op error on its line', async () => {
    await activateExtension();
    const uri = workspaceUri('models', 'custom_relu_with_symbolic.onnx');
    const result = await vscode.commands.executeCommand<{ codes: string[]; summary: { errors: number } }>('onnxCoverage.checkCoverage', uri);
    assert.deepEqual(result.codes, ['unknown-op']);
    assert.equal(result.summary.errors, 1);
    const textUri = modelTextUri(uri);
    const diagnostics = vscode.languages.getDiagnostics(textUri);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['unknown-op', vscode.DiagnosticSeverity.Error]]);
    const text = await vscode.workspace.openTextDocument(textUri);
    assert.equal(text.getText(diagnostics[0]!.range), 'my_domain.CustomReLU', 'the diagnostic underlines the op name on the node line');
  });

  test('a target opset from the settings is checked for real: LayerNormalization at opset 13', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'layer_norm_torch_opset17.onnx');
    await vscode.commands.executeCommand('onnxCoverage.selectTargetOpset', 13);
    const checked = await waitFor('a re-check at opset 13', () => {
      const c = api.ctx.coverage.get(uri);
      return c?.report.target.opset === 13 ? c : undefined;
    });
    assert.deepEqual(checked.report.findings.map((f) => f.code), ['op-not-in-opset']);
    const diagnostics = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(modelTextUri(uri));
      return d.length > 0 ? d : undefined;
    });
    assert.equal(diagnostics[0]!.code, 'op-not-in-opset');
    assert.match(diagnostics[0]!.message, /LayerNormalization was introduced in ai\.onnx opset 17/);
  });

  test('a decomposed RMSNorm is reported with the decomposed-op code', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('onnxCoverage.selectTargetRuntime', 'ort-webgl');
    const uri = workspaceUri('models', 'gemma_rmsnorm_opset17.onnx');
    const result = await vscode.commands.executeCommand<{ codes: string[]; target: { runtime: string } }>('onnxCoverage.checkCoverage', uri);
    assert.equal(result.target.runtime, 'ort-webgl');
    assert.deepEqual(result.codes, ['decomposed-op']);
    const diagnostics = vscode.languages.getDiagnostics(modelTextUri(uri));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'decomposed-op');
    assert.match(diagnostics[0]!.message, /RMSNorm/);
  });
});
