// Quick fixes for the Python diagnostics: each fix of the core analysis becomes a CodeAction whose WorkspaceEdit
// applies the fix's text edits; the core marks one fix per diagnostic as preferred.
import * as vscode from 'vscode';
import type { PythonDiagnostics } from './python-diagnostics';

export class PythonCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly diagnostics: PythonDiagnostics) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    const analysis = await this.diagnostics.analysisOf(document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    for (const { diagnostic, source } of analysis.pairs) {
      if (!diagnostic.range.intersection(range) && !context.diagnostics.some((d) => sameDiagnostic(d, diagnostic))) continue;
      for (const fix of source.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}

function sameDiagnostic(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return a.range.isEqual(b.range) && a.message === b.message && String(a.code) === String(b.code);
}
