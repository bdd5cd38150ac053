// The "ONNX Model" tree for the active model: opset imports, inputs, outputs, nodes (graph order or grouped by op
// type) with If/Loop/Scan subgraphs beneath their node, model-local functions, and the decomposed ops found.
// Flagged nodes carry an icon and a description; the tooltip (the schema hover) is built lazily on hover.
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../core/catalog';
import { normalizeDomain, qualifiedOp, type TypeInfo, type ValueInfo } from '../../core/onnx/model';
import { typeString } from '../../core/onnx/summary';
import type { NodeRef } from '../../core/onnx/walk';
import { nodeDisplayName } from '../../core/onnx/node-names';
import { patternTitle, type CheckedModel, type CoverageStore } from '../coverage-store';
import type { LoadedModel, ModelStore } from '../model-store';
import { findNode, nodeAt } from '../node-index';
import { nodeHover } from '../node-hover';
import { decompositionQuantizationMarkdown } from '../quantization-markdown';
import { readSettings } from '../settings';
import type { SectionId, TreeElement } from './elements';
import { preferredReplacement } from '../../core/patterns/replacements';
import { plural } from '../../core/plural';
import { rangePath, rangesOf } from './ranges';

const SECTION_LABELS: Record<SectionId, string> = {
  opsets: 'Opset imports', inputs: 'Inputs', outputs: 'Outputs', nodes: 'Nodes', functions: 'Functions', decompositions: 'Decomposed ops',
};
const SECTION_ICONS: Record<SectionId, string> = {
  opsets: 'versions', inputs: 'arrow-right', outputs: 'arrow-left', nodes: 'symbol-event', functions: 'symbol-function', decompositions: 'combine',
};
export const GROUPED_CONTEXT_KEY = 'onnxCoverage.groupedByOpType';
const GROUPED_STATE_KEY = 'onnxCoverage.tree.groupedByOpType';

