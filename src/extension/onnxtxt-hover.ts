// Hover on an op name in a standalone .onnxtxt file (any scheme but the model's own text view, which has the
// richer node hover): the schema in force at the file's opset header, from the catalog renderer.
import * as vscode from 'vscode';
import { escapeMarkdown, renderSchemaMarkdown, resolveOp } from '../core/catalog';
import { qualifiedOp } from '../core/onnx/model';
import { opAt } from '../core/onnx/text-ops';
import { MODEL_TEXT_SCHEME } from './model-text';

export class OnnxTextHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (document.uri.scheme === MODEL_TEXT_SCHEME) return undefined;
    const lines = { count: document.lineCount, at: (line: number) => document.lineAt(line).text };
    const op = opAt(lines, position.line, position.character);
    if (!op) return undefined;
    const range = new vscode.Range(op.line, op.start, op.line, op.end);
    const md = new vscode.MarkdownString(undefined, true);
    const header = op.headerLine >= 0 ? `opset header on line ${op.headerLine + 1}` : 'no opset header above this line';
    if (op.headerLine < 0) {
      md.appendMarkdown(`$(symbol-event) **${escapeMarkdown(qualifiedOp(op.domain, op.opType))}**: ${header}, so no schema version is in force.`);
      return new vscode.Hover(md, range);
    }
    const resolution = resolveOp(op.domain, op.opType, op.opsetImport);
    if (!resolution.ok) {
      md.appendMarkdown(`$(symbol-event) **${escapeMarkdown(qualifiedOp(op.domain, op.opType))}** · $(error) No schema in force (${header}): ${escapeMarkdown(resolution.message)}`);
      return new vscode.Hover(md, range);
    }
    md.appendMarkdown(renderSchemaMarkdown(resolution.schema, undefined, { opsetVersion: resolution.opsetVersion, newerVersions: resolution.newerVersions, descriptions: false }));
    md.appendMarkdown(`\n\n_Resolved from the ${header}._`);
    return new vscode.Hover(md, range);
  }
}
