// The shared multi-input loop and output helpers of the subcommands: unusable inputs are reported and skipped,
// the rest still run in order, and a loader that throws stops the run.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandFolders, forEachUsable, Unusable } from '../../../src/cli/inputs';
import { failUsage, writeJson, writeJsonLine } from '../../../src/cli/output';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => { out.stdout += t; }, stderr: (t: string) => { out.stderr += t; } } };
}

describe('forEachUsable', () => {
  it('hands each usable input to use with its position, reports the others, and says whether all were usable', async () => {
    const { out, io } = capture();
    const seen: string[] = [];
    const load = (path: string) => (path.startsWith('bad') ? new Unusable(`${path}: byte 3: expected a tag`) : path.length);
    const allUsable = await forEachUsable(['a', 'bad1', 'ccc', 'bad2'], 'check', io, load, async (length, path, index) => {
      seen.push(`${index}:${path}:${length}`);
    });
    expect(allUsable).toBe(false);
    expect(seen).toEqual(['0:a:1', '2:ccc:3']);
    expect(out.stderr).toBe('onnx-coverage check: bad1: byte 3: expected a tag\nonnx-coverage check: bad2: byte 3: expected a tag\n');
    expect(await forEachUsable(['a'], 'check', io, (p) => p, () => undefined)).toBe(true);
  });

  it('treats a string or any other value as usable: only Unusable marks an input as unusable', async () => {
    const { io } = capture();
    const values: unknown[] = [];
    await forEachUsable(['x', 'y'], 'python', io, async (p) => (p === 'x' ? '' : { reason: 'not an Unusable' }), (v) => { values.push(v); });
    expect(values).toEqual(['', { reason: 'not an Unusable' }]);
  });

  it('stops at a loader that throws, after the inputs before it', async () => {
    const { io } = capture();
    const seen: string[] = [];
    const load = (p: string) => {
      if (p === 'stop') throw new Error('bad option');
      return p;
    };
    await expect(forEachUsable(['a', 'stop', 'b'], 'check', io, load, (p) => { seen.push(p); })).rejects.toThrow('bad option');
    expect(seen).toEqual(['a']);
  });
});

describe('expandFolders', () => {
  const root = mkdtempSync(join(tmpdir(), 'onnx-coverage-inputs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const file = (...parts: string[]) => {
    const path = join(root, ...parts);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
    return path;
  };

  it('lists a folder of 150,000 files (more than a spread into push can take as arguments)', () => {
    const big = join(root, 'big');
    mkdirSync(big);
    for (let i = 0; i < 150_000; i++) writeFileSync(join(big, `m${String(i).padStart(6, '0')}.py`), '');
    const listed = expandFolders([big], ['.py']);
    expect(listed).toHaveLength(150_000);
    expect(listed[0]).toBe(join(big, 'm000000.py'));
    expect(listed[149_999]).toBe(join(big, 'm149999.py'));
  }, 60_000);

  it('replaces a folder by its files with the extension, sorted, at any depth, and keeps other inputs in place', () => {
    const b = file('models', 'b.onnx');
    const a = file('models', 'a.ONNX');
    const deep = file('models', 'sub', 'deeper', 'c.onnx');
    file('models', 'notes.txt');
    file('models', 'model.onnx.bak');
    expect(expandFolders(['first.onnx', join(root, 'models'), 'last.onnx'], ['.onnx'])).toEqual(['first.onnx', a, b, deep, 'last.onnx']);
  });

  it('leaves out hidden folders, installed packages and caches, and follows no symbolic link', () => {
    const kept = file('project', 'src', 'model.py');
    file('project', '.venv', 'lib', 'x.py');
    file('project', 'node_modules', 'pkg', 'y.py');
    file('project', 'lib', 'site-packages', 'torch', 'z.py');
    file('project', 'src', '__pycache__', 'w.py');
    const outside = file('elsewhere', 'outside.py');
    symlinkSync(join(root, 'elsewhere'), join(root, 'project', 'linked-folder'));
    symlinkSync(outside, join(root, 'project', 'linked.py'));
    symlinkSync(join(root, 'project'), join(root, 'project', 'src', 'cycle'));
    expect(expandFolders([join(root, 'project')], ['.py'])).toEqual([kept]);
    // Named on the command line, a hidden folder is walked.
    expect(expandFolders([join(root, 'project', '.venv')], ['.py'])).toEqual([join(root, 'project', '.venv', 'lib', 'x.py')]);
  });

  it('makes a folder without such files an unusable input that forEachUsable reports', async () => {
    mkdirSync(join(root, 'empty', 'inner'), { recursive: true });
    const expanded = expandFolders([join(root, 'empty')], ['.onnx']);
    expect(expanded).toHaveLength(1);
    expect(expanded[0]).toBeInstanceOf(Unusable);
    const { out, io } = capture();
    expect(await forEachUsable(expanded, 'check', io, () => 1, () => undefined)).toBe(false);
    expect(out.stderr).toBe(`onnx-coverage check: ${join(root, 'empty')}: a folder with no .onnx file in it\n`);
  });
});

describe('output helpers', () => {
  it('writes usage failures as message, blank line, usage, and returns exit 2', () => {
    const { out, io } = capture();
    expect(failUsage(io, 'schema', 'no op given', 'Usage: x\n')).toBe(2);
    expect(out).toEqual({ stdout: '', stderr: 'onnx-coverage schema: no op given\n\nUsage: x\n' });
  });

  it('writes JSON lines compact and whole documents indented', () => {
    const { out, io } = capture();
    writeJsonLine(io, { a: [1, 2] });
    writeJsonLine(io, 'text');
    writeJson(io, { a: 1 });
    expect(out.stdout).toBe('{"a":[1,2]}\n"text"\n{\n  "a": 1\n}\n');
  });
});