export class ModelTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeElement | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private grouped: boolean;
  /** Nodes per scope path ("" main graph, "<node>/<attr>" subgraph, "fn:…" function body). */
  private nodesByScope = new Map<string, NodeRef[]>();
  private elementsById = new Map<string, TreeElement>();
  private indexedFor: LoadedModel | undefined;
  private groups: Map<string, NodeRef[]> | undefined;

  constructor(private readonly models: ModelStore, private readonly coverage: CoverageStore, private readonly state: vscode.Memento) {
    this.grouped = state.get<boolean>(GROUPED_STATE_KEY, false);
    void vscode.commands.executeCommand('setContext', GROUPED_CONTEXT_KEY, this.grouped);
  }

  refresh(): void {
    this.elementsById.clear();
    this.changeEmitter.fire(undefined);
  }

  async setGrouped(grouped: boolean): Promise<void> {
    this.grouped = grouped;
    await this.state.update(GROUPED_STATE_KEY, grouped);
    await vscode.commands.executeCommand('setContext', GROUPED_CONTEXT_KEY, grouped);
    this.refresh();
  }

  /** The tree element of a node, for reveal(). */
  elementForNode(path: string): TreeElement | undefined {
    const loaded = this.models.active;
    if (!loaded) return undefined;
    this.index(loaded);
    const ref = nodeAt(loaded, path);
    if (!ref) return undefined;
    return this.remember({ kind: 'node', id: `node:${path}`, ref, parentId: this.parentIdOf(ref) });
  }

  getParent(element: TreeElement): TreeElement | undefined {
    const parentId = parentIdOfRow(element);
    return parentId === undefined ? undefined : this.elementsById.get(parentId) ?? this.rebuildParent(parentId);
  }

  getChildren(element?: TreeElement): TreeElement[] {
    const loaded = this.models.active;
    if (!loaded) return [];
    this.index(loaded);
    const checked = this.coverage.get(loaded.uri);
    if (!element) return this.sections(loaded, checked);
    switch (element.kind) {
      case 'section': return this.sectionChildren(element.section, loaded, checked);
      case 'opType': return this.rowsOf(element.id);
      case 'node': return this.subgraphsOf(element.ref, element.id);
      case 'subgraph': return this.rowsOf(element.id);
      case 'function': return this.rowsOf(element.id);
      case 'range': return this.rows(element.owner, element.start, element.end, element.id);
      case 'decomposition': return element.match.nodes.flatMap((id) => {
        const ref = findNode(loaded, id);
        return ref ? [this.remember({ kind: 'node', id: `${element.id}/${ref.path}`, ref, parentId: element.id })] : [];
      });
      default: return [];
    }
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    const loaded = this.models.active;
    const checked = loaded ? this.coverage.get(loaded.uri) : undefined;
    switch (element.kind) {
      case 'section': {
        const item = new vscode.TreeItem(SECTION_LABELS[element.section], element.count > 0 ? (element.section === 'nodes' || element.section === 'decompositions' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = String(element.count);
        item.iconPath = new vscode.ThemeIcon(SECTION_ICONS[element.section]);
        item.contextValue = `section.${element.section}`;
        return item;
      }
      case 'opset': {
        const item = new vscode.TreeItem(element.opset.domain === '' ? 'ai.onnx' : element.opset.domain);
        item.id = element.id;
        item.description = `opset ${element.opset.version}`;
        item.iconPath = new vscode.ThemeIcon('versions');
        return item;
      }
      case 'value': {
        const item = new vscode.TreeItem(element.value.name);
        item.id = element.id;
        item.description = describeValueType(element.value.type);
        item.iconPath = new vscode.ThemeIcon(element.role === 'input' ? 'arrow-right' : 'arrow-left');
        item.tooltip = valueTooltip(element.value);
        return item;
      }
      case 'opType': {
        const item = new vscode.TreeItem(element.op, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        const flagged = checked ? element.refs.filter((r) => flagOf(checked, r) !== undefined).length : 0;
        item.description = `${element.refs.length}${flagged ? ` · ${flagged} flagged` : ''}`;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        item.contextValue = 'opType';
        return item;
      }
      case 'node': return this.nodeItem(element, checked);
      case 'range': {
        const item = new vscode.TreeItem(`[${element.start} … ${element.end - 1}]`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = plural(element.end - element.start, 'node');
        item.contextValue = 'range';
        return item;
      }
      case 'subgraph': {
        const item = new vscode.TreeItem(element.attribute, element.nodeCount > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = `subgraph · ${element.nodeCount} nodes`;
        item.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
        return item;
      }
      case 'function': {
        const item = new vscode.TreeItem(qualifiedOp(element.fn.domain, element.fn.name), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        item.description = `function · ${element.fn.nodes.length} nodes`;
        item.iconPath = new vscode.ThemeIcon('symbol-function');
        return item;
      }
      case 'decomposition': {
        const item = new vscode.TreeItem(patternTitle(element.match.pattern), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.id;
        const best = preferredReplacement(element.match.replacements);
        item.description = `${plural(element.match.nodes.length, 'node')}${best ? ` → ${qualifiedOp(best.domain, best.op)}` : ''}${element.match.scope ? ` · ${element.match.scope}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('combine', new vscode.ThemeColor('charts.yellow'));
        item.contextValue = 'decomposition';
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(decompositionQuantizationMarkdown(element.match));
        item.tooltip = tooltip;
        return item;
      }
    }
  }

  /** Hover tooltips are built only when the user hovers: the schema lookup is not paid for every row. */
  resolveTreeItem(item: vscode.TreeItem, element: TreeElement): vscode.TreeItem {
    const loaded = this.models.active;
    if (element.kind === 'node' && loaded) item.tooltip = nodeHover(loaded, element.ref, this.coverage.get(loaded.uri), readSettings());
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private nodeItem(element: Extract<TreeElement, { kind: 'node' }>, checked: CheckedModel | undefined): vscode.TreeItem {
    const { ref } = element;
    const hasSubgraphs = ref.node.attributes.some((a) => a.g !== undefined || a.graphs.length > 0);
    // Exporter names repeat the module path on every row ("/layers.0/input_layernorm/Pow"), which a side bar cuts
    // off right where rows start to differ: the row shows the name's last part, the module path goes last.
    const { label, op, module } = nodeDisplayName(ref);
    const item = new vscode.TreeItem(label, hasSubgraphs ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    // The op, unless the label already says it ("Mul_1" is an ai.onnx Mul; another domain is always shown).
    const { opType } = ref.node;
    const saysOp = normalizeDomain(ref.node.domain) === '' && (label === opType || label.startsWith(`${opType}_`));
    const flag = checked ? flagOf(checked, ref) : undefined;
    item.description = [saysOp ? undefined : op, flag?.description, module || undefined].filter((part) => part !== undefined).join(' · ');
    item.iconPath = flag?.icon ?? new vscode.ThemeIcon('symbol-event');
    item.contextValue = flag ? 'node.flagged' : 'node';
    item.command = { command: 'onnxCoverage.revealNode', title: 'Reveal Node', arguments: [this.models.active?.uri.toString(), ref.path] };
    return item;
  }

  private sections(loaded: LoadedModel, checked: CheckedModel | undefined): TreeElement[] {
    const { model } = loaded;
    const sections: Array<[SectionId, number]> = [
      ['opsets', model.opsetImport.length],
      ['inputs', graphInputs(loaded).length],
      ['outputs', model.graph.outputs.length],
      ['nodes', model.graph.nodes.length],
    ];
    if (model.functions.length > 0) sections.push(['functions', model.functions.length]);
    if (checked && checked.report.decompositions.length > 0) sections.push(['decompositions', checked.report.decompositions.length]);
    return sections.map(([section, count]) => this.remember({ kind: 'section', id: `section:${section}`, section, count }));
  }

  private sectionChildren(section: SectionId, loaded: LoadedModel, checked: CheckedModel | undefined): TreeElement[] {
    const { model } = loaded;
    switch (section) {
      case 'opsets': return model.opsetImport.map((opset, i) => this.remember({ kind: 'opset', id: `opset:${i}`, opset }));
      case 'inputs': return graphInputs(loaded).map((value, i) => this.remember({ kind: 'value', id: `input:${i}`, value, role: 'input' }));
      case 'outputs': return model.graph.outputs.map((value, i) => this.remember({ kind: 'value', id: `output:${i}`, value, role: 'output' }));
      case 'nodes': {
        if (!this.grouped) return this.rowsOf('section:nodes');
        return [...this.opGroups().entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])).map(([op, refs]) => this.remember({ kind: 'opType', id: `op:${op}`, op, refs }));
      }
      case 'functions': return model.functions.map((fn) => {
        const scopePath = `fn:${fn.domain}::${fn.name}${fn.overload ? `:${fn.overload}` : ''}`;
        return this.remember({ kind: 'function', id: `function:${scopePath}`, fn, scopePath });
      });
      case 'decompositions': return (checked?.report.decompositions ?? []).map((match, index) => this.remember({ kind: 'decomposition', id: `decomposition:${index}`, match, index }));
    }
  }

  /** The node list a row shows: the Nodes section (main graph), an op group, a subgraph or a function body. */
  private listOf(owner: string): NodeRef[] {
    if (owner === 'section:nodes') return this.nodesByScope.get('') ?? [];
    if (owner.startsWith('op:')) return this.opGroups().get(owner.slice('op:'.length)) ?? [];
    if (owner.startsWith('subgraph:')) return this.nodesByScope.get(owner.slice('subgraph:'.length)) ?? [];
    if (owner.startsWith('function:')) return this.nodesByScope.get(owner.slice('function:'.length)) ?? [];
    return [];
  }

  /** The rows right below an owner: its whole list. */
  private rowsOf(owner: string): TreeElement[] {
    return this.rows(owner, 0, this.listOf(owner).length, owner);
  }

  /** Rows for nodes [start, end) of the owner's list: the nodes themselves, or ranges of them (ranges.ts). */
  private rows(owner: string, start: number, end: number, parentId: string): TreeElement[] {
    const list = this.listOf(owner);
    const ranges = rangesOf(start, end);
    if (ranges) return ranges.map(([s, e]) => this.remember(rangeElement(owner, s, e, parentId)));
    const out: TreeElement[] = [];
    for (let i = start; i < end; i++) out.push(this.remember({ kind: 'node', id: `node:${list[i]!.path}`, ref: list[i]!, parentId }));
    return out;
  }

  /** The main graph's nodes by op (grouped mode), in graph order within each op; made once per read. */
  private opGroups(): Map<string, NodeRef[]> {
    if (this.groups) return this.groups;
    const byOp = new Map<string, NodeRef[]>();
    for (const ref of this.nodesByScope.get('') ?? []) {
      const op = qualifiedOp(ref.node.domain, ref.node.opType);
      const group = byOp.get(op);
      if (group) group.push(ref);
      else byOp.set(op, [ref]);
    }
    return (this.groups = byOp);
  }

  private subgraphsOf(ref: NodeRef, parentId: string): TreeElement[] {
    const out: TreeElement[] = [];
    for (const attr of ref.node.attributes) {
      const paths = attr.g ? [[attr.name, `${ref.path}/${attr.name}`]] : attr.graphs.map((_, i) => [`${attr.name}[${i}]`, `${ref.path}/${attr.name}[${i}]`]);
      for (const [attribute, scopePath] of paths) {
        out.push(this.remember({ kind: 'subgraph', id: `subgraph:${scopePath}`, scopePath: scopePath!, attribute: attribute!, parentId, nodeCount: this.nodesByScope.get(scopePath!)?.length ?? 0 }));
      }
    }
    return out;
  }

  /** The row a node is listed under: its owner (section, op group, subgraph, function) or the innermost range. */
  private parentIdOf(ref: NodeRef): string {
    const owner = ref.scope.kind === 'function' ? `function:${ref.scope.path}`
      : ref.scope.kind === 'subgraph' ? `subgraph:${ref.scope.path}`
        : this.grouped ? `op:${qualifiedOp(ref.node.domain, ref.node.opType)}` : 'section:nodes';
    const list = this.listOf(owner);
    // A scope's list is in node order (position = index); an op group keeps the main graph's order.
    const position = owner.startsWith('op:') ? positionByIndex(list, ref.index) : ref.index;
    const path = rangePath(list.length, position);
    const last = path[path.length - 1];
    return last ? rangeId(owner, last[0], last[1]) : owner;
  }

  /** Rebuilds an element from its id after a refresh dropped the cache (reveal walks up through getParent). */
  private rebuildParent(id: string): TreeElement | undefined {
    const loaded = this.models.active;
    if (!loaded) return undefined;
    const [kind, ...rest] = id.split(':');
    const key = rest.join(':');
    if (kind === 'section') return this.sections(loaded, this.coverage.get(loaded.uri)).find((e) => e.id === id);
    if (kind === 'op') return this.sectionChildren('nodes', loaded, undefined).find((e) => e.id === id);
    if (kind === 'function') return this.sectionChildren('functions', loaded, undefined).find((e) => e.id === id);
    if (kind === 'decomposition') return this.sectionChildren('decompositions', loaded, this.coverage.get(loaded.uri)).find((e) => e.id === id);
    if (kind === 'subgraph') {
      // "<node path>/<attribute>": the owning node is the longest known node path that prefixes it.
      const owner = loaded.nodes.filter((r) => key.startsWith(`${r.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
      if (!owner) return undefined;
      return this.subgraphsOf(owner, `node:${owner.path}`).find((e) => e.id === id);
    }
    if (kind === 'node') return this.elementForNode(key);
    if (kind === 'range') {
      const parsed = parseRangeId(id);
      if (!parsed) return undefined;
      const path = rangePath(this.listOf(parsed.owner).length, parsed.start);
      const at = path.findIndex(([s, e]) => s === parsed.start && e === parsed.end);
      if (at < 0) return undefined;
      const parentId = at === 0 ? parsed.owner : rangeId(parsed.owner, path[at - 1]![0], path[at - 1]![1]);
      return this.remember(rangeElement(parsed.owner, parsed.start, parsed.end, parentId));
    }
    return undefined;
  }

  private index(loaded: LoadedModel): void {
    if (this.indexedFor === loaded) return;
    this.indexedFor = loaded;
    this.groups = undefined;
    this.nodesByScope = new Map();
    for (const ref of loaded.nodes) {
      const list = this.nodesByScope.get(ref.scope.path) ?? [];
      list.push(ref);
      this.nodesByScope.set(ref.scope.path, list);
    }
  }

  private remember<T extends TreeElement>(element: T): T {
    this.elementsById.set(element.id, element);
    return element;
  }
}

/** A node's flag for the tree: the worst finding first, else its decomposition. */
export function flagOf(checked: CheckedModel, ref: NodeRef): { icon: vscode.ThemeIcon; description: string } | undefined {
  const findings = (checked.findingsByNode.get(ref.path) ?? []).filter((f) => f.code !== 'decomposed-op');
  const error = findings.find((f) => f.severity === 'error');
  if (error) return { icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')), description: error.code };
  const decomposition = checked.decompositionsByNode.get(ref.path)?.[0];
  if (decomposition) return { icon: new vscode.ThemeIcon('combine', new vscode.ThemeColor('charts.yellow')), description: `part of decomposed ${patternTitle(decomposition.pattern)}` };
  const warning = findings.find((f) => f.severity === 'warning');
  if (warning) return { icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), description: warning.code };
  return undefined;
}

/** Graph inputs that are not initializers (older exporters list every weight as an input too). */
function graphInputs(loaded: LoadedModel): ValueInfo[] {
  const initializers = new Set(loaded.model.graph.initializers.map((t) => t.name));
  return loaded.model.graph.inputs.filter((v) => !initializers.has(v.name));
}

function describeValueType(type: TypeInfo | undefined): string {
  return type ? typeString(type) : 'unknown type';
}

function valueTooltip(value: ValueInfo): vscode.MarkdownString {
  // Theme icons on, as in every hover of ours: escapeMarkdown escapes `$(…)` the way such strings read it.
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(value.name)}**\n\n${escapeMarkdown(describeValueType(value.type))}`);
  if (value.docString) md.appendMarkdown(`\n\n${escapeMarkdown(value.docString)}`);
  return md;
}

/** The id of the row `element` is listed under: its own parentId, or the section its kind belongs to; undefined
 *  for a section (a root). */
function parentIdOfRow(element: TreeElement): string | undefined {
  switch (element.kind) {
    case 'node':
    case 'subgraph':
    case 'range': return element.parentId;
    case 'opType': return 'section:nodes';
    case 'function': return 'section:functions';
    case 'decomposition': return 'section:decompositions';
    case 'opset': return 'section:opsets';
    case 'value': return `section:${element.role}s`;
    case 'section': return undefined;
  }
}

/** `range:<start>-<end>@<owner>`: the owner's id last, since it may hold any character. */
function rangeId(owner: string, start: number, end: number): string {
  return `range:${start}-${end}@${owner}`;
}

function rangeElement(owner: string, start: number, end: number, parentId: string): Extract<TreeElement, { kind: 'range' }> {
  return { kind: 'range', id: rangeId(owner, start, end), owner, start, end, parentId };
}

function parseRangeId(id: string): { owner: string; start: number; end: number } | undefined {
  const match = /^range:(\d+)-(\d+)@(.*)$/s.exec(id);
  return match ? { start: Number(match[1]), end: Number(match[2]), owner: match[3]! } : undefined;
}

/** Where the node with scope index `index` is in an op group (its refs ascend by index): a binary search. */
function positionByIndex(refs: readonly NodeRef[], index: number): number {
  let low = 0;
  let high = refs.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (refs[mid]!.index < index) low = mid + 1;
    else high = mid;
  }
  return low;
}
