// The quantization view (issue 9) in the editor's pure parts: the inspector's totals line, per-card sentence and
// Q/DQ scale table, and the Markdown of hovers and the status-bar tooltip — on the real Llama decoder export and
// its QDQ twin. Totals are checked against a hand count of the float model.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import type { CoverageReport } from '../../../src/core/coverage/report';
import { readModelFile } from '../../../src/core/onnx/reader';
import { summarize } from '../../../src/core/onnx/summary';
import { renderInspector } from '../../../src/extension/inspector/html';
import { decompositionQuantizationMarkdown, quantizationTotalsMarkdown } from '../../../src/extension/quantization-markdown';
import { fixturesDir } from '../../helpers/paths';

const resources = { cspSource: 'https://webview.test', nonce: 'N0nce', styleUri: 'https://webview.test/inspector.css', scriptUri: 'https://webview.test/inspector.js' };
const FLOAT = join(fixturesDir, 'torch', 'llama_decoder_layer_opset17.onnx');
const QDQ = join(fixturesDir, 'qdq', 'llama_decoder_layer_opset17.onnx');

function check(path: string): { report: CoverageReport; html: string } {
  const model = readModelFile(path);
  const report = checkModel(model, { runtime: 'ort-cpu' });
  const html = renderInspector({
    fileName: 'llama.onnx', fileSize: model.source.size, readMs: 1, summary: summarize(model), report,
    pictures: report.decompositions.map(() => undefined), patternTitle: (p) => p,
  }, resources);
  return { report, html };
}

/** The text a reader sees: tags dropped, the inspector's character references decoded. */
function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\s+/g, ' ');
}

// Hand count on the float export (Netron + the printed text): RMSNorm ×2 (8 ops, 7 intermediates each),
// rotary ×2 (7 ops, 6 each), attention (6 ops, 5), SiLU (2 ops, 1) → 6 constructs, 7+7+6+6+5+1 = 32 extra
// activation quantizers; 59 activation tensors (1 graph input + 58 outputs of compute nodes on activations).
const HAND = { constructs: 6, extra: 32, activations: 59 };

