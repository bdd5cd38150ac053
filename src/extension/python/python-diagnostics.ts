// Diagnostics for Python documents from the core's analyzePython (missing `symbolic`, missing `setType`,
// decomposable modules, …), refreshed as the document changes. Keeps the analysis of each document's current
// version so the code-action provider can offer its fixes.
import * as vscode from 'vscode';
import { analyzePython } from '../../core/python/analyze';
import type { PythonDiagnostic } from '../../core/python/types';
import type { Ctx } from '../context';
import { readSettings } from '../settings';

export const PYTHON_DIAGNOSTIC_SOURCE = 'ONNX Op Coverage';
const DEBOUNCE_MS = 250;

const SEVERITY: Record<PythonDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export interface AnalyzedDocument {
  version: number;
  pairs: Array<{ diagnostic: vscode.Diagnostic; source: PythonDiagnostic }>;
}

export class PythonDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('onnx-coverage-python');
  private readonly analyzed = new Map<string, AnalyzedDocument>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ctx: Ctx) {
    this.subscriptions = [
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    ];
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  /** The analysis of the document's current version, running it now if it is stale (code actions, tests). */
  async analysisOf(document: vscode.TextDocument): Promise<AnalyzedDocument | undefined> {
    if (document.languageId !== 'python') return undefined;
    const key = document.uri.toString();
    const current = this.analyzed.get(key);
    if (current?.version === document.version) return current;
    await (this.pending.get(key) ?? this.analyze(document));
    const fresh = this.analyzed.get(key);
    return fresh?.version === document.version ? fresh : undefined;
  }

  /** Re-analyses every open Python document (settings changed). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'python') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.analyze(document);
    }, delay));
  }

  private analyze(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const version = document.version;
    const settings = readSettings();
    const run = analyzePython(document.getText(), { domain: settings.customDomain, target: settings.stubTarget })
      .then((diagnostics) => {
        if (document.isClosed || document.version !== version) return;
        const pairs = diagnostics.map((source) => ({ diagnostic: toDiagnostic(source), source }));
        this.analyzed.set(key, { version, pairs });
        this.collection.set(document.uri, pairs.map((p) => p.diagnostic));
      })
      .catch((error: unknown) => this.ctx.log.error(`analysing ${document.uri.fsPath}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => {
        if (this.pending.get(key) === run) this.pending.delete(key);
      });
    this.pending.set(key, run);
    return run;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.analyzed.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

function toDiagnostic(source: PythonDiagnostic): vscode.Diagnostic {
  const { start, end } = source.range;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), source.message, SEVERITY[source.severity]);
  diagnostic.source = PYTHON_DIAGNOSTIC_SOURCE;
  diagnostic.code = source.code;
  return diagnostic;
}
