// Coverage findings as diagnostics in the Problems panel. They sit on the node's line of the model's text form
// (onnx-text:…), so a click in the Problems panel opens the text at the node. Model-level findings go on line 1.
import * as vscode from 'vscode';
import type { Finding } from '../core/coverage/findings';
import type { CheckedModel, CoverageStore } from './coverage-store';
import { modelTextUri, printedOpRanges } from './model-text';

export const DIAGNOSTIC_SOURCE = 'ONNX Op Coverage';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class CoverageDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('onnx-coverage');
  private readonly subscriptions: vscode.Disposable[];

  constructor(coverage: CoverageStore) {
    this.subscriptions = [
      coverage.onDidCheck((checked) => this.publish(checked)),
      coverage.onDidClear(() => this.collection.clear()),
    ];
  }

  publish(checked: CheckedModel): void {
    this.collection.set(modelTextUri(checked.loaded.uri), toDiagnostics(checked));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

export function toDiagnostics(checked: CheckedModel): vscode.Diagnostic[] {
  const { findings } = checked.report;
  // A finding goes on its node's line of the printed text, which costs a layout of the whole model (~1 s for
  // 200,000 nodes): made only when some finding is about a node, not for every check of a clean model.
  const opRanges = findings.some((f) => f.nodePath !== '') ? printedOpRanges(checked.loaded) : undefined;
  return findings.map((finding) => {
    const at = opRanges?.get(finding.nodePath);
    const range = at ? new vscode.Range(at.line, at.start, at.line, at.end) : new vscode.Range(0, 0, 0, 0);
    // A decomposed op's message already names its module; other findings are about one node, named first.
    const where = finding.node && finding.code !== 'decomposed-op' ? `${finding.node}: ` : '';
    const diagnostic = new vscode.Diagnostic(range, `${where}${finding.message}`, SEVERITY[finding.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = finding.code;
    return diagnostic;
  });
}
