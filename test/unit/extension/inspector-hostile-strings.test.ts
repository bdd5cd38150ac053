// Strings from a model are shown in the inspector escaped for HTML *and* made visible and cut: a bidi override
// (U+202E) in a node name must not reorder what the user reads, control characters must not reach the page raw,
// and a 1 MB name or metadata key must not become a megabyte of page text. The attributes the page sends back
// (data-node) keep the exact node path, or Reveal would find nothing.
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';
import { summarize } from '../../../src/core/onnx/summary';
import { renderInspector } from '../../../src/extension/inspector/html';

const HOSTILE = '<b>x</b>\u0000\u0007\u001b[2J\r\n\u0085\u009b\u2028\u202e\u2066\ufeff';
const HUGE = 'N'.repeat(1 << 20);
const SPACED = 'word '.repeat(200_000);
/** Raw characters no view may show: C0/C1 controls (line feeds are markup), DEL, separators, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const resources = { cspSource: 'https://webview.test', nonce: 'N0nce', styleUri: 'https://webview.test/inspector.css', scriptUri: 'https://webview.test/inspector.js' };

const model = readModelBytes(buildModel({
  producerName: HOSTILE, producerVersion: HUGE,
  metadataProps: { [HOSTILE]: HOSTILE, ['k' + HUGE]: 'v', spaced: SPACED },
  opsetImport: [{ domain: '', version: 17 }, { domain: HOSTILE, version: 1 }],
  graph: {
    inputs: [{ name: HOSTILE + HUGE, elemType: DataType.FLOAT, shape: [HOSTILE + HUGE, 2] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT }],
    nodes: [
      { name: HOSTILE, opType: HOSTILE, domain: HOSTILE, inputs: [HOSTILE + HUGE], outputs: ['a'] },
      { name: 'n' + HUGE, opType: 'Unknown' + HUGE, inputs: ['a'], outputs: ['y'] },
    ],
  },
}), 'hostile.onnx');

function render(): string {
  const report = checkModel(model, { runtime: 'ort-cpu' });
  return renderInspector({ fileName: 'hostile.onnx', fileSize: model.source.size, readMs: 1, summary: summarize(model), report, pictures: [], patternTitle: (p) => p }, resources);
}

/** The text a reader sees: markup removed (attribute values escape '<' and '>', so no tag hides one). */
function visibleText(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

describe('inspector HTML of a model with hostile strings', () => {
  const html = render();

  it('shows no raw control, separator or bidi character', () => {
    expect(visibleText(html).match(new RegExp(UNSAFE.source, 'g')) ?? []).toEqual([]);
    expect(visibleText(html)).toContain('\\u202e');
  });

  it('cuts enormous strings in what it shows', () => {
    const text = visibleText(html);
    expect(text.length).toBeLessThan(100_000);
    expect(text).not.toContain('N'.repeat(2_000));
  });

  it('keeps the exact node path in data-node, for Reveal', () => {
    const report = checkModel(model, { runtime: 'ort-cpu' });
    const paths = [...html.matchAll(/data-node="([^"]*)"/g)].map((m) => m[1]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(report.findings.map((f) => f.nodePath)).toContain(path);
  });
});
