// Strings from a model — names, doc strings, metadata, attribute values, op types — carrying HTML, script,
// Markdown links, terminal escapes, control and bidi characters, or enormous lengths: every view shows them
// escaped and cut. Views covered: the ONNX text printer, the Markdown schema hover, the coverage text report
// (the CLI's terminal output). The JSON report is data, not a view: JSON.stringify escapes its controls.
import { describe, expect, it } from 'vitest';
import { renderSchemaMarkdown, resolveOp } from '../../../src/core/catalog';
import { checkModel } from '../../../src/core/coverage/engine';
import { formatText } from '../../../src/core/coverage/format-text';
import { attr, buildModel, DataType } from '../../../src/core/onnx/builder';
import { printModel } from '../../../src/core/onnx/printer';
import { readModelBytes } from '../../../src/core/onnx/reader';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>\u0000\u0007\u001b[2J\u001b]8;;https://evil/\u0007\r\u2028\u202e\u2066\ufeff"\'\\`*_[link](javascript:alert(3))';
const HUGE = 'N'.repeat(200_000);
/** Raw characters no view may show: C0/C1 controls (line feeds are the view's own), DEL, separators, bidi controls. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const bytes = buildModel({
  producerName: HOSTILE, producerVersion: HUGE, docString: HUGE, domain: HOSTILE,
  metadataProps: { [HOSTILE]: HOSTILE, big: HUGE },
  opsetImport: [{ domain: '', version: 17 }, { domain: HOSTILE, version: 1 }],
  graph: {
    name: HOSTILE, docString: HOSTILE,
    inputs: [{ name: HOSTILE, elemType: DataType.FLOAT, shape: [HOSTILE, 2] }],
    outputs: [{ name: 'y', elemType: DataType.FLOAT }],
    initializers: [{ name: HUGE, dataType: DataType.STRING, dims: [2], strings: [HOSTILE, HUGE] }],
    nodes: [
      { opType: HOSTILE, domain: HOSTILE, name: HOSTILE, inputs: [HOSTILE], outputs: ['a'], docString: HOSTILE },
      { opType: 'Unknown' + HUGE, inputs: ['a'], outputs: ['b'] },
      {
        opType: 'Softmax', name: HOSTILE + HUGE, inputs: ['b'], outputs: ['y'], metadataProps: { 'pkg.torch.onnx.stack_trace': HOSTILE },
        attributes: { axis: HOSTILE, [HOSTILE + HUGE]: attr.strings([HOSTILE, HUGE]), note: attr.string(HUGE) },
      },
    ],
  },
});
const model = readModelBytes(bytes, 'hostile.onnx');

function expectSafe(text: string, maxLength: number): void {
  const unsafe = text.match(new RegExp(UNSAFE.source, 'g')) ?? [];
  expect(unsafe.map((c) => `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).toEqual([]);
  expect(text.length).toBeLessThan(maxLength);
}

describe('hostile strings in every view', () => {
  it('the text printer quotes, escapes and cuts them', () => {
    const { text } = printModel(model);
    expectSafe(text, 20_000);
    // HTML stays inert text inside a quoted string; the cut says how much was left out.
    expect(text).toContain('"<script>alert(1)</script><img src=x onerror=alert(2)>\\u0000\\u0007\\u001b[2J');
    expect(text).toContain(`...(+${200_000 - 512} chars)`);
  });

  it('the Markdown schema hover escapes HTML and Markdown and cuts long names', () => {
    const resolution = resolveOp('', 'Softmax', 17);
    expect(resolution.ok).toBe(true);
    if (!resolution.ok) return;
    const markdown = renderSchemaMarkdown(resolution.schema, model.graph.nodes[2]!);
    expectSafe(markdown, 10_000);
    expect(markdown).not.toMatch(/<script|<img/i);
    // No live Markdown link: its brackets and parentheses are escaped.
    expect(markdown).not.toMatch(/(?<!\\)\[link(?<!\\)\]\(/);
  });

  it('the coverage text report (what the CLI writes to a terminal) has no raw escape sequences or controls', () => {
    const text = formatText(checkModel(model, { runtime: 'ort-cpu' }));
    expectSafe(text, 50_000);
  });
});
