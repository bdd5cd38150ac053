// The hover of a node (tree tooltip, model-as-text hover): the schema in force from the catalog renderer with the
// node's actual attributes, its inputs and outputs, the runtime verdict and the coverage findings about it.
// Every string from the model is escaped; the only trusted link is our own "Go to PyTorch Source" command.
import * as vscode from 'vscode';
import { escapeMarkdown, renderSchemaMarkdown, resolveOp, runtimeInfo, runtimeSupport } from '../core/catalog';
import type { Finding } from '../core/coverage/findings';
import { normalizeDomain, qualifiedOp, type OperatorSetId } from '../core/onnx/model';
import { nodeLabel, type NodeRef } from '../core/onnx/walk';
import { patternTitle, type CheckedModel } from './coverage-store';
import type { LoadedModel } from './model-store';
import { decompositionQuantizationMarkdown } from './quantization-markdown';
import type { Settings } from './settings';
import { preferredReplacement } from '../core/patterns/replacements';

const SEVERITY_ICON: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };

export function nodeHover(loaded: LoadedModel, ref: NodeRef, checked: CheckedModel | undefined, settings: Settings): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['onnxCoverage.goToPytorchSource'] };
  md.appendMarkdown(nodeHoverMarkdown(loaded, ref, checked, settings));
  return md;
}

export function nodeHoverMarkdown(loaded: LoadedModel, ref: NodeRef, checked: CheckedModel | undefined, settings: Settings): string {
  const { node } = ref;
  const out: string[] = [];
  out.push(`$(symbol-event) **${escapeMarkdown(nodeLabel(ref))}** · ${escapeMarkdown(qualifiedOp(node.domain, node.opType))}`);
  out.push('', `Inputs: ${names(node.inputs)}  \nOutputs: ${names(node.outputs)}`);

  for (const match of checked?.decompositionsByNode.get(ref.path) ?? []) {
    const best = preferredReplacement(match.replacements);
    out.push('', `$(combine) Part of a decomposed **${escapeMarkdown(patternTitle(match.pattern))}** (${match.nodes.length} nodes)${best ? ` → one \`${qualifiedOp(best.domain, best.op)}\`` : ''}. [Go to PyTorch Source](command:onnxCoverage.goToPytorchSource?${encodeURIComponent(JSON.stringify([loaded.uri.toString(), ref.path]))})`);
    out.push('', decompositionQuantizationMarkdown(match));
  }
  const findings = checked?.findingsByNode.get(ref.path) ?? [];
  if (findings.length > 0) {
    out.push('', '**Coverage**');
    for (const f of findings) out.push(`- ${SEVERITY_ICON[f.severity]} \`${f.code}\` ${escapeMarkdown(f.message)}`);
  }

  const imports = importsInForce(ref.scope.opsetImport, settings.targetOpset);
  const resolution = resolveOp(node.domain, node.opType, imports);
  if (resolution.ok) {
    out.push('', '---', '', renderSchemaMarkdown(resolution.schema, node, { opsetVersion: resolution.opsetVersion, newerVersions: resolution.newerVersions, descriptions: false }));
    const runtime = checked?.report.target.runtime ?? settings.targetRuntime;
    if (runtime && !findings.some((f) => f.code.startsWith('runtime-')) && runtimeInfo(runtime)) {
      const verdict = runtimeSupport(runtime, node.domain, node.opType, resolution.schema.sinceVersion, undefined, { opsetVersion: resolution.opsetVersion });
      const icon = verdict.status === 'supported' ? '$(pass)' : verdict.status === 'unsupported' ? '$(error)' : '$(question)';
      out.push('', `**Runtime** ${icon} ${escapeMarkdown(verdict.reason)}`);
    }
  } else {
    out.push('', '---', '', `$(error) No schema in force: ${escapeMarkdown(resolution.message)}`);
  }
  return out.join('\n');
}

/** The scope's imports, with the default domain moved to the target opset when one is set. */
function importsInForce(imports: OperatorSetId[], targetOpset: number | undefined): OperatorSetId[] {
  if (targetOpset === undefined) return imports;
  return imports.map((o) => (normalizeDomain(o.domain) === '' ? { domain: o.domain, version: targetOpset } : o));
}

/** Value names shown in a hover; a Concat or Sum may have thousands of inputs, so the rest are counted. */
const MAX_HOVER_NAMES = 16;

function names(list: string[]): string {
  if (list.length === 0) return '—';
  const shown = list.slice(0, MAX_HOVER_NAMES).map((n) => (n === '' ? '_(absent)_' : escapeMarkdown(n, 200))).join(', ');
  return list.length > MAX_HOVER_NAMES ? `${shown}, … ${list.length - MAX_HOVER_NAMES} more` : shown;
}
