// "ONNX: Check Op Coverage": the target comes from the settings; run from the palette, a quick pick first offers
// to keep it or change the runtime or opset. Results land in the Problems panel, the tree, the inspector and the
// status bar (all listen to the coverage store).
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CoverageSummary } from '../../core/coverage/report';
import type { Ctx } from '../context';
import { readSettings } from '../settings';
import { pickTargetOpset, pickTargetRuntime, targetLabel } from './select-target';
import { targetModel } from './target-model';

/** Above this many nodes the check shows a notification with progress; below it, the status-bar spinner. */
const NOTIFY_ABOVE_NODES = 5_000;

export interface CheckCommandResult {
  model: string;
  target: { opset: number | null; runtime: string | null };
  summary: CoverageSummary;
  codes: string[];
}

export async function checkCoverageCommand(ctx: Ctx, arg?: unknown): Promise<CheckCommandResult | undefined> {
  const loaded = await targetModel(ctx, arg);
  if (!loaded) return undefined;
  if (arg === undefined && !(await confirmTarget(basename(loaded.uri.fsPath)))) return undefined;
  const location = loaded.nodeCount > NOTIFY_ABOVE_NODES ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
  const checked = await vscode.window.withProgress({ location, title: `Checking op coverage of ${basename(loaded.uri.fsPath)}` }, async () => {
    // Let the progress UI paint before the synchronous check runs.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return ctx.check(loaded);
  });
  if (!checked) return undefined;
  ctx.models.setActive(loaded.uri);
  const { summary } = checked.report;
  if (summary.errors + summary.warnings + summary.infos > 0) await vscode.commands.executeCommand('workbench.actions.view.problems', { preserveFocus: true });
  return {
    model: loaded.uri.toString(),
    target: { opset: checked.report.target.opset, runtime: checked.report.target.runtime },
    summary,
    codes: [...new Set(checked.report.findings.map((f) => f.code))].sort(),
  };
}

/** The palette's quick pick: keep the target from the settings, or change it first. False when dismissed. Its title
 *  names the model: run with no editor open, the command checks the last active one. */
async function confirmTarget(fileName: string): Promise<boolean> {
  for (;;) {
    const items: Array<vscode.QuickPickItem & { action: 'check' | 'runtime' | 'opset' }> = [
      { label: '$(play) Check', description: targetLabel(readSettings()), detail: 'Use the target from the settings', action: 'check' },
      { label: '$(server-environment) Change target runtime…', action: 'runtime' },
      { label: '$(versions) Change target opset…', action: 'opset' },
    ];
    // ignoreFocusOut: run from the palette over the inspector, the webview takes its focus back a moment after the
    // palette closes, which closed this quick pick as it opened (seen in UI test runs); Escape still dismisses it.
    const picked = await vscode.window.showQuickPick(items, { title: `ONNX: Check Op Coverage of ${fileName}`, placeHolder: 'Check against the target runtime and opset', ignoreFocusOut: true });
    if (!picked) return false;
    if (picked.action === 'check') return true;
    if (picked.action === 'runtime') await pickTargetRuntime();
    else await pickTargetOpset();
  }
}
