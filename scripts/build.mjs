// One esbuild call per entry point: the extension (CommonJS, `vscode` external) and the CLI, whose python command
// is a chunk of its own (dist/cli-python.js, loaded when that command runs: tree-sitter is 40% of the CLI's code).
// The catalog's two data files stay out of every bundle and sit next to them in dist/data/: `require` reads them on
// first use, so start-up (every CLI command, the extension's activation) does not compile 1.1 MB of JSON as
// JavaScript. `--outdir DIR` builds into DIR instead of dist/ (the built-CLI test); `--production` minifies.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const args = process.argv.slice(2);
const production = args.includes('--production');
const outdir = args.includes('--outdir') ? args[args.indexOf('--outdir') + 1] : 'dist';
const catalogData = ['schemas.json', 'runtimes.json'];
const common = {
  define: { VERSION: JSON.stringify(version) }, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true,
  logLevel: 'warning', minify: production, external: catalogData.map((file) => `./data/${file}`),
};
// main.ts imports './python' dynamically: left to run time, where it is the python chunk beside the CLI.
const cliMain = resolve('src/cli/main.ts');
const pythonChunk = {
  name: 'python-chunk',
  setup(b) {
    b.onResolve({ filter: /^\.\/python$/ }, (a) => (a.importer === cliMain ? { path: './cli-python.js', external: true } : undefined));
  },
};

mkdirSync(join(outdir, 'data'), { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: join(outdir, 'extension.js'), external: [...common.external, 'vscode'] }),
  // `import()` as require(): a CommonJS chunk loaded through Node's ESM loader cost 35 ms more per python run.
  build({ ...common, entryPoints: [cliMain], outfile: join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins: [pythonChunk], supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['src/cli/python.ts'], outfile: join(outdir, 'cli-python.js') }),
]);
// tree-sitter's runtime and the Python grammar are WebAssembly files loaded at run time.
for (const [from, to] of [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
]) cpSync(from, join(outdir, to));
for (const file of catalogData) cpSync(`src/core/catalog/data/${file}`, join(outdir, 'data', file));
