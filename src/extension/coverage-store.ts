// Coverage reports per model, for the current target (settings), computed by the core's checkModel and kept until
// the target or the model changes. Also the per-node view the tree, hovers and diagnostics share.
import * as vscode from 'vscode';
import { checkModel } from '../core/coverage/engine';
import type { Finding } from '../core/coverage/findings';
import type { CoverageReport, DecompositionMatch } from '../core/coverage/report';
import { isPatternId, RULE_INFO } from '../core/patterns/rule-info';
import type { LoadedModel } from './model-store';
import { findNode } from './node-index';
import type { Settings } from './settings';

export interface CheckedModel {
  loaded: LoadedModel;
  report: CoverageReport;
  /** Findings per stable node path. */
  findingsByNode: Map<string, Finding[]>;
  /** The decompositions each node belongs to, per stable node path; made on first use (the tree's node rows,
   *  hovers, Go to Source): a big export's 13,000 matches name 100,000 nodes, looked up by name. */
  readonly decompositionsByNode: Map<string, DecompositionMatch[]>;
  checkMs: number;
}

export class CoverageStore implements vscode.Disposable {
  private readonly reports = new Map<string, CheckedModel>();
  private readonly emitter = new vscode.EventEmitter<CheckedModel>();
  readonly onDidCheck = this.emitter.event;
  private readonly clearEmitter = new vscode.EventEmitter<void>();
  /** Fires when every report was dropped (the target changed). */
  readonly onDidClear = this.clearEmitter.event;

  check(loaded: LoadedModel, settings: Settings): CheckedModel {
    const started = performance.now();
    const report = checkModel(loaded.model, { opset: settings.targetOpset, runtime: settings.targetRuntime, label: loaded.uri.fsPath });
    let decompositionsByNode: Map<string, DecompositionMatch[]> | undefined;
    const checked: CheckedModel = {
      loaded, report, findingsByNode: findingsByNode(report), checkMs: performance.now() - started,
      get decompositionsByNode() {
        return (decompositionsByNode ??= nodesOfDecompositions(loaded, report));
      },
    };
    this.reports.set(loaded.uri.toString(), checked);
    this.emitter.fire(checked);
    return checked;
  }

  get(uri: vscode.Uri): CheckedModel | undefined {
    return this.reports.get(uri.toString());
  }

  all(): CheckedModel[] {
    return [...this.reports.values()];
  }

  clear(): void {
    this.reports.clear();
    this.clearEmitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
    this.clearEmitter.dispose();
  }
}

function findingsByNode(report: CoverageReport): Map<string, Finding[]> {
  const byNode = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.nodePath === '') continue;
    const list = byNode.get(finding.nodePath) ?? [];
    list.push(finding);
    byNode.set(finding.nodePath, list);
  }
  return byNode;
}

function nodesOfDecompositions(loaded: LoadedModel, report: CoverageReport): Map<string, DecompositionMatch[]> {
  const decompositionsByNode = new Map<string, DecompositionMatch[]>();
  for (const match of report.decompositions) {
    for (const id of match.nodes) {
      const path = findNode(loaded, id)?.path;
      if (path === undefined) continue;
      const list = decompositionsByNode.get(path) ?? [];
      list.push(match);
      decompositionsByNode.set(path, list);
    }
  }
  return decompositionsByNode;
}

/** "RMSNorm", "GELU (tanh)": the rule's human title. */
export function patternTitle(pattern: string): string {
  return isPatternId(pattern) ? RULE_INFO[pattern].title : pattern;
}
