// Helpers shared by the in-host suites.
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import type { TreeElement } from '../../../src/extension/tree/elements';

export const EXTENSION_ID = 'onnx-op-coverage.onnx-op-coverage';
/** The repository (the bundled suites run from out/e2e/host). */
export const repoRoot = join(__dirname, '..', '..', '..');

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi | undefined>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  if (!api) throw new Error('the extension failed to activate (see its output channel)');
  return api;
}

/** The workspace folder of the e2e run (a fresh copy made by scripts/vscode-test/run.mjs). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the e2e run opens a workspace folder, but none is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Polls until `probe` returns a value that is not undefined, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a model in the inspector and waits until it is the active, checked model. */
export async function openModel(api: ExtensionApi, name: string): Promise<vscode.Uri> {
  const uri = workspaceUri('models', name);
  await vscode.commands.executeCommand('vscode.openWith', uri, 'onnxCoverage.inspector');
  await waitFor(`${name} to be the active, checked model`, () => (api.ctx.models.active?.uri.toString() === uri.toString() && api.ctx.coverage.get(uri) ? true : undefined));
  return uri;
}

/** Every row of the tree below `element`, depth first (expanding everything). */
export async function allTreeElements(api: ExtensionApi, element?: TreeElement): Promise<TreeElement[]> {
  const out: TreeElement[] = [];
  for (const child of await api.tree.getChildren(element)) {
    out.push(child);
    out.push(...(await allTreeElements(api, child)));
  }
  return out;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('onnxCoverage').update(key, value, vscode.ConfigurationTarget.Workspace);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
