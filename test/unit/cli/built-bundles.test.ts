// The bundles as they ship: scripts/build.mjs into a temporary folder, then the bundles run by Node. What only the
// build decides is checked here: what stays out of each bundle, in files beside it read on first use — the
// catalog's JSON, the CLI's python command, elkjs — and that each command or activation loads only what it needs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';

const out = mkdtempSync(join(tmpdir(), 'built-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', out], { cwd: repoRoot, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
});

/** Runs `main(args)` of the built CLI in a fresh Node, and lists the files of the build folder it had loaded. */
function runBuilt(args: string[]): { code: number; stdout: string; loaded: string[] } {
  const probe = `
const cli = require(${JSON.stringify(join(out, 'cli.js'))});
let stdout = '';
cli.main(${JSON.stringify(args)}, { stdout: (t) => { stdout += t; }, stderr: () => {} }).then((code) => {
  const loaded = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(out)})).map((f) => f.slice(${out.length + 1}));
  process.stdout.write(JSON.stringify({ code, stdout, loaded: loaded.sort() }));
});`;
  const run = spawnSync(process.execPath, ['-e', probe], { cwd: repoRoot, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { code: number; stdout: string; loaded: string[] };
}

describe('the built CLI', () => {
  it('keeps the catalog data and tree-sitter out of the main bundle', () => {
    const bundle = readFileSync(join(out, 'cli.js'), 'utf8');
    const schemas = readFileSync(join(out, 'data', 'schemas.json'), 'utf8');
    expect(JSON.parse(schemas).format).toBeTypeOf('number');
    // A schema description from the data, and tree-sitter's own runtime, appear in no bundle but their own.
    expect(schemas).toContain('Performs element-wise binary addition');
    expect(bundle).not.toContain('Performs element-wise binary addition');
    expect(bundle).not.toContain('tree-sitter.wasm');
    expect(readFileSync(join(out, 'cli-python.js'), 'utf8')).toContain('tree-sitter.wasm');
  });

  it('inspects a model without loading the catalog or the python chunk', () => {
    const run = runBuilt(['inspect', '--json', join(repoRoot, 'samples', 'gemma_rmsnorm_opset17.onnx')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).opHistogram).toMatchObject({ ReduceMean: 1, Sqrt: 1 });
    expect(run.loaded).toEqual(['cli.js']);
  });

  it('checks a model with the catalog read from data/, still without the python chunk', () => {
    const run = runBuilt(['check', '--runtime', 'ort-cpu', join(repoRoot, 'samples', 'gemma_rmsnorm_opset17.onnx')]);
    expect(run.stdout).toContain('RMSNorm');
    expect(run.loaded).toEqual(['cli.js', 'data/runtimes.json', 'data/schemas.json']);
  });

  it('runs the python command from its chunk', () => {
    const run = runBuilt(['python', '--format', 'json', join(repoRoot, 'test', 'fixtures', 'python', 'awkward_aliases.py')]);
    expect(run.code).toBe(1);
    expect(JSON.stringify(JSON.parse(run.stdout))).toContain('missing-symbolic');
    expect(run.loaded).toEqual(['cli-python.js', 'cli.js']);
  });

  it('lists the python command in its help without loading it', () => {
    const run = runBuilt(['--help']);
    expect(run.stdout).toMatch(/^ {2}python +Find missing symbolic\/setType/m);
    expect(run.loaded).toEqual(['cli.js']);
  });
});

describe('the built extension', () => {
  it('activates without loading elkjs or the catalog, which sit beside it', () => {
    // The bench's require probe gives the bundle a stub `vscode` and prints a line; then what it had loaded.
    const probe = `
process.argv[2] = ${JSON.stringify(join(out, 'extension.js'))};
require(${JSON.stringify(join(repoRoot, 'scripts', 'bench', 'require_extension.cjs'))});
const loaded = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(out)})).map((f) => f.slice(${out.length + 1}));
process.stdout.write(JSON.stringify(loaded));`;
    const run = spawnSync(process.execPath, ['-e', probe], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const [probed, loaded] = run.stdout.trim().split('\n');
    expect(JSON.parse(probed!).exports).toEqual(['activate', 'deactivate']);
    expect(JSON.parse(loaded!)).toEqual(['extension.js']);
    const bundle = readFileSync(join(out, 'extension.js'), 'utf8');
    expect(bundle).toContain('./elk.bundled.js');
    expect(bundle.length).toBeLessThan(readFileSync(join(out, 'elk.bundled.js'), 'utf8').length);
  });
});
