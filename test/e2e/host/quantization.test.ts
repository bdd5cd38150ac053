// The quantization view (issue 9) in the editor: the inspector's totals line, per-card sentence and Q/DQ scale
// table, a flagged node's hover and the status-bar tooltip — on the Llama decoder layer export and its QDQ twin.
// Hand count of the float model: 6 decomposed constructs, 32 extra activation quantizers, 59 activation tensors.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeElement } from '../../../src/extension/tree/elements';
import { activateExtension, allTreeElements, closeAllEditors, openModel, waitFor } from './util';

type NodeElement = Extract<TreeElement, { kind: 'node' }>;

/** The text a reader sees in the webview: tags dropped, the inspector's character references decoded. */
function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\s+/g, ' ');
}

function markdownOf(tooltip: string | vscode.MarkdownString | undefined): string {
  assert.ok(tooltip instanceof vscode.MarkdownString, 'a Markdown tooltip');
  return tooltip.value;
}

suite('quantization view', () => {
  teardown(closeAllEditors);

  test('float Llama decoder: totals in the inspector and the status bar, the cost in a flagged node\'s hover', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'llama_decoder_layer_opset17.onnx');
    const totals = api.ctx.coverage.get(uri)!.report.quantization;
    assert.deepEqual([totals.decomposedConstructs, totals.extraActivationQuantizers, totals.activationTensors], [6, 32, 59]);

    const html = await waitFor('the inspector to show the checked report', () => api.inspector.renderedHtml(uri).find((h) => h.includes('quantization-totals')));
    const text = visibleText(html);
    assert.ok(text.includes("Quantized: 6 decomposed constructs: 32 extra activation quantizers, 54.2 % of the model's 59 activation tensors."), text.slice(0, 400));
    assert.ok(text.includes('Quantized: RMSNorm at layers.0.input_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node.'));
    assert.equal((text.match(/Quantized: [^:.]+ at \S+: \d+ ops/g) ?? []).length, 6, 'one sentence per decomposition card');
    assert.ok(!html.includes('class="qdq-scales"'), 'a float model has no Q/DQ table');

    const status = markdownOf(api.statusBar.state.tooltip as vscode.MarkdownString);
    assert.match(status, /Quantized: 6 decomposed constructs: 32 extra activation quantizers, 54\\\.2 % of the model's 59 activation tensors/);

    const all = await allTreeElements(api);
    const pow = all.find((e): e is NodeElement => e.kind === 'node' && e.ref.node.name === '/layers.0/input_layernorm/Pow')!;
    const hover = markdownOf(api.tree.resolveTreeItem(api.tree.getTreeItem(pow), pow).tooltip);
    assert.match(hover, /\*\*Quantized:\*\* RMSNorm at layers\\\.0\\\.input\\_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node\./);
    const decomposition = all.find((e) => e.kind === 'decomposition' && e.match.scope === 'layers.0.mlp.act_fn')!;
    assert.match(markdownOf(api.tree.getTreeItem(decomposition).tooltip), /SiLU at layers\\\.0\\\.mlp\\\.act\\_fn: 2 ops, 1 extra activation quantizer compared to one com\\\.microsoft::QuickGelu node/);
  });

  test('QDQ twin: the Q/DQ pairs inside each chain with their scales, in the inspector and the hover', async () => {
    const api = await activateExtension();
    const uri = await openModel(api, 'qdq_llama_decoder_layer_opset17.onnx');
    const report = api.ctx.coverage.get(uri)!.report;
    assert.equal(report.quantization.decomposedConstructs, 6, 'every construct of the float model is found through the Q/DQ pairs');
    assert.equal(report.quantization.qdqPairsInsideChains, 32);

    const html = await waitFor('the inspector to show the checked report', () => api.inspector.renderedHtml(uri).find((h) => h.includes('qdq-scales')));
    const tables = [...html.matchAll(/<table class="qdq-scales">([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    assert.equal(tables.length, 6);
    const rms = report.decompositions.findIndex((d) => d.scope === 'layers.0.input_layernorm');
    const rows = [...tables[rms]!.matchAll(/<tr><td class="name">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)];
    // By hand: the 7 intermediates of input_layernorm's RMSNorm chain, each with a positive int8 scale.
    assert.deepEqual(rows.map((r) => r[1]), ['Pow', 'ReduceMean', 'Add', 'Sqrt', 'Div', 'Mul', 'Cast_1'].map((op) => `/layers.0/input_layernorm/${op}_output_0`));
    for (const row of rows) {
      assert.ok(Number(row[2]) > 0, `scale ${row[2]}`);
      assert.ok(Number(row[3]) >= -128 && Number(row[3]) <= 127, `zero point ${row[3]}`);
    }
    assert.ok(visibleText(html).includes('The model is already quantized: 32 Q/DQ pairs sit inside these chains.'));

    const all = await allTreeElements(api);
    const pow = all.find((e): e is NodeElement => e.kind === 'node' && e.ref.node.name === '/layers.0/input_layernorm/Pow')!;
    const hover = markdownOf(api.tree.resolveTreeItem(api.tree.getTreeItem(pow), pow).tooltip);
    assert.match(hover, /Q\/DQ pairs inside the chain \(7\):/);
    assert.equal((hover.match(/^- .*: scale [\d.e-]+ · zero point -?\d+$/gm) ?? []).length, 7);
    assert.match(markdownOf(api.statusBar.state.tooltip as vscode.MarkdownString), /32 Q\/DQ pairs already sit inside the chains\./);
  });
});
