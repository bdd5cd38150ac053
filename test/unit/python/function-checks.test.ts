// Diagnostics and fixes on torch.autograd.Function classes, on committed fixtures of awkward Python.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePython, applyEdits, fixAllPython, parsePython, type PythonDiagnostic } from '../../../src/core/python';
import { fixturesDir } from '../../helpers/paths';

const fixture = (name: string) => readFileSync(join(fixturesDir, 'python', name), 'utf8');
const summary = (diagnostics: PythonDiagnostic[]) => diagnostics.map((d) => `${d.code} ${d.className}`);

async function expectCleanPython(text: string) {
  const tree = await parsePython(text);
  try {
    expect(tree.rootNode.hasError).toBe(false);
  } finally {
    tree.delete();
  }
}

describe('missing-symbolic', () => {
  it('flags the seed custom ReLU and adds a static symbolic with setType after forward', async () => {
    const source = fixture('custom_relu_no_symbolic.py');
    const diagnostics = await analyzePython(source);
    expect(summary(diagnostics)).toEqual(['missing-symbolic MyReLU']);
    const [diagnostic] = diagnostics;
    expect(diagnostic!.range).toEqual({ start: { line: 4, character: 6 }, end: { line: 4, character: 12 } });
    const fixed = applyEdits(source, diagnostic!.fixes.find((f) => f.preferred)!.edits);
    expect(fixed).toContain(
      [
        '        return input.clamp(min=0)  # stays a comment on this line',
        '',
        '    @staticmethod',
        '    def symbolic(g, input):',
        '        return g.op("custom::MyReLU", input).setType(input.type())',
        '',
        '    @staticmethod',
        '    def backward(ctx, grad_output):',
      ].join('\n'),
    );
    expect(await analyzePython(fixed)).toEqual([]);
  });

  it('registers the domain in the file\'s own torch.onnx.export call', async () => {
    const source = `${fixture('custom_relu_no_symbolic.py')}\ntorch.onnx.export(Model(), (torch.randn(1),), "m.onnx", opset_version=17)\n`;
    const { text } = await fixAllPython(source, { domain: 'acme' });
    expect(text).toContain('torch.onnx.export(Model(), (torch.randn(1),), "m.onnx", opset_version=17, custom_opsets={"acme": 1})');
    expect((await fixAllPython(text, { domain: 'acme' })).text).toBe(text);
  });

  it('uses the configured domain and op name', async () => {
    const [diagnostic] = await analyzePython(fixture('custom_relu_no_symbolic.py'), { domain: 'my.ops', opName: 'Relu6ish' });
    expect(diagnostic!.fixes[0]!.edits[0]!.newText).toContain('g.op("my.ops::Relu6ish", input)');
  });

  it('gives every forward parameter the attribute suffix its annotation or default implies', async () => {
    const diagnostics = await analyzePython(fixture('awkward_aliases.py'));
    const clamp = diagnostics.find((d) => d.className === 'Clamp01')!;
    expect(clamp.code).toBe('missing-symbolic');
    expect(clamp.fixes[0]!.edits[0]!.newText).toContain(
      'def symbolic(g, x, low=0.0, high=1.0, steps=3, mode="edge", dims=[1, 2], flag=True):\n' +
        '        return g.op("custom::Clamp01", x, low_f=low, high_f=high, steps_i=steps, mode_s=mode, dims_i=dims, flag_i=int(flag)).setType(x.type())',
    );
  });

  it('offers no fix when forward takes *args (no clean symbolic exists)', async () => {
    const source = 'import torch\nclass V(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, *xs):\n        return xs[0]\n';
    const [diagnostic] = await analyzePython(source);
    expect(diagnostic!.code).toBe('missing-symbolic');
    expect(diagnostic!.fixes).toEqual([]);
  });

  it('ignores classes that are not autograd Functions and Functions whose local base has symbolic', async () => {
    const source = [
      'from torch.autograd import Function',
      'class Base(Function):',
      '    @staticmethod',
      '    def forward(ctx, x):',
      '        return x',
      '    @staticmethod',
      '    def symbolic(g, x):',
      '        return g.op("custom::Base", x).setType(x.type())',
      'class Child(Base):',
      '    @staticmethod',
      '    def forward(ctx, x):',
      '        return x + 1',
      'class Function2:',
      '    def forward(self, x):',
      '        return x',
      '',
    ].join('\n');
    expect(await analyzePython(source)).toEqual([]);
  });
});

