// The generator's parsers on small inputs in the upstream formats, and their errors on malformed input.
import { describe, expect, test } from 'vitest';
import { decodeRuntimeRow, decodeSchema, encodeRuntimeRow, encodeSchema, TypeListTable } from '../../../src/core/catalog/codec';
import { opHistory } from '../../../src/core/catalog';
import { opNames } from '../../../src/core/catalog/store';
import { CatalogSourceError } from '../../../src/core/catalog/generator/errors';
import { firstParagraph, firstSentence, splitTopLevel } from '../../../src/core/catalog/generator/markdown';
import { parseOperatorKernels } from '../../../src/core/catalog/generator/ort-kernels';
import { parseMobileOpList } from '../../../src/core/catalog/generator/ort-mobile-tables';
import { parseWebDomainTable } from '../../../src/core/catalog/generator/ort-web-tables';
import { parseOpenVinoTsv } from '../../../src/core/catalog/generator/openvino';
import { parseChangelog, parseContribOperators } from '../../../src/core/catalog/generator/schema-documents';
import { parseTensorRtOperators } from '../../../src/core/catalog/generator/tensorrt';

const CHANGELOG = `## Operator Changelog
# ai.onnx (default)
## Version 3 of the default ONNX operator set
### <a name="Widget-3"></a>**Widget-3**</a>

  Widgets a tensor &amp; more.
  Second line of the first paragraph.

  Second paragraph.

#### Version

This version of the operator has been available since version 3 of the default ONNX operator set.

#### Attributes

<dl>
<dt><tt>mode</tt> : string (default is fast)</dt>
<dd>How.</dd>
<dt><tt>sizes</tt> : list of ints (required)</dt>
<dd>
Sizes.

More about sizes.</dd>
</dl>

#### Inputs (1 - &#8734;)

<dl>
<dt><tt>X</tt> (differentiable) : T</dt>
<dd>In.</dd>
<dt><tt>rest</tt> (variadic, heterogeneous) : V</dt>
<dd>More.</dd>
</dl>

#### Outputs

<dl>
<dt><tt>Y</tt> : tensor(int64)</dt>
<dd>Out.</dd>
</dl>

#### Type Constraints

<dl>
<dt><tt>T</tt> : tensor(float), map(string, int64)</dt>
<dd>Floats.</dd>
<dt><tt>V</tt> : seq(tensor(float))</dt>
<dd>Seqs.</dd>
</dl>
`;

describe('Changelog parser', () => {
  test('reads one op section completely', () => {
    const { schemas, latestOpset } = parseChangelog(CHANGELOG, 'Changelog.md');
    expect(latestOpset).toEqual({ '': 3 });
    expect(schemas).toHaveLength(1);
    const { block, name, domain } = schemas[0];
    expect([domain, name, block.sinceVersion, block.deprecated]).toEqual(['', 'Widget', 3, false]);
    expect(block.doc).toBe('Widgets a tensor & more. Second line of the first paragraph.');
    expect(block.attributes).toEqual([
      { name: 'mode', type: 'string', required: false, default: 'fast', description: 'How.' },
      { name: 'sizes', type: 'ints', required: true, description: 'Sizes.' },
    ]);
    expect(block.inputs[0]).toMatchObject({ name: 'X', option: 'single', differentiability: 'differentiable' });
    expect(block.inputs[1]).toMatchObject({ name: 'rest', option: 'variadic', heterogeneous: true, minArity: 0 });
    expect([block.minInputs, block.maxInputs, block.minOutputs, block.maxOutputs]).toEqual([1, 2147483647, 1, 1]);
    expect(block.typeConstraints[0].allowedTypes).toEqual(['tensor(float)', 'map(string, int64)']);
  });

  test('a heading whose version disagrees with its section is an error naming file and line', () => {
    const bad = CHANGELOG.replace('since version 3 of', 'since version 4 of');
    expect(() => parseChangelog(bad, 'Changelog.md')).toThrow(CatalogSourceError);
    const unknownSection = CHANGELOG.replace('#### Outputs', '#### Outcomes');
    try {
      parseChangelog(unknownSection, 'Changelog.md');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogSourceError);
      expect((error as CatalogSourceError).file).toBe('Changelog.md');
      expect((error as CatalogSourceError).line).toBe(CHANGELOG.split('\n').indexOf('#### Outputs') + 1);
      expect((error as Error).message).toMatch(/^Changelog\.md:\d+: expected one of #### Version/);
    }
  });

  test('an unknown attribute type is an error, not a silent "unknown"', () => {
    expect(() => parseChangelog(CHANGELOG.replace('list of ints (required)', 'list of widgets (required)'), 'Changelog.md')).toThrow(/expected attribute/);
  });

  test('contrib operators: unversioned experimental ops get version 1 and the experimental level', () => {
    const contrib = `## com.microsoft\n### <sub>experimental</sub> <a name="com.microsoft.Foo"></a><a name="com.microsoft.foo">**com.microsoft.Foo**</a>\n\n  Foo.\n\n#### Version\n\nNo versioning maintained for experimental ops.\n#### Inputs\n\n<dl>\n<dt><tt>X</tt> : T</dt>\n<dd>x</dd>\n</dl>\n`;
    const [foo] = parseContribOperators(contrib, 'ContribOperators.md');
    expect(foo).toMatchObject({ domain: 'com.microsoft', name: 'Foo', experimental: true });
    expect(foo.block.sinceVersion).toBe(1);
  });
});

