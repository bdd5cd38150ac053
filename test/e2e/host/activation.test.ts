// The extension loads in a real VS Code, activates without errors and registers its commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './util';

suite('activation', () => {
  test('activates and registers every contributed command', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const contributed: Array<{ command: string }> = extension.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  test('activate() only wires things up: it finishes within 500 ms', async () => {
    const api = await activateExtension();
    console.log(`activate() took ${api.activationMs.toFixed(1)} ms`);
    assert.ok(api.activationMs < 500, `activate() took ${api.activationMs.toFixed(0)} ms`);
  });
});