describe('missing-settype', () => {
  it('wraps a g.op returned through a variable', async () => {
    const source = fixture('symbolic_without_settype.py');
    const diagnostics = await analyzePython(source);
    expect(summary(diagnostics)).toEqual(['missing-settype ScaledTanh']);
    const fixed = applyEdits(source, diagnostics[0]!.fixes[0]!.edits);
    expect(fixed).toContain('node = g.op("custom::ScaledTanh", x, alpha_f=alpha).setType(x.type())\n        return node');
    expect(await analyzePython(fixed)).toEqual([]);
  });

  it('wraps a g.op returned directly, and accepts a later node.setType(...) statement', async () => {
    const direct = 'import torch\nclass A(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n    @staticmethod\n    def symbolic(g, x):\n        return g.op("custom::A", g.op("Neg", x))\n';
    const [diagnostic] = await analyzePython(direct);
    expect(diagnostic!.code).toBe('missing-settype');
    expect(applyEdits(direct, diagnostic!.fixes[0]!.edits)).toContain('return g.op("custom::A", g.op("Neg", x)).setType(g.op("Neg", x).type())');
    const typedLater = direct.replace('        return g.op("custom::A", g.op("Neg", x))\n', '        y = g.op("custom::A", x)\n        y.setType(x.type())\n        return y\n');
    expect(await analyzePython(typedLater)).toEqual([]);
  });

  it('diagnoses but does not fix a multi-output node', async () => {
    const source = 'import torch\nclass A(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x, x\n    @staticmethod\n    def symbolic(g, x):\n        return g.op("custom::A", x, outputs=2)\n';
    const [diagnostic] = await analyzePython(source);
    expect(diagnostic!.code).toBe('missing-settype');
    expect(diagnostic!.fixes).toEqual([]);
  });
});

describe('symbolic-not-static and awkward files', () => {
  it('diagnoses nested non-static symbolics, dropping self where it was taken', async () => {
    const source = fixture('awkward_aliases.py');
    const diagnostics = await analyzePython(source);
    expect(summary(diagnostics)).toEqual(['missing-symbolic Clamp01', 'symbolic-not-static Inner', 'symbolic-not-static WithSelf']);
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning', 'warning', 'error']);
    const { text, applied } = await fixAllPython(source);
    expect(applied).toHaveLength(3);
    expect(text).toContain('        @staticmethod\n        def symbolic(g, x):\n            return g.op("custom::Inner", x)');
    expect(text).toContain('        @staticmethod\n        def symbolic(g, x):\n            return g.op("custom::WithSelf", x)');
    expect(await analyzePython(text)).toEqual([]);
    await expectCleanPython(text);
  });

  it('keeps analysing intact classes when another class has a syntax error', async () => {
    const diagnostics = await analyzePython(fixture('syntax_error_elsewhere.py'));
    expect(summary(diagnostics)).toEqual(['syntax-error Broken', 'missing-symbolic StillChecked']);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[1]!.fixes).toHaveLength(1);
  });

  it('keeps tabs and CRLF, and counts characters in UTF-16 like the editor', async () => {
    const source = fixture('tabs_crlf.py');
    expect(source).toMatch(/\r\n/); // the fixture must really be CRLF (a checkout that normalised it fails here)
    const diagnostics = await analyzePython(source);
    expect(summary(diagnostics)).toEqual(['missing-symbolic TabbedSquare', 'missing-settype TabbedCube']);
    const { text } = await fixAllPython(source);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('\t\treturn x * x  # é\r\n\r\n\t@staticmethod\r\n\tdef symbolic(g, x):\r\n\t\treturn g.op("custom::TabbedSquare", x).setType(x.type())\r\n');
    expect(text).toContain('\t\treturn g.op("custom::Cube", x).setType(x.type())\r\n');
    expect((await fixAllPython(text)).text).toBe(text);
  });

  it('puts ranges in UTF-16 columns after non-ASCII text on the same line', async () => {
    const source = 'import torch\nlabel = "😀é"; exec("")\nclass Ü(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n';
    const [diagnostic] = await analyzePython(source);
    expect(diagnostic!.range).toEqual({ start: { line: 2, character: 6 }, end: { line: 2, character: 7 } });
  });
});

describe('applyEdits', () => {
  it('applies edits against the original text and rejects overlaps', () => {
    const at = (line: number, character: number) => ({ line, character });
    expect(applyEdits('ab\ncd', [{ range: { start: at(1, 0), end: at(1, 1) }, newText: 'X' }, { range: { start: at(0, 2), end: at(0, 2) }, newText: '!' }])).toBe('ab!\nXd');
    expect(() => applyEdits('abcd', [{ range: { start: at(0, 0), end: at(0, 3) }, newText: '' }, { range: { start: at(0, 1), end: at(0, 2) }, newText: 'y' }])).toThrow(/overlap/);
  });
});
