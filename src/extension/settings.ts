// The extension's settings, all under `onnxCoverage.*`, read in one place with their types.
import * as vscode from 'vscode';
import type { StubTarget } from '../core/python/types';

export const SECTION = 'onnxCoverage';

export interface Settings {
  /** The ai.onnx opset to check against; undefined: the model's own import. */
  targetOpset: number | undefined;
  /** Runtime id from the catalog; undefined: schemas only. */
  targetRuntime: string | undefined;
  customDomain: string;
  stubTarget: StubTarget;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const opset = config.get<number | null>('targetOpset', null);
  const runtime = config.get<string>('targetRuntime', 'ort-cpu');
  return {
    targetOpset: typeof opset === 'number' && Number.isInteger(opset) && opset > 0 ? opset : undefined,
    targetRuntime: runtime && runtime !== 'none' ? runtime : undefined,
    customDomain: config.get<string>('customDomain', 'custom') || 'custom',
    stubTarget: config.get<StubTarget>('stubTarget', 'custom'),
  };
}

/** Writes a setting where the user will look for it: the workspace when one is open, else the user settings. */
export async function updateSetting(key: 'targetOpset' | 'targetRuntime', value: unknown): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update(key, value, target);
}

export function onDidChangeSettings(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener();
  });
}
