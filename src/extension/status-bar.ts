// A status-bar item with the active model's coverage summary; a click runs the check.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { escapeMarkdown as escape } from '../core/catalog';
import type { CheckedModel, CoverageStore } from './coverage-store';
import type { LoadedModel, ModelStore } from './model-store';
import { quantizationTotalsMarkdown } from './quantization-markdown';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('onnxCoverage.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly models: ModelStore, private readonly coverage: CoverageStore) {
    this.item.name = 'ONNX Op Coverage';
    this.subscriptions = [models.onDidChangeActive(() => this.update()), coverage.onDidCheck(() => this.update()), coverage.onDidClear(() => this.update())];
    this.update();
  }

  update(): void {
    const loaded = this.models.active;
    if (!loaded) {
      this.item.hide();
      return;
    }
    const checked = this.coverage.get(loaded.uri);
    const { text, tooltip, background } = checked ? describeChecked(checked) : describeUnchecked(loaded);
    // Clicking checks this model again with the current target (the palette is where the target is changed).
    this.item.command = { command: 'onnxCoverage.checkCoverage', title: 'Check Op Coverage', arguments: [loaded.uri] };
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
    this.item.show();
  }

  /** What the item shows now (the in-host tests read the tooltip a person sees on hover). */
  get state(): Pick<vscode.StatusBarItem, 'text' | 'tooltip' | 'backgroundColor'> {
    return { text: this.item.text, tooltip: this.item.tooltip, backgroundColor: this.item.backgroundColor };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

function describeUnchecked(loaded: LoadedModel): { text: string; tooltip: string; background?: vscode.ThemeColor } {
  return { text: `$(circuit-board) ONNX: ${loaded.nodeCount} nodes`, tooltip: `${basename(loaded.uri.fsPath)}: not checked yet. Click to check op coverage.` };
}

function describeChecked(checked: CheckedModel): { text: string; tooltip: vscode.MarkdownString; background?: vscode.ThemeColor } {
  const { summary, target } = checked.report;
  const runtime = target.runtimeName ?? 'schemas only';
  const opset = target.opset === null ? 'no ai.onnx import' : `opset ${target.opset}`;
  const decomposed = checked.report.decompositions.length;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escape(basename(checked.loaded.uri.fsPath))}**\n\n`);
  tooltip.appendMarkdown(`${summary.nodesChecked} nodes checked against ${opset} · ${escape(runtime)}\n\n`);
  tooltip.appendMarkdown(`$(error) ${summary.errors} errors · $(warning) ${summary.warnings} warnings · $(info) ${summary.infos} info`);
  if (decomposed) tooltip.appendMarkdown(`\n\n$(combine) ${decomposed} decomposed op${decomposed === 1 ? '' : 's'}`);
  const quantized = quantizationTotalsMarkdown(checked.report.quantization);
  if (quantized) tooltip.appendMarkdown(`\n\n${quantized}`);
  if (summary.unsupportedOps.length) tooltip.appendMarkdown(`\n\nCannot run: ${summary.unsupportedOps.map(escape).join(', ')}`);
  tooltip.appendMarkdown('\n\nClick to check again.');
  if (summary.errors > 0) return { text: `$(error) ONNX: ${summary.errors} error${summary.errors === 1 ? '' : 's'}`, tooltip, background: new vscode.ThemeColor('statusBarItem.errorBackground') };
  if (summary.warnings > 0) return { text: `$(warning) ONNX: ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`, tooltip, background: new vscode.ThemeColor('statusBarItem.warningBackground') };
  return { text: `$(pass) ONNX: ${summary.ok}/${summary.nodesChecked} ok${decomposed ? ` · ${decomposed} decomposed` : ''}`, tooltip };
}
