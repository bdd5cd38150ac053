// One esbuild call per entry point: the extension (CommonJS, `vscode` external) and the CLI. The catalog's two data
// files stay out of both bundles and sit next to them in dist/data/: `require` reads them on first use, so start-up
// (every CLI command, the extension's activation) does not compile 1.1 MB of JSON as JavaScript.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const catalogData = ['schemas.json', 'runtimes.json'];
const common = {
  define: { VERSION: JSON.stringify(version) }, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning',
  external: catalogData.map((file) => `./data/${file}`),
};
const production = process.argv.includes('--production');

mkdirSync('dist/data', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: [...common.external, 'vscode'], minify: production }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, minify: production }),
]);
// tree-sitter's runtime and the Python grammar are WebAssembly files loaded at run time.
for (const [from, to] of [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
]) cpSync(from, to);
for (const file of catalogData) cpSync(`src/core/catalog/data/${file}`, `dist/data/${file}`);