describe('runtime table parsers', () => {
  test('OperatorKernels.md: domains, continuation rows, ranges and per-constraint types', () => {
    const text = `## Operators implemented by CPUExecutionProvider\n\n| Op Name | Parameters | OpSet Version | Types Supported |\n|---------|------------|---------------|-----------------|\n|**Operator Domain:** *ai.onnx*||||\n|Abs|*in* X:**T**<br> *out* Y:**T**|13+|**T** = tensor(double), tensor(float)|\n|||[6, 12]|**T** = tensor(float)<br/> **T1** = map(int64,tensor(float))|\n| |\n| |\n`;
    const [cpu] = parseOperatorKernels(text, 'OperatorKernels.md');
    expect(cpu.provider).toBe('CPUExecutionProvider');
    expect(cpu.domains[''].Abs).toEqual([
      { range: '13+', from: 13, to: null, types: { T: ['tensor(double)', 'tensor(float)'] } },
      { range: '[6, 12]', from: 6, to: 12, types: { T: ['tensor(float)'], T1: ['map(int64,tensor(float))'] } },
    ]);
    expect(() => parseOperatorKernels(text.replace('[6, 12]', 'six to twelve'), 'OperatorKernels.md')).toThrow(/OperatorKernels\.md:7: expected an opset version/);
  });

  test('WebNN rows may separate domain groups with commas', () => {
    const text = '| Operator | Opset | WebNN API | Comments |\n|:------:|:------:|:------:|:------|\n| Attention | ai.onnx(23+), com.microsoft(1+) | matmul | note |\n';
    const ops = parseWebDomainTable(text, 'webnn-operators.md', 'webnn');
    expect(ops[''].Attention[0]).toMatchObject({ range: '23+', from: 23, to: null, note: 'maps to WebNN matmul. note' });
    expect(ops['com.microsoft'].Attention[0]).toMatchObject({ from: 1 });
  });

  test('TensorRT: headline range, rows without a trailing pipe, prose in the types column', () => {
    const text = 'TensorRT 9.9 supports operators in the inclusive range of opset 9 to opset 21. More.\n\n## Operator Support Matrix\n\n| Operator | Supported | Supported Types | Restrictions |\n|---|---|---|---|\n| Abs | Y | FP32, FP16 |\n| DynamicQuantizeLinear | N | Not supported. Use a function.\n| CumSum | Y | FP32 | `axis` must be constant |\n';
    const matrix = parseTensorRtOperators(text, 'operators.md');
    expect(matrix.headlineVersion).toBe('9.9');
    expect(matrix.opsetRange).toEqual([9, 21]);
    expect(matrix.ops.Abs).toEqual([{ supported: true, types: ['tensor(float)', 'tensor(float16)'] }]);
    expect(matrix.ops.DynamicQuantizeLinear).toEqual([{ supported: false, note: 'Not supported. Use a function.' }]);
    expect(matrix.ops.CumSum[0].note).toBe('`axis` must be constant');
    expect(() => parseTensorRtOperators(text.replace('TensorRT 9.9 supports', 'It supports'), 'operators.md')).toThrow(CatalogSourceError);
  });

  test('OpenVINO TSV and the CoreML/NNAPI lists', () => {
    const tsv = 'domain\top\tsupported_versions\tdefined_versions\tlimitation\n\tAbs\t13, 6, 1\t13, 6, 1\t\n\tBernoulli\t\t22, 15\t\ncom.microsoft\tGelu\t1\t1\tsome limit\n';
    const ov = parseOpenVinoTsv(tsv, 'ov.tsv');
    expect(ov[''].Abs).toEqual([{ versions: [13, 6, 1], supported: true }]);
    expect(ov[''].Bernoulli).toEqual([{ versions: [], supported: false }]);
    expect(ov['com.microsoft'].Gelu[0].note).toBe('some limit');
    expect(() => parseOpenVinoTsv(tsv.replace('13, 6, 1\t13', 'x\t13'), 'ov.tsv')).toThrow(/ov\.tsv:2:/);
    const mobile = parseMobileOpList('|Operator|Note|\n|--------|------|\n|ai.onnx:Conv|2D only.|\n|ai.onnx.ReduceSum||\n', 'coreml.md');
    expect(mobile[''].Conv).toEqual([{ note: '2D only.' }]);
    expect(mobile[''].ReduceSum).toEqual([{}]);
  });
});

