// Hostile or generated Python must not crash or hang the analysis: deep nesting is opaque to the rules and
// gets no fix, and the intact classes of the same file are still checked.
import { describe, expect, it } from 'vitest';
import { analyzePython, fixAllPython } from '../../../src/core/python';

const FUNCTION_WITHOUT_SYMBOLIC = 'class Plain(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n';

function moduleWith(statement: string): string {
  return `import torch\nfrom torch import nn\nclass M(nn.Module):\n    def forward(self, x):\n        ${statement}\n        return x * torch.sigmoid(x)\n${FUNCTION_WITHOUT_SYMBOLIC}`;
}

describe('hostile Python', () => {
  it.each([
    ['a 20,000-term sum', `y = ${Array.from({ length: 20000 }, () => 'x').join(' + ')}`],
    ['3,000 nested parentheses', `y = ${'('.repeat(3000)}x${')'.repeat(3000)}`],
    ['a 20,000-long attribute chain', `y = a${'.b'.repeat(20000)}`],
    ['a 1 MB string', `y = "${'z'.repeat(1 << 20)}"`],
  ])('survives %s and still checks the other classes', async (_label, statement) => {
    const source = moduleWith(statement);
    const diagnostics = await analyzePython(source);
    expect(diagnostics.map((d) => `${d.code} ${d.className}`)).toEqual(['decomposable-module M', 'missing-symbolic Plain']);
    const { text } = await fixAllPython(source);
    expect(text).toContain('def symbolic(g, x):');
  });

  it('survives a conditional over a variable rebuilt from itself 24 times (terms share it: a walk of every path is 2^24)', async () => {
    const rebuilt = Array.from({ length: 24 }, () => '        y = torch.tanh(y) * torch.sigmoid(y)').join('\n');
    const source = `import torch\nfrom torch import nn\nclass Deep(nn.Module):\n    def forward(self, x):\n        y = x\n${rebuilt}\n        return y if self.training else y\n${FUNCTION_WITHOUT_SYMBOLIC}`;
    const diagnostics = await analyzePython(source);
    expect(diagnostics.map((d) => `${d.code} ${d.className}`)).toEqual(['missing-symbolic Plain']);
  }, 10_000);

  it('survives products and sums of a variable rebuilt from itself 40 times (2^40 paths through shared terms)', async () => {
    for (const op of ['*', '+']) {
      const rebuilt = Array.from({ length: 40 }, () => `        y = y ${op} y`).join('\n');
      const source = `import torch\nfrom torch import nn\nclass Deep(nn.Module):\n    def forward(self, x):\n        y = x\n${rebuilt}\n        return y * torch.sigmoid(y)\n${FUNCTION_WITHOUT_SYMBOLIC}`;
      const diagnostics = await analyzePython(source);
      expect(diagnostics.map((d) => `${d.code} ${d.className}`), op).toEqual(['missing-symbolic Plain']);
    }
  }, 20_000);

  it('survives 300 nested classes', async () => {
    let source = 'import torch\n';
    for (let depth = 0; depth < 300; depth++) source += `${' '.repeat(depth)}class C${depth}:\n`;
    source += `${' '.repeat(300)}pass\n${FUNCTION_WITHOUT_SYMBOLIC}`;
    const diagnostics = await analyzePython(source);
    expect(diagnostics.map((d) => d.code)).toEqual(['missing-symbolic']);
  });

  it('reports unbalanced brackets to the end of the file as one syntax error, not a crash', async () => {
    const diagnostics = await analyzePython(`import torch\nx = ${'['.repeat(2000)}\n${FUNCTION_WITHOUT_SYMBOLIC}`);
    expect(diagnostics.filter((d) => d.code === 'syntax-error').length).toBeGreaterThan(0);
  });
});
