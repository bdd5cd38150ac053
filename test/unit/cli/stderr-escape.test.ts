// Messages on stderr name the input, and a folder walk takes file names from the disk: a downloaded archive can
// hold a file called "a\e[2J….onnx". The stdout report already escaped such names; stderr wrote them raw, so an
// unreadable file could clear the terminal or plant a bidi override. Escaped like the report, but not cut: a long
// path in an error message is still shown whole.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';

const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const root = mkdtempSync(join(tmpdir(), 'cli-stderr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('stderr of a run over a folder with a hostile file name', () => {
  it.each(['check', 'inspect'])('%s escapes the name and keeps a long path whole', async (command) => {
    const folder = join(root, command, 'd'.repeat(200));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a\u001b[2Jb\u202e\u0085.onnx'), 'junk');
    let stderr = '';
    const code = await main([command, join(root, command)], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr.match(new RegExp(UNSAFE.source, 'g')) ?? []).toEqual([]);
    expect(stderr).toContain('a\\u001b[2Jb\\u202e\\u0085.onnx');
    expect(stderr).toContain('d'.repeat(200));
  });
});
