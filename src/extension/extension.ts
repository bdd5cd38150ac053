// Extension entry point: wires VS Code features to the pure core. No ONNX or Python logic lives here;
// activate() only creates the context and registers each feature (one file each).
import * as vscode from 'vscode';
import { setPythonWasmDir } from '../core/python/parser';
import { registerCommands } from './commands/register';
import { activeModelUri } from './commands/target-model';
import { Ctx } from './context';
import { CoverageDiagnostics } from './diagnostics';
import { INSPECTOR_VIEW_TYPE, InspectorProvider } from './inspector/provider';
import { MODEL_TEXT_SCHEME, ModelTextProvider } from './model-text';
import { OnnxTextHoverProvider } from './onnxtxt-hover';
import { PythonCodeActions } from './python/code-actions';
import { PythonDiagnostics } from './python/python-diagnostics';
import { onDidChangeSettings } from './settings';
import { CoverageStatusBar } from './status-bar';
import { ModelTreeProvider } from './tree/model-tree';

/** What activate() returns: the live stores and the tree, for the in-host tests. */
export interface ExtensionApi {
  ctx: Ctx;
  tree: ModelTreeProvider;
  statusBar: CoverageStatusBar;
  inspector: InspectorProvider;
  /** How long activate() took, in milliseconds. */
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi | undefined {
  const started = performance.now();
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  try {
    const api = { ...wire(ctx), activationMs: performance.now() - started };
    ctx.log.info(`activated in ${api.activationMs.toFixed(1)} ms`);
    return api;
  } catch (error) {
    ctx.reportError('ONNX Op Coverage failed to start', error);
    return undefined;
  }
}

function wire(ctx: Ctx): Omit<ExtensionApi, 'activationMs'> {
  // tree-sitter's WebAssembly files ship in dist/ beside the bundle.
  setPythonWasmDir(vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist').fsPath);

  const tree = ctx.own(new ModelTreeProvider(ctx.models, ctx.coverage, ctx.extension.workspaceState));
  const treeView = ctx.own(vscode.window.createTreeView('onnxCoverage.model', { treeDataProvider: tree, showCollapseAll: true }));
  const updateTree = () => {
    const loaded = ctx.models.active;
    const checked = loaded ? ctx.coverage.get(loaded.uri) : undefined;
    void vscode.commands.executeCommand('setContext', 'onnxCoverage.hasModel', loaded !== undefined);
    treeView.description = loaded ? vscode.workspace.asRelativePath(loaded.uri) : undefined;
    const problems = checked ? checked.report.summary.errors + checked.report.summary.warnings : 0;
    treeView.badge = problems > 0 ? { value: problems, tooltip: `${problems} coverage problem${problems === 1 ? '' : 's'}` } : undefined;
    tree.refresh();
  };
  ctx.own(ctx.models.onDidChangeActive(updateTree));
  ctx.own(ctx.coverage.onDidCheck((checked) => checked.loaded === ctx.models.active && updateTree()));
  ctx.own(ctx.coverage.onDidClear(updateTree));

  const inspector = new InspectorProvider(ctx);
  ctx.own(vscode.window.registerCustomEditorProvider(INSPECTOR_VIEW_TYPE, inspector, {
    webviewOptions: { retainContextWhenHidden: false },
    supportsMultipleEditorsPerDocument: true,
  }));

  const modelText = ctx.own(new ModelTextProvider(ctx.models, ctx.coverage));
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(MODEL_TEXT_SCHEME, modelText));
  ctx.own(vscode.languages.registerHoverProvider({ scheme: MODEL_TEXT_SCHEME, language: 'onnxtxt' }, modelText));
  ctx.own(vscode.languages.registerDocumentSymbolProvider({ scheme: MODEL_TEXT_SCHEME, language: 'onnxtxt' }, modelText, { label: 'ONNX model' }));
  // Standalone .onnxtxt files (any scheme but the model text view's): the schema at the file's own opset header.
  ctx.own(vscode.languages.registerHoverProvider({ language: 'onnxtxt' }, new OnnxTextHoverProvider()));
  ctx.own(new CoverageDiagnostics(ctx.coverage));
  const statusBar = ctx.own(new CoverageStatusBar(ctx.models, ctx.coverage));

  const python = ctx.own(new PythonDiagnostics(ctx));
  ctx.own(vscode.languages.registerCodeActionsProvider({ language: 'python' }, new PythonCodeActions(python), PythonCodeActions.metadata));

  registerCommands(ctx, { tree, treeView });

  ctx.own(onDidChangeSettings(() => {
    ctx.recheckAll();
    python.refreshAll();
  }));
  // The model of the active tab (inspector or model text) becomes the active model.
  ctx.own(vscode.window.tabGroups.onDidChangeTabs(() => {
    const uri = activeModelUri();
    if (uri && ctx.models.get(uri)) ctx.models.setActive(uri);
  }));
  // A model rewritten on disk (a new export) is read and checked again; its text view follows.
  const watcher = ctx.own(vscode.workspace.createFileSystemWatcher('**/*.onnx', true, false, true));
  ctx.own(watcher.onDidChange((uri) => {
    if (!ctx.models.get(uri)) return;
    try {
      const loaded = ctx.models.load(uri);
      if (ctx.coverage.get(uri)) ctx.check(loaded);
      modelText.modelChanged(uri);
    } catch (error) {
      // Likely caught mid-write by an exporter; the next change event reads it whole.
      ctx.log.warn(`re-reading ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
  return { ctx, tree, statusBar, inspector };
}

export function deactivate(): void {}
