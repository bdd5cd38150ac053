// Go to PyTorch Source's Python side: `self.<attr> = Class(...)` assignments and class definitions, found with the
// core's tree-sitter parser in the e2e workspace's model file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastModuleAttribute, outlinePython } from '../../../src/core/python/module-locator';
import { repoRoot } from '../../helpers/paths';

describe('module locator', () => {
  it('finds the class behind self.input_layernorm and where each class is defined', async () => {
    const source = readFileSync(join(repoRoot, 'test', 'e2e', 'workspace', 'src', 'gemma_model.py'), 'utf8');
    const outline = await outlinePython(source);
    const lines = source.split('\n');
    expect(outline.assignments.get('input_layernorm')?.map((a) => a.callee)).toEqual(['GemmaRMSNorm']);
    expect(outline.assignments.get('layers')?.map((a) => a.callee)).toEqual(['nn.ModuleList']);
    // self.eps = eps is not a module assignment (no call).
    expect(outline.assignments.has('eps')).toBe(false);
    const gemma = outline.classes.find((c) => c.name === 'GemmaRMSNorm')!;
    expect(lines[gemma.at.line]!.slice(gemma.at.character)).toMatch(/^GemmaRMSNorm\(nn\.Module\):/);
    expect(outline.classes.map((c) => c.name)).toEqual(['GemmaRMSNorm', 'DecoderLayer', 'TinyGemma']);
  });

  it('takes the innermost named module of a scope, skipping list indices', () => {
    expect(lastModuleAttribute(['layers', '0', 'input_layernorm'])).toBe('input_layernorm');
    expect(lastModuleAttribute(['layers', '3'])).toBe('layers');
    expect(lastModuleAttribute(['0', ''])).toBeUndefined();
  });
});