describe('text helpers', () => {
  test('splitTopLevel keeps parenthesised commas', () => {
    expect(splitTopLevel('map(string, int64), seq(map(int64, float)), tensor(bool)')).toEqual(['map(string, int64)', 'seq(map(int64, float))', 'tensor(bool)']);
  });
  test('firstParagraph stops before a code fence and caps the length', () => {
    expect(firstParagraph('Computes:\n```\ny = x\n```\n\nMore.')).toBe('Computes:');
    const long = firstParagraph('word '.repeat(300), 50);
    expect(long.length).toBeLessThanOrEqual(50);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('stored-schema codec', () => {
  test('every schema of the catalog survives encode → decode unchanged', () => {
    const table = new TypeListTable();
    let count = 0;
    for (const domain of ['', 'ai.onnx.ml', 'ai.onnx.preview', 'ai.onnx.preview.training', 'com.microsoft']) {
      for (const name of opNames(domain)) {
        for (const schema of opHistory(domain, name)) {
          expect(decodeSchema(domain, name, JSON.parse(JSON.stringify(encodeSchema(schema, table))), table.lists)).toEqual(schema);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(700);
  });

  test('optional fields are omitted when at their defaults and restored on decode', () => {
    const table = new TypeListTable();
    const schema = opHistory('', 'Loop').at(-1)!;
    const stored = encodeSchema(schema, table);
    expect(stored.i![0]).toEqual({ n: 'M', t: 'I', o: 'optional', s: expect.any(String) });
    expect(stored.x).toBeUndefined();
    expect(table.intern(schema.typeConstraints[0].allowedTypes)).toBe(stored.c![0].l);
  });
});

test('runtime rows round-trip through the codec with shared type lists', () => {
  const table = new TypeListTable();
  const rows = [
    { range: '[6, 12]', from: 6, to: 12, types: { T: ['tensor(float)', 'tensor(double)'], T1: ['tensor(bool)'] } },
    { supported: true, types: ['tensor(float)', 'tensor(double)'], note: 'n' },
    { versions: [13, 6], supported: true },
  ];
  const stored = rows.map((r) => encodeRuntimeRow(r, table));
  expect(stored[0].types).toEqual({ T: 0, T1: 1 });
  expect(stored[1].types).toBe(0);
  expect(JSON.parse(JSON.stringify(stored)).map((r: Parameters<typeof decodeRuntimeRow>[0]) => decodeRuntimeRow(r, table.lists))).toEqual(rows);
});

test('firstSentence skips "e.g." and stops at the first real sentence end', () => {
  expect(firstSentence('Axes to use, e.g. the last one. Another sentence.')).toBe('Axes to use, e.g. the last one.');
  expect(firstSentence('Shape is [N, C]. More')).toBe('Shape is [N, C].');
  expect(firstSentence('value 1.5 is fine')).toBe('value 1.5 is fine');
});
