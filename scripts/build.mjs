// One esbuild call per entry point: the extension (CommonJS, `vscode` external) and the CLI. What only some runs
// need stays out of the bundles, in files beside them that are `require`d on first use, so start-up (every CLI
// command, the extension's activation) does not compile it: the catalog's JSON (dist/data/), the CLI's python
// command (dist/cli-python.js: tree-sitter is 40% of the CLI's code) and elkjs, which lays out the inspector's
// pictures (dist/elk.bundled.js: 1.5 MB, three quarters of the extension's code).
// `--outdir DIR` builds into DIR instead of dist/ (the built-CLI test); `--production` minifies.
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
  // `import()` as require(): a CommonJS file loaded through Node's ESM loader cost 35 ms more per python run.
  supported: { 'dynamic-import': false },
};

/** Leaves the import of `specifier` in `importer` to run time, where it loads `file` beside the bundle. */
function besideTheBundle(importer, specifier, file) {
  const from = resolve(importer);
  return {
    name: `beside:${file}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, (a) => (a.importer === from ? { path: `./${file}`, external: true } : undefined));
    },
  };
}

mkdirSync(join(outdir, 'data'), { recursive: true });
await Promise.all([
  build({
    ...common, entryPoints: ['src/extension/extension.ts'], outfile: join(outdir, 'extension.js'), external: [...common.external, 'vscode'],
    plugins: [besideTheBundle('src/extension/inspector/subgraph.ts', 'elkjs/lib/elk.bundled.js', 'elk.bundled.js')],
  }),
  build({
    ...common, entryPoints: ['src/cli/main.ts'], outfile: join(outdir, 'cli.js'), banner: { js: '#!/usr/bin/env node' },
    plugins: [besideTheBundle('src/cli/main.ts', './python', 'cli-python.js')],
  }),
  build({ ...common, entryPoints: ['src/cli/python.ts'], outfile: join(outdir, 'cli-python.js') }),
]);
// tree-sitter's runtime and the Python grammar are WebAssembly files loaded at run time; elkjs ships its own bundle.
for (const [from, to] of [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
  ['node_modules/elkjs/lib/elk.bundled.js', 'elk.bundled.js'],
]) cpSync(from, join(outdir, to));
for (const file of catalogData) cpSync(`src/core/catalog/data/${file}`, join(outdir, 'data', file));
