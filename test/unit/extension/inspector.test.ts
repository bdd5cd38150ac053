// The inspector's HTML escapes everything a model says, keeps a strict CSP, and its pictures of decomposed ops are
// real elkjs layouts of the matched nodes (checked on a torch export and on a hostile model).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../../src/core/coverage/engine';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import type { Model } from '../../../src/core/onnx/model';
import { readModelBytes, readModelFile } from '../../../src/core/onnx/reader';
import { summarize } from '../../../src/core/onnx/summary';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { renderError, renderInspector } from '../../../src/extension/inspector/html';
import { decompositionPictures } from '../../../src/extension/inspector/subgraph';
import type { DecompositionMatch } from '../../../src/core/coverage/report';
import type { LoadedModel } from '../../../src/extension/model-store';
import { findNode, nodeAt } from '../../../src/extension/node-index';
import { repoRoot } from '../../helpers/paths';

const resources = { cspSource: 'https://webview.test', nonce: 'N0nce', styleUri: 'https://webview.test/inspector.css', scriptUri: 'https://webview.test/inspector.js' };

function loadedOf(model: Model): LoadedModel {
  const nodes = [...iterateNodes(model, { functions: true })];
  // The inspector modules read only these fields; the URI is the editor's business.
  return { uri: undefined as never, model, nodes, nodeCount: nodes.length, readMs: 1, mtimeMs: 0 };
}

async function render(loaded: LoadedModel, runtime = 'ort-cpu'): Promise<string> {
  const report = checkModel(loaded.model, { runtime });
  const pictures = await Promise.all(report.decompositions.map((m) => decompositionPictures(loaded, m)));
  return renderInspector({ fileName: 'model.onnx', fileSize: loaded.model.source.size, readMs: 1, summary: summarize(loaded.model), report, pictures, patternTitle: (p) => p }, resources);
}

