// The TextMate grammar on what the printer really writes: in the text of every torch fixture and a sample of
// corpus models (quoted names, node labels, domains, nested subgraphs, functions), the token at each node's
// op range is scoped as an operator, and no node line leaks into a string or comment scope.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { printModel } from '../../../src/core/onnx/printer';
import { readModelFile } from '../../../src/core/onnx/reader';
import { corpusNodeDir, fixturesDir, repoRoot } from '../../helpers/paths';

async function loadGrammar(): Promise<textmate.IGrammar> {
  const require = createRequire(__filename);
  const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => textmate.parseRawGrammar(readFileSync(join(repoRoot, 'syntaxes', 'onnxtxt.tmLanguage.json'), 'utf8'), 'onnxtxt.tmLanguage.json'),
  });
  const grammar = await registry.loadGrammar('source.onnxtxt');
  if (!grammar) throw new Error('grammar source.onnxtxt did not load');
  return grammar;
}

function sampleModels(): string[] {
  const torchDir = join(fixturesDir, 'torch');
  const torch = existsSync(torchDir) ? readdirSync(torchDir).filter((f) => f.endsWith('.onnx')).map((f) => join(torchDir, f)) : [];
  const corpus = ['test_if', 'test_loop11', 'test_scan9_sum', 'test_affine_grid_2d_expanded', 'test_layer_normalization_2d_axis0_expanded', 'test_sequence_map_identity_1_sequence', 'test_constant', 'test_gru_defaults', 'test_regex_full_match_basic']
    .map((d) => join(corpusNodeDir, d, 'model.onnx')).filter((f) => existsSync(f));
  return [...torch, ...corpus];
}

describe('the grammar on printed models', () => {
  it('scopes every op name as an operator', async () => {
    const grammar = await loadGrammar();
    const files = sampleModels();
    expect(files.length).toBeGreaterThan(50);
    let checked = 0;
    for (const file of files) {
      const printed = printModel(readModelFile(file));
      const lines = printed.text.split('\n');
      const byLine = new Map<number, Array<{ start: number; end: number; path: string }>>();
      for (const [path, range] of printed.opRanges) byLine.set(range.line, [...(byLine.get(range.line) ?? []), { ...range, path }]);
      let state = textmate.INITIAL;
      lines.forEach((line, index) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        for (const op of byLine.get(index) ?? []) {
          const token = result.tokens.find((t) => t.startIndex <= op.end - 1 && op.end - 1 < t.endIndex)!;
          const scopes = token.scopes.join(' ');
          expect(scopes, `${file} line ${index + 1}: ${line}`).toContain('entity.name.function.operator.onnxtxt');
          expect(scopes).not.toMatch(/string\.quoted|comment\./);
          checked++;
        }
      });
    }
    console.log(`grammar on printed text: ${files.length} models, ${checked} op names scoped as operators`);
  });
});
