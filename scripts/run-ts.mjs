// Runs a TypeScript script (generator, fixture tool, benchmark) by bundling it with esbuild first.
// Usage: node scripts/run-ts.mjs <file.ts> [args...]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
// Inside node_modules so that the bundle's external packages (protobufjs, …) resolve at run time.
const dir = mkdtempSync(join(resolve('node_modules'), '.run-ts-'));
const outfile = join(dir, 'script.cjs');
await build({ entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: 'inline', logLevel: 'warning', packages: 'external', absWorkingDir: process.cwd() });
process.argv = [process.argv[0], resolve(entry), ...args];
try {
  await import(pathToFileURL(outfile).href);
} finally {
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}
