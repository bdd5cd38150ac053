// "Go to PyTorch Source": from a node to the Python that produced it. First the dynamo exporter's
// pkg.torch.onnx.stack_trace; otherwise the module scope in the node name (`/layers.0/input_layernorm/Pow`) or in
// pkg.torch.onnx.name_scopes, then the workspace class assigned to `self.input_layernorm` — where the quick fix is.
import * as vscode from 'vscode';
import type { Node } from '../../core/onnx/model';
import { nodeLabel, type NodeRef } from '../../core/onnx/walk';
import { metadataScope, nameScope, pythonSourceFile, sourceLocation } from '../../core/patterns/scope';
import type { Ctx } from '../context';
import type { LoadedModel } from '../model-store';
import { lastModuleAttribute, outlinePython, type PythonOutline } from '../../core/python/module-locator';
import { patternTitle } from '../coverage-store';
import { targetModel } from './target-model';
import { nodeAt } from '../node-index';

export interface SourceTarget {
  uri: vscode.Uri;
  range: vscode.Range;
  /** How it was found. */
  via: 'stack-trace' | 'module-class' | 'module-assignment';
}

export async function goToPytorchSourceCommand(ctx: Ctx, selectedNodePath: () => string | undefined, modelArg?: unknown, nodePathArg?: unknown): Promise<SourceTarget | undefined> {
  const loaded = await targetModel(ctx, modelArg);
  if (!loaded) return undefined;
  const ref = typeof nodePathArg === 'string' ? nodeAt(loaded, nodePathArg) : (nodeAt(loaded, selectedNodePath() ?? '') ?? (await pickFlaggedNode(ctx, loaded)));
  if (!ref) return undefined;
  const started = performance.now();
  const target = await locateSource(ref, loaded, ctx);
  ctx.log.info(`go to source of ${nodeLabel(ref)}: ${target ? `${target.via} ${target.uri.fsPath}:${target.range.start.line + 1}` : 'nothing found'} in ${(performance.now() - started).toFixed(0)} ms`);
  if (!target) {
    void vscode.window.showInformationMessage(`No PyTorch source found for ${nodeLabel(ref)}: the node has no stack trace, and no workspace Python file assigns its module.`);
    return undefined;
  }
  const editor = await vscode.window.showTextDocument(target.uri, { selection: target.range, preview: false });
  editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
  return target;
}

async function pickFlaggedNode(ctx: Ctx, loaded: LoadedModel): Promise<NodeRef | undefined> {
  const checked = ctx.coverage.get(loaded.uri) ?? ctx.check(loaded);
  const candidates = loaded.nodes.filter((ref) => checked?.decompositionsByNode.has(ref.path) || checked?.findingsByNode.has(ref.path));
  const pool = candidates.length > 0 ? candidates : loaded.nodes;
  const picked = await vscode.window.showQuickPick(pool.map((ref) => ({
    label: nodeLabel(ref),
    description: ref.node.opType,
    detail: checked?.decompositionsByNode.get(ref.path)?.map((m) => `part of decomposed ${patternTitle(m.pattern)}`).join(', '),
    ref,
  })), { title: 'ONNX: Go to PyTorch Source', placeHolder: 'Which node?', matchOnDescription: true });
  return picked?.ref;
}

async function locateSource(ref: NodeRef, loaded: LoadedModel, ctx: Ctx): Promise<SourceTarget | undefined> {
  const fromTrace = await fromStackTrace(ref.node);
  if (fromTrace) return fromTrace;
  const checked = ctx.coverage.get(loaded.uri);
  const matchScope = checked?.decompositionsByNode.get(ref.path)?.find((m) => m.scope)?.scope;
  const modulePath = matchScope ? matchScope.split('.') : (nameScope(ref.node.name) ?? metadataScope(ref.node));
  const attribute = modulePath ? lastModuleAttribute(modulePath) : undefined;
  return attribute ? fromModuleAttribute(attribute) : undefined;
}

async function fromStackTrace(node: Node): Promise<SourceTarget | undefined> {
  const location = sourceLocation(node);
  const source = location === undefined ? undefined : pythonSourceFile(location);
  if (!source) return undefined;
  const candidates = [vscode.Uri.file(source.path)];
  // The trace names the file where it was exported; look for the same file name in the workspace too.
  if (source.searchName) candidates.push(...(await vscode.workspace.findFiles(`**/${source.searchName}`, '**/node_modules/**', 10)));
  for (const uri of candidates) {
    try {
      await vscode.workspace.fs.stat(uri);
      return { uri, range: new vscode.Range(source.line, 0, source.line, 0), via: 'stack-trace' };
    } catch {
      // not there; try the next candidate
    }
  }
  return undefined;
}

async function fromModuleAttribute(attribute: string): Promise<SourceTarget | undefined> {
  const files = await vscode.workspace.findFiles('**/*.py', '{**/node_modules/**,**/.venv/**,**/venv/**,**/site-packages/**}', 2000);
  const outlines: Array<{ uri: vscode.Uri; outline: PythonOutline }> = [];
  for (const uri of files.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (!text.includes(attribute)) continue;
    outlines.push({ uri, outline: await outlinePython(text) });
  }
  for (const { uri, outline } of outlines) {
    for (const assignment of outline.assignments.get(attribute) ?? []) {
      const className = assignment.callee.split('.').pop()!;
      const definition = await findClass(className, outlines, files);
      if (definition) return definition;
      const at = new vscode.Position(assignment.at.line, assignment.at.character);
      return { uri, range: new vscode.Range(at, at), via: 'module-assignment' };
    }
  }
  return undefined;
}

async function findClass(name: string, known: Array<{ uri: vscode.Uri; outline: PythonOutline }>, files: vscode.Uri[]): Promise<SourceTarget | undefined> {
  const seen = new Set(known.map((k) => k.uri.toString()));
  const search = async function* () {
    yield* known;
    for (const uri of files) {
      if (seen.has(uri.toString())) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (text.includes(`class ${name}`)) yield { uri, outline: await outlinePython(text) };
    }
  };
  for await (const { uri, outline } of search()) {
    const definition = outline.classes.find((c) => c.name === name);
    if (definition) {
      const start = new vscode.Position(definition.at.line, definition.at.character);
      return { uri, range: new vscode.Range(start, start.translate(0, name.length)), via: 'module-class' };
    }
  }
  return undefined;
}
