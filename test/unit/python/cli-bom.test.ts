// `onnx-coverage python --fix` on a file that starts with a UTF-8 byte order mark: the fix is applied and the
// mark stays. The file is read without it (the analysis sees plain text) but must be written back with it: a
// fix changes what it says it changes, and nothing else in the file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { fixturesDir } from '../../helpers/paths';

const work = mkdtempSync(join(tmpdir(), 'python-cli-bom-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function fix(file: string): Promise<number> {
  return main(['python', '--fix', file], { stdout: () => {}, stderr: () => {} });
}

describe('python --fix on a file with a byte order mark', () => {
  it('keeps the mark and changes the rest exactly as on the same file without it', async () => {
    const plain = join(work, 'plain.py');
    const marked = join(work, 'marked.py');
    copyFileSync(join(fixturesDir, 'python', 'custom_relu_no_symbolic.py'), plain);
    writeFileSync(marked, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(plain)]));
    await fix(plain);
    await fix(marked);
    const fixedPlain = readFileSync(plain);
    expect(fixedPlain.equals(readFileSync(join(fixturesDir, 'python', 'custom_relu_no_symbolic.py')))).toBe(false);
    expect(readFileSync(marked).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixedPlain]))).toBe(true);
  });
});
