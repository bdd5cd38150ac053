// One esbuild call per entry point: the extension (CommonJS, `vscode` external) and the CLI.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = { define: { VERSION: JSON.stringify(version) }, bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const production = process.argv.includes('--production');

mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'], minify: production }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', format: 'cjs', banner: { js: '#!/usr/bin/env node' }, minify: production }),
]);
// tree-sitter's runtime and the Python grammar are WebAssembly files loaded at run time.
for (const [from, to] of [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'dist/tree-sitter-python.wasm'],
]) cpSync(from, to);
