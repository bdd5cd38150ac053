// "Select Target Runtime" / "Select Target Opset": quick picks that write the onnxCoverage.* settings (the
// settings listener then re-checks every checked model). Given an argument, they set it without asking (tests).
import * as vscode from 'vscode';
import { latestOpset, listRuntimes, runtimeInfo } from '../../core/catalog';
import { runtimeDisplayName } from '../../core/coverage/engine';
import { PATTERN_IDS, RULE_INFO } from '../../core/patterns/rule-info';
import { readSettings, updateSetting, type Settings } from '../settings';

const NO_RUNTIME = 'none';

export function targetLabel(settings: Settings): string {
  const info = settings.targetRuntime ? runtimeInfo(settings.targetRuntime) : undefined;
  const runtime = info ? runtimeDisplayName(info) : 'no runtime (schemas only)';
  return `${runtime} · ${settings.targetOpset !== undefined ? `opset ${settings.targetOpset}` : "the model's opset"}`;
}

export async function selectTargetRuntimeCommand(id?: unknown): Promise<string | undefined> {
  if (typeof id === 'string') {
    if (id !== NO_RUNTIME && !runtimeInfo(id)) throw new Error(`unknown runtime '${id}'`);
    await updateSetting('targetRuntime', id);
    return id;
  }
  return pickTargetRuntime();
}

export async function pickTargetRuntime(): Promise<string | undefined> {
  const current = readSettings().targetRuntime ?? NO_RUNTIME;
  const items: Array<vscode.QuickPickItem & { id: string }> = [];
  let product = '';
  for (const info of listRuntimes()) {
    if (info.product !== product) {
      product = info.product;
      items.push({ label: product, kind: vscode.QuickPickItemKind.Separator, id: '' });
    }
    items.push({ label: `${info.id === current ? '$(check) ' : ''}${runtimeDisplayName(info)}`, description: info.id, detail: `${info.versioned ? 'opset ranges per op' : 'op list'}${info.typed ? ', data types' : ''} · ${info.source}`, id: info.id });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, id: '' });
  items.push({ label: `${current === NO_RUNTIME ? '$(check) ' : ''}No runtime`, description: NO_RUNTIME, detail: 'Check the ONNX schemas only', id: NO_RUNTIME });
  // ignoreFocusOut, as the check's own quick pick: a webview taking its focus back must not close it.
  const picked = await vscode.window.showQuickPick(items, { title: 'ONNX: Select Target Runtime', placeHolder: 'Whose operator tables should the check use?', matchOnDescription: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  await updateSetting('targetRuntime', picked.id);
  return picked.id;
}

export async function selectTargetOpsetCommand(opset?: unknown): Promise<number | null | undefined> {
  if (typeof opset === 'number' || opset === null) {
    await updateSetting('targetOpset', opset);
    return opset;
  }
  return pickTargetOpset();
}

export async function pickTargetOpset(): Promise<number | null | undefined> {
  const current = readSettings().targetOpset;
  const latest = latestOpset('') ?? 1;
  const fusedAt = fusedOpsByOpset();
  const items: Array<vscode.QuickPickItem & { opset: number | null }> = [
    { label: `${current === undefined ? '$(check) ' : ''}The model's own opset`, detail: 'Check each model at the ai.onnx opset it imports', opset: null },
    { label: '', kind: vscode.QuickPickItemKind.Separator, opset: null },
  ];
  for (let v = latest; v >= 1; v--) {
    const fused = fusedAt.get(v);
    items.push({ label: `${current === v ? '$(check) ' : ''}opset ${v}`, description: fused ? `adds ${fused.join(', ')}` : undefined, opset: v });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'ONNX: Select Target Opset', placeHolder: 'The ai.onnx opset the model must run at', ignoreFocusOut: true });
  if (!picked) return undefined;
  await updateSetting('targetOpset', picked.opset);
  return picked.opset;
}

/** Opset → the standard fused ops (replacements of decomposition rules) introduced at it. */
function fusedOpsByOpset(): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const id of PATTERN_IDS) {
    for (const r of RULE_INFO[id].replacements) {
      if (r.target !== 'onnx') continue;
      const ops = out.get(r.sinceOpset) ?? [];
      if (!ops.includes(r.op)) ops.push(r.op);
      out.set(r.sinceOpset, ops);
    }
  }
  return out;
}
