// The extension's state and the disposables it owns, created once in activate(). Features receive this object
// instead of reaching for globals; disposing it tears everything down.
import * as vscode from 'vscode';
import { OnnxReadError } from '../core/onnx/errors';
import { CoverageStore, type CheckedModel } from './coverage-store';
import { ModelStore, type LoadedModel } from './model-store';
import { readSettings } from './settings';

export class Ctx implements vscode.Disposable {
  readonly models = new ModelStore();
  readonly coverage = new CoverageStore();
  readonly log = vscode.window.createOutputChannel('ONNX Op Coverage', { log: true });
  private readonly disposables: vscode.Disposable[] = [this.models, this.coverage, this.log];

  constructor(readonly extension: vscode.ExtensionContext) {}

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /** Reads a model; bad input becomes an error message naming the file and byte offset, never an exception. */
  tryLoad(uri: vscode.Uri): LoadedModel | undefined {
    try {
      const loaded = this.models.load(uri);
      this.log.info(`read ${uri.fsPath}: ${loaded.nodeCount} nodes in ${loaded.readMs.toFixed(1)} ms`);
      return loaded;
    } catch (error) {
      this.reportError(`Cannot read ${vscode.workspace.asRelativePath(uri)}`, error);
      return undefined;
    }
  }

  /** Checks a model with the current settings. */
  check(loaded: LoadedModel): CheckedModel | undefined {
    try {
      const checked = this.coverage.check(loaded, readSettings());
      const s = checked.report.summary;
      this.log.info(`checked ${loaded.uri.fsPath} (opset ${checked.report.target.opset ?? '-'}, ${checked.report.target.runtime ?? 'no runtime'}): ${s.errors} errors, ${s.warnings} warnings, ${s.infos} info in ${checked.checkMs.toFixed(1)} ms`);
      return checked;
    } catch (error) {
      this.reportError(`Cannot check ${vscode.workspace.asRelativePath(loaded.uri)}`, error);
      return undefined;
    }
  }

  /** Re-checks every model checked so far (the target changed). */
  recheckAll(): void {
    const checked = this.coverage.all().map((c) => c.loaded);
    this.coverage.clear();
    for (const loaded of checked) this.check(loaded);
  }

  reportError(what: string, error: unknown): void {
    const detail = error instanceof OnnxReadError ? `${error.message}` : error instanceof Error ? error.message : String(error);
    this.log.error(`${what}: ${error instanceof Error && !(error instanceof OnnxReadError) ? error.stack ?? detail : detail}`);
    void vscode.window.showErrorMessage(`${what}: ${detail}`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
