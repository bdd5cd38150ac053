// Python: the core's diagnostics appear on the document and the preferred quick fix edits it exactly as expected.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, repoRoot, waitFor, workspaceUri } from './util';

suite('Python quick fixes', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closeAllEditors();
  });

  test('missing symbolic: the preferred fix adds symbolic with setType, byte for byte', async () => {
    await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri('src', 'custom_relu.py'));
    await vscode.window.showTextDocument(document);
    const diagnostic = await waitFor('the missing-symbolic diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'missing-symbolic'));
    assert.equal(document.getText(diagnostic.range), 'MyReLU');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0]!.title, 'Add symbolic emitting custom::MyReLU');
    assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!));
    assert.equal(document.getText(), readFileSync(join(repoRoot, 'test', 'e2e', 'expected', 'custom_relu.fixed.py'), 'utf8'));
    // Refreshed on change: the fixed class has no diagnostic left.
    await waitFor('the diagnostic to go away', () => (vscode.languages.getDiagnostics(document.uri).some((d) => d.code === 'missing-symbolic') ? undefined : true));
  });

  test('a decomposable module offers "Export as one op" fixes', async () => {
    await activateExtension();
    const document = await vscode.workspace.openTextDocument(workspaceUri('src', 'gemma_model.py'));
    const diagnostic = await waitFor('the decomposable-module diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'decomposable-module'));
    assert.equal(document.getText(diagnostic.range), 'GemmaRMSNorm');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    assert.ok(actions.some((a) => a.isPreferred && /Export GemmaRMSNorm as one custom::RMSNorm op/.test(a.title)), actions.map((a) => a.title).join(' | '));
  });
});
