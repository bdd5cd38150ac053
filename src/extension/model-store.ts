// Models the extension has read, by URI, and which one is "active" (shown by the tree and the status bar).
// Reading goes through the core's lazy reader: structure only, weights stay on disk, so cost follows graph size.
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Model } from '../core/onnx/model';
import { readModelFile } from '../core/onnx/reader';
import { iterateNodes, visitNodes, type NodeRef } from '../core/onnx/walk';

export interface LoadedModel {
  uri: vscode.Uri;
  model: Model;
  /** How many nodes the model runs (main graph, subgraphs, function bodies). */
  nodeCount: number;
  /** Every one of them with its stable path, in walk order: made on first use (a NodeRef and a path string per
   *  node cost a 200,000-node model a third of its read time, and many views never need them all). Find one
   *  node by path or name with node-index.ts instead. */
  readonly nodes: NodeRef[];
  /** Milliseconds the reader took. */
  readMs: number;
  mtimeMs: number;
}

export class ModelStore implements vscode.Disposable {
  private readonly cache = new Map<string, LoadedModel>();
  private activeUri: vscode.Uri | undefined;
  private readonly activeEmitter = new vscode.EventEmitter<LoadedModel | undefined>();
  /** Fires when the active model changes (or is re-read). */
  readonly onDidChangeActive = this.activeEmitter.event;

  /** Reads the model at `uri`, or returns the cached one when the file has not changed. Throws OnnxReadError. */
  load(uri: vscode.Uri): LoadedModel {
    if (uri.scheme !== 'file') throw new Error(`${uri.toString()}: only models on the local file system can be read`);
    const key = uri.toString();
    const mtimeMs = statSync(uri.fsPath).mtimeMs;
    const cached = this.cache.get(key);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const started = performance.now();
    const model = readModelFile(uri.fsPath);
    const readMs = performance.now() - started;
    const loaded = loadedModel(uri, model, readMs, mtimeMs);
    this.cache.set(key, loaded);
    return loaded;
  }

  get(uri: vscode.Uri): LoadedModel | undefined {
    return this.cache.get(uri.toString());
  }

  get active(): LoadedModel | undefined {
    return this.activeUri ? this.get(this.activeUri) : undefined;
  }

  setActive(uri: vscode.Uri | undefined): void {
    if (uri?.toString() === this.activeUri?.toString() && (uri === undefined || this.get(uri))) return;
    this.activeUri = uri;
    this.activeEmitter.fire(this.active);
  }

  /** Forgets a model (its editor closed); the active one stays until another model takes its place. */
  forget(uri: vscode.Uri): void {
    if (uri.toString() === this.activeUri?.toString()) return;
    this.cache.delete(uri.toString());
  }

  dispose(): void {
    this.activeEmitter.dispose();
    this.cache.clear();
  }
}

/** A LoadedModel whose node list is made when first asked for. */
export function loadedModel(uri: vscode.Uri, model: Model, readMs: number, mtimeMs: number): LoadedModel {
  let nodeCount = 0;
  visitNodes(model, true, () => nodeCount++);
  let nodes: NodeRef[] | undefined;
  return {
    uri, model, nodeCount, readMs, mtimeMs,
    get nodes() {
      return (nodes ??= [...iterateNodes(model, { functions: true })]);
    },
  };
}
