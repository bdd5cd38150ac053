// The "ONNX Model" tree lists the active model's nodes, flags the decomposed ones and shows the schema on hover.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeElement } from '../../../src/extension/tree/elements';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import { activateExtension, allTreeElements, closeAllEditors, openModel, workspaceUri } from './util';

type NodeElement = Extract<TreeElement, { kind: 'node' }>;

/** A chain of `count` Relu nodes named relu_0 … relu_<count-1>. */
function reluChain(count: number): Uint8Array {
  return buildModel({
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      inputs: [{ name: 'v0', elemType: DataType.FLOAT, shape: [4] }],
      outputs: [{ name: `v${count}`, elemType: DataType.FLOAT, shape: [4] }],
      nodes: Array.from({ length: count }, (_, i) => ({ name: `relu_${i}`, opType: 'Relu', inputs: [`v${i}`], outputs: [`v${i + 1}`] })),
    },
  });
}

suite('ONNX Model tree', () => {
  teardown(closeAllEditors);

  test('lists sections, every node, and flags the decomposed RMSNorm', async () => {
    const api = await activateExtension();
    await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    await api.tree.setGrouped(false);
    const sections = await api.tree.getChildren();
    assert.deepEqual(sections.map((s) => api.tree.getTreeItem(s).label), ['Opset imports', 'Inputs', 'Outputs', 'Nodes', 'Decomposed ops']);
    const nodesSection = sections.find((s) => s.kind === 'section' && s.section === 'nodes')!;
    const nodes = (await api.tree.getChildren(nodesSection)) as NodeElement[];
    assert.equal(nodes.length, 11);
    // A row shows the name's last part; the module path is in the description.
    const powRow = nodes.find((n) => n.ref.node.name === '/layers.0/input_layernorm/Pow')!;
    assert.equal(api.tree.getTreeItem(powRow).label, 'Pow');
    assert.equal(api.tree.getTreeItem(powRow).description, 'part of decomposed RMSNorm · layers.0.input_layernorm');
    const castRow = nodes.find((n) => n.ref.node.name === '/layers.0/input_layernorm/Cast')!;
    assert.match(String(api.tree.getTreeItem(castRow).description), /layers\.0\.input_layernorm$/);
    const flagged = nodes.filter((n) => String(api.tree.getTreeItem(n).description).includes('part of decomposed RMSNorm'));
    assert.ok(flagged.length >= 8, `at least the 8 ops of the RMSNorm chain are flagged, got ${flagged.length}`);
    const pow = flagged.find((n) => n.ref.node.opType === 'Pow');
    assert.ok(pow, 'the Pow of x² is flagged');
    const item = api.tree.getTreeItem(pow);
    assert.equal(item.contextValue, 'node.flagged');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'combine');
  });

  test('a row of another domain names its op even when the label spells the op type', async () => {
    const api = await activateExtension();
    await openModel(api, 'custom_relu_with_symbolic.onnx');
    await api.tree.setGrouped(false);
    const custom = (await allTreeElements(api)).find((e): e is NodeElement => e.kind === 'node' && e.ref.node.opType === 'CustomReLU')!;
    const item = api.tree.getTreeItem(custom);
    assert.equal(item.label, 'CustomReLU');
    assert.match(String(item.description), /^my_domain::CustomReLU · unknown-op · act$/);
  });

  test('hovering a node shows the schema in force with its attributes and the runtime verdict', async () => {
    const api = await activateExtension();
    await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    const all = await allTreeElements(api);
    const reduceMean = all.find((e): e is NodeElement => e.kind === 'node' && e.ref.node.opType === 'ReduceMean')!;
    const item = api.tree.resolveTreeItem(api.tree.getTreeItem(reduceMean), reduceMean);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(tooltip instanceof vscode.MarkdownString);
    // ReduceMean at opset 17 is ReduceMean-13 (axes is an attribute until 18).
    assert.match(tooltip.value, /\*\*ReduceMean\*\*-13/);
    assert.match(tooltip.value, /`axes` : ints, \*\*this node: \\\[\\-1\\\]\*\*/);
    assert.match(tooltip.value, /\*\*Runtime\*\* \$\(pass\)/);
    assert.match(tooltip.value, /Part of a decomposed \*\*RMSNorm\*\*/);
  });

  test('groups nodes by op type', async () => {
    const api = await activateExtension();
    await openModel(api, 'gemma_rmsnorm_opset17.onnx');
    await api.tree.setGrouped(true);
    try {
      const nodesSection = (await api.tree.getChildren()).find((s) => s.kind === 'section' && s.section === 'nodes')!;
      const groups = await api.tree.getChildren(nodesSection);
      const labels = groups.map((g) => api.tree.getTreeItem(g).label);
      assert.ok(labels.includes('Mul') && labels.includes('ReduceMean'), labels.join(', '));
      const mul = groups.find((g) => api.tree.getTreeItem(g).label === 'Mul')!;
      assert.equal((await api.tree.getChildren(mul)).length, 2);
    } finally {
      await api.tree.setGrouped(false);
    }
  });

  test('a long node list is shown in ranges of 1,000 rows, and a node deep in it is found through them', async () => {
    const api = await activateExtension();
    await vscode.workspace.fs.writeFile(workspaceUri('models', 'relu_chain_2500.onnx'), reluChain(2500));
    await openModel(api, 'relu_chain_2500.onnx');
    for (const grouped of [false, true]) {
      await api.tree.setGrouped(grouped);
      const nodesSection = (await api.tree.getChildren()).find((s) => s.kind === 'section' && s.section === 'nodes')!;
      // Grouped: one op group (Relu) holds the 2,500 nodes and is split the same way.
      const holder = grouped ? (await api.tree.getChildren(nodesSection))[0]! : nodesSection;
      const ranges = await api.tree.getChildren(holder);
      assert.deepEqual(ranges.map((r) => api.tree.getTreeItem(r).label), ['[0 … 999]', '[1000 … 1999]', '[2000 … 2499]']);
      assert.deepEqual(ranges.map((r) => api.tree.getTreeItem(r).description), ['1000 nodes', '1000 nodes', '500 nodes']);
      const last = (await api.tree.getChildren(ranges[2])) as NodeElement[];
      assert.equal(last.length, 500);
      assert.equal(last[345]!.ref.node.name, 'relu_2345');
      // Reveal walks up from the node: every step is a row whose children list the one below.
      let element: TreeElement | undefined = api.tree.elementForNode(last[345]!.ref.path)!;
      const chain: string[] = [];
      for (let parent = api.tree.getParent(element); parent; element = parent, parent = api.tree.getParent(parent)) {
        assert.ok((await api.tree.getChildren(parent)).some((c) => c.id === element!.id), `${parent.id} lists ${element.id}`);
        chain.push(String(api.tree.getTreeItem(parent).label));
      }
      assert.deepEqual(chain, grouped ? ['[2000 … 2499]', 'Relu', 'Nodes'] : ['[2000 … 2499]', 'Nodes']);
    }
    await api.tree.setGrouped(false);
  });
});
