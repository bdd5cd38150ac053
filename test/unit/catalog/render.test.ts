// Markdown rendering: signature, node values beside defaults, newer-version line, escaping of model text.
import { describe, expect, test } from 'vitest';
import { escapeMarkdown, renderSchemaMarkdown, resolveOp, signature } from '../../../src/core/catalog';
import type { Attribute, Node } from '../../../src/core/onnx/model';
import { AttributeType } from '../../../src/core/onnx/model';

function attribute(name: string, type: number, value: Partial<Attribute>): Attribute {
  return { name, type, docString: '', floats: [], ints: [], strings: [], tensors: [], graphs: [], sparseTensors: [], typeProtos: [], ...value };
}

function node(opType: string, attributes: Attribute[], name = ''): Node {
  return { name, opType, domain: '', overload: '', inputs: [], outputs: [], attributes, docString: '', metadataProps: [] };
}

function schemaAt(op: string, opset: number) {
  const r = resolveOp('', op, opset);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('renderSchemaMarkdown', () => {
  test('signature marks optional and variadic params', () => {
    expect(signature(schemaAt('LayerNormalization', 17).schema)).toBe('LayerNormalization(X: T, Scale: T, B?: T) → (Y: T, Mean?: U, InvStdDev?: U)');
    expect(signature(schemaAt('Concat', 13).schema)).toBe('Concat(...inputs: T) → (concat_result: T)');
  });

  test('shows since-version, the node\'s values beside defaults, missing required attributes and unknown ones', () => {
    const { schema } = schemaAt('Conv', 11);
    const md = renderSchemaMarkdown(schema, node('Conv', [
      attribute('kernel_shape', AttributeType.INTS, { ints: [3, 3] }),
      attribute('auto_pad', AttributeType.STRING, { s: 'SAME_UPPER' }),
      attribute('bogus', AttributeType.INT, { i: 7 }),
    ]), { newerVersions: [22], opsetVersion: 17 });
    expect(md).toContain('**Conv**-11 · ai.onnx · since opset 11 (resolved at opset 17)');
    expect(md).toContain('- `auto_pad` : string, default `NOTSET`, **this node: "SAME\\_UPPER"**');
    expect(md).toContain('- `kernel_shape` : ints, **this node: \\[3, 3\\]**');
    expect(md).toContain('- `group` : int, default `1`, not set on this node');
    expect(md).toContain('- bogus: **not an attribute of Conv-11** (this node: 7)');
    expect(md).toContain('A newer version exists: Conv-22 (opset 22).');
  });

  test('the newer-version line comes from the catalog by default and is absent for the newest version', () => {
    expect(renderSchemaMarkdown(schemaAt('Attention', 23).schema)).toContain('A newer version exists: Attention-25 (opset 25; also 24).');
    expect(renderSchemaMarkdown(schemaAt('Gelu', 20).schema)).not.toContain('newer version');
  });

  test('a required attribute the node lacks is called out', () => {
    const md = renderSchemaMarkdown(schemaAt('Loop', 21).schema, node('Loop', []));
    expect(md).toContain('- `body` : graph, required, **missing on this node**');
  });

  test('text from the model is escaped: no HTML, links, code spans or emphasis get through', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](http://evil) `code` **bold**\nnext';
    const md = renderSchemaMarkdown(schemaAt('Relu', 14).schema, node('Relu', [attribute(hostile, AttributeType.STRING, { s: hostile })], hostile));
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](http');
    expect(md).not.toContain('`code`');
    expect(md).not.toContain('**bold**');
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)\\>');
    expect(escapeMarkdown('a_b*c')).toBe('a\\_b\\*c');
  });

  test('escapeMarkdown escapes theme-icon syntax as VS Code\'s MarkdownString.appendText does', () => {
    // Markdown source \\$\(error\) is what appendText('$(error)') makes: VS Code renders it as the text $(error).
    expect(escapeMarkdown('$(error) x')).toBe('\\\\$\\(error\\) x');
    expect(escapeMarkdown('a$(sync~spin)b')).toBe('a\\\\$\\(sync\\~spin\\)b');
    expect(escapeMarkdown('cost $(1.5) and $ alone')).toBe('cost $\\(1\\.5\\) and $ alone');
  });

  test('escapeMarkdown cuts text past its limit (2,000 characters by default), never inside a surrogate pair', () => {
    const huge = '<'.repeat(1_000_000);
    const shown = escapeMarkdown(huge);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).toBe(`${'&lt;'.repeat(2000)}…`);
    expect(escapeMarkdown('a'.repeat(2000))).toBe('a'.repeat(2000));
    expect(escapeMarkdown(`${'a'.repeat(9)}😀b`, 10)).toBe(`${'a'.repeat(9)}…`);
    expect(escapeMarkdown('abcdef', 3)).toBe('abc…');
  });

  test('long attribute values are truncated', () => {
    const md = renderSchemaMarkdown(schemaAt('Conv', 11).schema, node('Conv', [attribute('pads', AttributeType.INTS, { ints: Array.from({ length: 100 }, (_, i) => i) })]));
    expect(md).toContain('… \\(100 items\\)');
  });

  test('descriptions can be left out for compact hovers', () => {
    const full = renderSchemaMarkdown(schemaAt('Conv', 11).schema);
    const compact = renderSchemaMarkdown(schemaAt('Conv', 11).schema, undefined, { descriptions: false });
    expect(compact.length).toBeLessThan(full.length / 2);
    expect(compact).toContain('- `X` : T\n');
  });
});
