// The read-only custom editor for *.onnx: reads the model structure (never its weights), runs the coverage check
// for the current target, and renders the inspector webview. Re-renders when the model is checked again.
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { OnnxReadError } from '../../core/onnx/errors';
import { summarize } from '../../core/onnx/summary';
import type { Ctx } from '../context';
import { patternTitle, type CheckedModel } from '../coverage-store';
import type { LoadedModel } from '../model-store';
import { findNode } from '../node-index';
import { renderError, renderInspector, renderLoading, type InspectorResources } from './html';
import { decompositionPictures, type DecompositionPictures } from './subgraph';

export const INSPECTOR_VIEW_TYPE = 'onnxCoverage.inspector';

class ModelDocument implements vscode.CustomDocument {
  constructor(readonly uri: vscode.Uri, private readonly onDispose: () => void) {}
  dispose(): void {
    this.onDispose();
  }
}

type InspectorMessage =
  | { type: 'command'; command: 'check' | 'runtime' | 'opset' | 'text' }
  | { type: 'command'; command: 'reveal' | 'source'; node: string };

export class InspectorProvider implements vscode.CustomReadonlyEditorProvider<ModelDocument> {
  private readonly panels = new Map<string, Set<vscode.WebviewPanel>>();

  constructor(private readonly ctx: Ctx) {
    ctx.own(ctx.coverage.onDidCheck((checked) => void this.renderAll(checked.loaded)));
  }

  openCustomDocument(uri: vscode.Uri): ModelDocument {
    return new ModelDocument(uri, () => this.ctx.models.forget(uri));
  }

  async resolveCustomEditor(document: ModelDocument, panel: vscode.WebviewPanel): Promise<void> {
    const media = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    const key = document.uri.toString();
    const set = this.panels.get(key) ?? new Set();
    set.add(panel);
    this.panels.set(key, set);
    panel.onDidDispose(() => set.delete(panel));
    panel.onDidChangeViewState(() => {
      if (panel.active) this.ctx.models.setActive(document.uri);
    });
    panel.webview.onDidReceiveMessage((message: InspectorMessage) => void this.onMessage(document.uri, message));
    // Laying out the pictures takes a second or two on first open: say so instead of a blank editor.
    const fileName = basename(document.uri.fsPath);
    panel.webview.html = renderLoading(fileName, this.resources(panel));
    // The extension host sends its messages on a timer (VS Code's protocol writer batches them with setTimeout), so
    // the page leaves only when this event loop turns: yield once before the synchronous read, or a model that
    // takes seconds to read shows a blank editor instead of "Reading…" (the check command yields the same way).
    await new Promise((resolve) => setTimeout(resolve, 0));

    let loaded: LoadedModel;
    try {
      loaded = this.ctx.models.load(document.uri);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.log.error(`inspector: ${message}`);
      // A fresh nonce for each page the panel is given (resources()).
      panel.webview.html = renderError(fileName, message, this.resources(panel), error instanceof OnnxReadError ? error.hint : undefined);
      // This tab's model is the unreadable one: the tree and status bar must not go on showing the previous model
      // (as they already do when the user comes back to this tab).
      this.ctx.models.setActive(document.uri);
      return;
    }
    this.ctx.models.setActive(document.uri);
    // Opening a model checks it for the current target: the inspector, tree and status bar show the result.
    // (A fresh check re-renders through onDidCheck.)
    const existing = this.ctx.coverage.get(document.uri);
    if (existing?.loaded === loaded) await this.render(panel, loaded, existing);
    else if (!this.ctx.check(loaded)) await this.render(panel, loaded, undefined);
  }

  /** The HTML each open inspector of a model shows now (the in-host tests read what the webview was given). */
  renderedHtml(uri: vscode.Uri): string[] {
    return [...(this.panels.get(uri.toString()) ?? [])].map((panel) => panel.webview.html);
  }

  private async renderAll(loaded: LoadedModel): Promise<void> {
    const checked = this.ctx.coverage.get(loaded.uri);
    for (const panel of this.panels.get(loaded.uri.toString()) ?? []) await this.render(panel, loaded, checked);
  }

  /** Renders the inspector; a failure becomes the error page (and the log), never a panel left on "Reading…":
   *  renders run from events whose promises nobody awaits. */
  private async render(panel: vscode.WebviewPanel, loaded: LoadedModel, checked: CheckedModel | undefined): Promise<void> {
    try {
      await this.renderInspector(panel, loaded, checked);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.log.error(`inspector: rendering ${loaded.uri.fsPath} failed: ${message}`);
      panel.webview.html = renderError(basename(loaded.uri.fsPath), `The inspector could not be drawn: ${message}`, this.resources(panel));
    }
  }

  private async renderInspector(panel: vscode.WebviewPanel, loaded: LoadedModel, checked: CheckedModel | undefined): Promise<void> {
    const pictures: Array<DecompositionPictures | undefined> = [];
    for (const match of checked?.report.decompositions.slice(0, 24) ?? []) {
      try {
        pictures.push(await decompositionPictures(loaded, match));
      } catch (error) {
        this.ctx.log.warn(`layout of ${match.pattern} failed: ${error instanceof Error ? error.message : String(error)}`);
        pictures.push(undefined);
      }
    }
    panel.webview.html = renderInspector({
      fileName: basename(loaded.uri.fsPath),
      fileSize: loaded.model.source.size,
      readMs: loaded.readMs,
      summary: summarize(loaded.model),
      report: checked?.report,
      pictures,
      patternTitle,
    }, this.resources(panel));
  }

  private resources(panel: vscode.WebviewPanel): InspectorResources {
    const media = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media');
    return {
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'inspector.css')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'inspector.js')).toString(),
    };
  }

  private async onMessage(uri: vscode.Uri, message: InspectorMessage): Promise<void> {
    if (message?.type !== 'command') return;
    const arg = uri.toString();
    switch (message.command) {
      case 'check': await vscode.commands.executeCommand('onnxCoverage.checkCoverage', arg); break;
      case 'runtime': await vscode.commands.executeCommand('onnxCoverage.selectTargetRuntime'); break;
      case 'opset': await vscode.commands.executeCommand('onnxCoverage.selectTargetOpset'); break;
      case 'text': await vscode.commands.executeCommand('onnxCoverage.showModelAsText', arg); break;
      case 'reveal': await vscode.commands.executeCommand('onnxCoverage.revealNode', arg, String(message.node)); break;
      case 'source': await vscode.commands.executeCommand('onnxCoverage.goToPytorchSource', arg, this.nodePath(uri, String(message.node))); break;
    }
  }

  /** A match names nodes by name or stable path; commands take the path. */
  private nodePath(uri: vscode.Uri, id: string): string | undefined {
    const loaded = this.ctx.models.get(uri);
    return loaded && findNode(loaded, id)?.path;
  }
}