describe('inspector HTML', () => {
  it('escapes every string from a hostile model and allows only the nonce script', async () => {
    const evil = '<img src=x onerror=alert(1)>"\'`';
    const bytes = buildModel({
      producerName: `<script>alert("producer")</script>`,
      opsetImport: [{ domain: '', version: 17 }, { domain: `<u>${evil}`, version: 1 }],
      metadataProps: { [`<k>${evil}`]: `</td><script>x()</script>` },
      graph: {
        inputs: [{ name: `in${evil}`, elemType: DataType.FLOAT, shape: [1, `<dim>${evil}`] }],
        outputs: [{ name: `out${evil}`, elemType: DataType.FLOAT }],
        nodes: [{ name: `node${evil}`, opType: `Op${evil}`, domain: `<u>${evil}`, inputs: [`in${evil}`], outputs: [`out${evil}`] }],
      },
    });
    const html = await render(loadedOf(readModelBytes(bytes, 'hostile.onnx')));
    expect(html).not.toMatch(/<img|<u>|<k>|<dim>|<\/td><script>/);
    // Read the markup as a browser would: every '<' opens a well-formed tag whose attributes are double-quoted;
    // no tag carries an event handler or an inline style (`onerror=` may appear inside quoted values, escaped).
    const tag = /<\/?([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g;
    const attributeNames = [...html.matchAll(tag)].flatMap((m) => [...(m[2] ?? '').matchAll(/\s([\w:-]+)(?:="[^"]*")?/g)].map((a) => a[1]!));
    expect(attributeNames.filter((name) => /^on|^style$/i.test(name))).toEqual([]);
    expect(html.replace(/<!DOCTYPE html>/, '').replace(tag, '')).not.toContain('<');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(`<script nonce="N0nce" src="https://webview.test/inspector.js"></script>`);
    expect(html).toContain(`content="default-src 'none'; img-src https://webview.test data:; style-src https://webview.test; font-src https://webview.test; script-src 'nonce-N0nce'"`);
    // The hostile op is reported (no schema or kernel knows it), escaped.
    expect(html).toContain('&#60;script&#62;alert(&#34;producer&#34;)&#60;/script&#62;');
    expect(html).toContain('<code class="code">unknown-op</code>');
  });

  it('renders an unreadable file as an error card, escaped', () => {
    const html = renderError('<x>.onnx', 'x.onnx: byte 0: expected an ONNX ModelProto, found <a PNG image>', resources);
    expect(html).toContain('&#60;x&#62;.onnx');
    expect(html).toContain('found &#60;a PNG image&#62;');
    expect(html).not.toContain('error-hint');
  });

  it('puts the reader\'s plain-words hint before its precise message, escaped', () => {
    const html = renderError('cut.onnx', 'cut.onnx: byte 20: expected …', resources, 'The file ends <early>.');
    expect(html).toContain('<p class="error-hint">The file ends &#60;early&#62;.</p>');
    expect(html.indexOf('error-hint')).toBeLessThan(html.indexOf('class="message"'));
  });
});

describe('pictures of decomposed ops', () => {
  it('lays out the RMSNorm of a torch export beside its single replacement op', async () => {
    const loaded = loadedOf(readModelFile(join(repoRoot, 'samples', 'gemma_rmsnorm_opset17.onnx')));
    const report = checkModel(loaded.model, { runtime: 'ort-cpu' });
    expect(report.decompositions.map((m) => m.pattern)).toEqual(['rms_norm']);
    const match = report.decompositions[0]!;
    const { decomposed, replacement, replacementOp } = await decompositionPictures(loaded, match);
    const ops = decomposed.boxes.filter((b) => b.kind === 'op');
    expect(ops).toHaveLength(match.nodes.length);
    expect(ops.map((b) => b.label).sort()).toEqual(match.nodes.map((id) => findNode(loaded, id)!.node.opType).sort());
    expect(ops.every((b) => b.nodePath !== undefined && nodeAt(loaded, b.nodePath)?.path === b.nodePath)).toBe(true);
    // elkjs placed every box inside the picture without overlaps, and drew a wire per edge.
    for (const [i, a] of decomposed.boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width).toBeLessThanOrEqual(decomposed.width + 0.5);
      for (const b of decomposed.boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.label} and ${b.label} overlap`).toBe(true);
      }
    }
    expect(decomposed.wires.length).toBeGreaterThanOrEqual(ops.length);
    // The replacement: one op box fed by the same graph input (x) and writing the same output (y).
    expect(replacement.boxes.filter((b) => b.kind === 'replacement').map((b) => b.label)).toEqual([replacementOp]);
    expect(replacement.boxes.filter((b) => b.kind === 'value').map((b) => b.label).sort()).toEqual(['x', 'y']);
    expect(replacementOp).toMatch(/RMSNormalization|SimplifiedLayerNormalization/);
  });
  it('draws a value the chain makes as an output when a node outside the chain reads it too', async () => {
    // relu feeds sigmoid and mul inside the chain, and neg outside it; sig is read inside only.
    const loaded = loadedOf(readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }],
        outputs: [{ name: 'm', elemType: DataType.FLOAT }, { name: 'n', elemType: DataType.FLOAT }],
        nodes: [
          { name: 'A', opType: 'Relu', inputs: ['x'], outputs: ['relu'] },
          { name: 'B', opType: 'Sigmoid', inputs: ['relu'], outputs: ['sig'] },
          { name: 'C', opType: 'Mul', inputs: ['relu', 'sig'], outputs: ['m'] },
          { name: 'D', opType: 'Neg', inputs: ['relu'], outputs: ['n'] },
        ],
      },
    })));
    const match = { pattern: 'silu', nodes: ['A', 'B', 'C'], replacements: [] } as unknown as DecompositionMatch;
    const { decomposed } = await decompositionPictures(loaded, match);
    expect(decomposed.boxes.filter((b) => b.id.startsWith('out:')).map((b) => b.id).sort()).toEqual(['out:m', 'out:relu']);
  });
});
