// A syntax error's message quotes the broken text of the file, and goes to the terminal (`onnx-coverage python`)
// and the Problems panel. JSON.stringify escaped C0 controls but let bidi overrides (U+202E reorders the rest
// of the line as read), C1 controls and line separators through raw from a downloaded .py file.
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../../src/core/python';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('the syntax error message', () => {
  it('shows the broken text with every control, separator and bidi character escaped', async () => {
    const broken = '$ \u202e \u2066 \u0085 \u009b \u2028 \u001b[2J oops';
    const diagnostics = await analyzePython(`import torch\nclass A(torch.autograd.Function):\n    x = ${broken}\n`);
    const errors = diagnostics.filter((d) => d.code === 'syntax-error');
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors) expect(d.message.match(new RegExp(UNSAFE.source, 'g')) ?? [], d.message).toEqual([]);
    expect(errors.map((d) => d.message).join('\n')).toMatch(/\\u202e|\\u001b/);
  });
});