describe('inspector: quantization totals and per-card sentence', () => {
  it('shows the float Llama decoder layer totals: 6 constructs, 32 extra of 59 activation tensors', () => {
    const { report, html } = check(FLOAT);
    expect(report.quantization.decomposedConstructs).toBe(HAND.constructs);
    expect(report.quantization.extraActivationQuantizers).toBe(HAND.extra);
    expect(report.quantization.activationTensors).toBe(HAND.activations);
    const text = visibleText(html);
    expect(text).toContain("Quantized: 6 decomposed constructs: 32 extra activation quantizers, 54.2 % of the model's 59 activation tensors.");
    expect(html).toContain('data-extra="32" data-activations="59"');
    // One sentence per card, the per-construct counts of the hand count, and no Q/DQ table in a float model.
    const sentences = [...text.matchAll(/Quantized: ([^:.]+?) at \S+: (\d+) ops, (\d+) extra activation quantizers? compared to one (\S+) node\./g)];
    expect(sentences.map((m) => [m[2], m[3]]).sort()).toEqual([['2', '1'], ['6', '5'], ['7', '6'], ['7', '6'], ['8', '7'], ['8', '7']]);
    expect(text).toContain('RMSNorm at layers.0.input_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node.');
    expect(html).not.toContain('class="qdq-scales"');
  });

  it('lists the Q/DQ pairs inside each chain of the QDQ twin with their scales', () => {
    const { report, html } = check(QDQ);
    // The QDQ twin is quantized on every activation: every construct of the float model is found, and each of its
    // intermediates carries a Q/DQ pair.
    expect(report.quantization.decomposedConstructs).toBe(HAND.constructs);
    expect(report.quantization.qdqPairsInsideChains).toBe(HAND.extra);
    const tables = [...html.matchAll(/<table class="qdq-scales">([\s\S]*?)<\/table>/g)].map((m) => m[1]!);
    expect(tables).toHaveLength(HAND.constructs);
    const rmsNorm = report.decompositions.findIndex((d) => d.scope === 'layers.0.input_layernorm');
    expect(rmsNorm).toBeGreaterThanOrEqual(0);
    const rows = [...tables[rmsNorm]!.matchAll(/<tr><td class="name">([^<]*)<\/td><td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td><\/tr>/g)];
    // By hand: the 7 intermediates of input_layernorm's chain, in the order the chain computes them.
    expect(rows.map((r) => r[1])).toEqual(['Pow', 'ReduceMean', 'Add', 'Sqrt', 'Div', 'Mul', 'Cast_1'].map((op) => `/layers.0/input_layernorm/${op}_output_0`));
    for (const [row, pair] of rows.map((r, i) => [r, report.decompositions[rmsNorm]!.quantization.scales[i]!] as const)) {
      const scale = Number(row[2]);
      expect(scale).toBeGreaterThan(0);
      expect(Math.abs(scale - pair.scale!) / pair.scale!).toBeLessThan(1e-5);
      expect(Number(row[3])).toBe(pair.zeroPoint);
      expect(Number(row[3])).toBeGreaterThanOrEqual(-128);
      expect(Number(row[3])).toBeLessThanOrEqual(127);
    }
    expect(visibleText(html)).toContain('The model is already quantized: 32 Q/DQ pairs sit inside these chains.');
    expect(visibleText(html)).toContain('the model already has 7 Q/DQ pairs inside the chain.');
  });

  it('escapes tensor names in the scale table', () => {
    const { report } = check(QDQ);
    const hostile = structuredClone(report);
    hostile.decompositions[0]!.quantization.scales[0]!.tensor = '<img src=x onerror=alert(1)>';
    const model = readModelFile(QDQ);
    const html = renderInspector({ fileName: 'q.onnx', fileSize: 1, readMs: 1, summary: summarize(model), report: hostile, pictures: [], patternTitle: (p) => p }, resources);
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});

describe('hover and status-bar Markdown', () => {
  it('says what a node\'s construct costs quantized, with its scales in the QDQ twin', () => {
    const float = checkModel(readModelFile(FLOAT), {});
    const rms = float.decompositions.find((d) => d.scope === 'layers.0.input_layernorm')!;
    const md = decompositionQuantizationMarkdown(rms);
    expect(md).toContain('**Quantized:** RMSNorm at layers\\.0\\.input\\_layernorm: 8 ops, 7 extra activation quantizers compared to one SimplifiedLayerNormalization node.');
    expect(md).not.toContain('Q/DQ pairs inside');

    const qdq = checkModel(readModelFile(QDQ), {});
    const qdqMd = decompositionQuantizationMarkdown(qdq.decompositions.find((d) => d.scope === 'layers.0.input_layernorm')!);
    expect(qdqMd).toContain('Q/DQ pairs inside the chain (7):');
    expect(qdqMd.match(/^- .*: scale [\d.e-]+ · zero point -?\d+$/gm)).toHaveLength(7);
    expect(qdqMd).toContain('/layers\\.0/input\\_layernorm/Pow\\_output\\_0: scale ');
  });

  it('puts the model totals in the status-bar tooltip, and nothing when no construct is decomposed', () => {
    const float = checkModel(readModelFile(FLOAT), {});
    expect(quantizationTotalsMarkdown(float.quantization)).toBe("$(dashboard) Quantized: 6 decomposed constructs: 32 extra activation quantizers, 54\\.2 % of the model's 59 activation tensors.");
    const qdq = checkModel(readModelFile(QDQ), {});
    expect(quantizationTotalsMarkdown(qdq.quantization)).toMatch(/ 32 Q\/DQ pairs already sit inside the chains\.$/);
    expect(quantizationTotalsMarkdown({ ...float.quantization, decomposedConstructs: 0 })).toBe('');
  });
});
