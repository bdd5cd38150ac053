// The printer on real models: every conformance-corpus model and every torch fixture prints with each node on
// its line; and onnx's own parser (Debian's onnx 1.12, `onnx.parser.parse_model`) reads our text back into the
// same structure as `onnx.load` of the original, for every model whose text stays within what 1.12 parses.
// (onnx 1.12 has no `onnx.printer`, so the comparison is structural rather than textual.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printedOpAt } from '../../../src/core/onnx/printed-op-at';
import { printModel, printedOpName } from '../../../src/core/onnx/printer';
import { readModelFile } from '../../../src/core/onnx/reader';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { corpusNodeDir, debianPython, fixturesDir } from '../../helpers/paths';

function corpusModels(): string[] {
  if (!existsSync(corpusNodeDir)) return [];
  return readdirSync(corpusNodeDir).sort().map((d) => join(corpusNodeDir, d, 'model.onnx')).filter((f) => existsSync(f));
}

function torchFixtures(): string[] {
  const dir = join(fixturesDir, 'torch');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort().map((f) => join(dir, f)) : [];
}

const models = [...corpusModels(), ...torchFixtures()];

describe('printModel on every corpus model and torch fixture', () => {
  it('prints each one with every node (subgraphs and functions included) on its line, no control characters', () => {
    expect(models.length).toBeGreaterThan(1800);
    let nodes = 0;
    for (const file of models) {
      const model = readModelFile(file);
      const printed = printModel(model);
      const lines = printed.text.split('\n');
      expect(printed.text, file).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      for (const ref of iterateNodes(model, { functions: true })) {
        const range = printed.opRanges.get(ref.path);
        expect(range, `${file} ${ref.path}`).toBeDefined();
        expect(printed.nodeLines.get(ref.path)).toBe(range!.line);
        expect(lines[range!.line]!.slice(range!.start, range!.end), `${file} ${ref.path}`).toBe(printedOpName(ref.node));
        // The hover lookup finds this op anywhere on its name, and nothing just before it (a space or '=').
        for (const column of [range!.start, (range!.start + range!.end) >> 1, range!.end]) expect(printedOpAt(printed, range!.line, column)?.path).toBe(ref.path);
        expect(printedOpAt(printed, range!.line, range!.start - 1)).toBeUndefined();
        nodes++;
      }
    }
    console.log(`printer: ${models.length} models, ${nodes} nodes mapped to their lines`);
  });
});

describe('printModel with layoutOnly, and with the node list given', () => {
  it('puts every node on the same line and its op at the same columns as a full print, on every model', () => {
    let withSubgraphs = 0;
    for (const file of models) {
      const model = readModelFile(file);
      const full = printModel(model);
      const layout = printModel(model, { layoutOnly: true });
      expect(layout.text).toBe('');
      expect([...layout.opRanges], file).toEqual([...full.opRanges]);
      expect([...layout.nodeLines], file).toEqual([...full.nodeLines]);
      // Given the node list the caller already has (the extension does), the same print.
      const withNodes = printModel(model, { nodes: [...iterateNodes(model, { functions: true })] });
      expect(withNodes.text, file).toBe(full.text);
      expect([...withNodes.opRanges], file).toEqual([...full.opRanges]);
      if ([...iterateNodes(model)].some((ref) => ref.scope.kind === 'subgraph')) withSubgraphs++;
    }
    // The models whose node lines hold subgraphs, whose lines a layout still counts in full.
    expect(withSubgraphs).toBeGreaterThan(20);
  });
});

/** Constructs onnx 1.12's parser predates; a text using one is not expected to parse there. */
const PARSER_1_12_LIMITS: Array<[string, RegExp]> = [
  ['element types added after 1.12', /\b(?:float8e4m3fn|float8e4m3fnuz|float8e5m2|float8e5m2fnuz|uint4|int4|float4e2m1|float8e8m0|uint2|int2)\b/],
  ['seq/map/optional/sparse/opaque types', /\b(?:seq|map|optional|sparse_tensor|opaque)\(/],
  ['nan/inf literals', /(?<![\w"])-?(?:nan|inf)\b/],
  ['backslash escapes in strings (1.12 does not unescape)', /"(?:[^"\\\n]|\\[^\\])*\\\\/],
  ['a leading omitted input or output written ""', /(?:\(|^\s*)""/m],
  ['quoted names', /(?:^|[\s(,])"[^"\n]*"\s*[,)=]/m],
  ['node labels with quoted names', /^\s*\["/m],
  ['overloads or typed attributes other than int/ints/float/floats/string/strings', /\b(?:type_proto|type_protos|sparse_tensor|sparse_tensors)\s*=|:\w+ \(/],
];

const hasOnnx = existsSync(debianPython) && spawnSync(debianPython, ['-c', 'import onnx.parser'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasOnnx || corpusModels().length === 0)('onnx.parser (1.12) reads our text back', () => {
  const work = mkdtempSync(join(tmpdir(), 'printer-roundtrip-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('into the same graphs, nodes, attributes, values and functions as onnx.load of the original', () => {
    const cases: Array<{ model: string; text: string; limit?: string }> = [];
    for (const file of corpusModels()) {
      // All corpus constants are small: show them all, so that values are compared too.
      const text = printModel(readModelFile(file), { maxConstantElements: 4096 }).text
        // Node labels ("[name] out = Op") came after 1.12; its parser would read the label as an output.
        .replace(/^(\s*)\[[A-Za-z_]\w*\] /gm, '$1');
      const path = join(work, `${cases.length}.onnxtxt`);
      writeFileSync(path, text);
      cases.push({ model: file, text: path, limit: PARSER_1_12_LIMITS.find(([, re]) => re.test(text))?.[0] });
    }
    const run = spawnSync(debianPython, [join(__dirname, 'parse_and_compare.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Array<{ model: string; parsed: boolean; error?: string; differences?: string[] }>;
    expect(results).toHaveLength(cases.length);

    const expected = results.filter((_, i) => cases[i]!.limit === undefined);
    const unparsed = expected.filter((r) => !r.parsed).map((r) => `${r.model}: ${r.error}`);
    const different = expected.filter((r) => r.parsed && r.differences!.length > 0).map((r) => `${r.model}: ${r.differences!.join('; ')}`);
    const identical = expected.length - unparsed.length - different.length;
    const limited = cases.filter((c) => c.limit !== undefined);
    const limitedParsed = results.filter((r, i) => cases[i]!.limit !== undefined && r.parsed && r.differences!.length === 0).length;
    console.log(`printer round trip: ${cases.length} corpus models; ${expected.length} within onnx 1.12's syntax: ${identical} identical, ${different.length} different, ${unparsed.length} unparsed; ${limited.length} use newer syntax (${limitedParsed} of them still identical)`);
    expect(unparsed).toEqual([]);
    expect(different).toEqual([]);
    expect(identical).toBeGreaterThan(1400);
  });
});
