// `onnx-coverage python <folder>` prints each file's name from the disk: a .py file named with a terminal escape
// (from a downloaded archive) must be shown escaped, not written raw to the terminal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const root = mkdtempSync(join(tmpdir(), 'python-cli-name-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('python text output for a file with a hostile name', () => {
  it('escapes the name in findings and in "no findings"', async () => {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a\u001b[2J\u202e.py'), 'import torch\nclass A(torch.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x\n');
    writeFileSync(join(root, 'src', 'b\u0007.py'), 'x = 1\n');
    let stdout = '';
    await main(['python', root], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(stdout).toContain('missing-symbolic');
    expect(stdout).toContain('no findings');
    expect(stdout.match(new RegExp(UNSAFE.source, 'g')) ?? []).toEqual([]);
    expect(stdout).toContain('a\\u001b[2J\\u202e.py');
  });
});
