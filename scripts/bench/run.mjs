// `npm run bench` (after `npm run build`): bundles scripts/bench/main.ts with its dependencies into a temporary
// file and runs it, passing the command-line options through. See main.ts for what it measures.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'bench-build-'));
const outfile = join(out, 'bench.cjs');
await build({ entryPoints: [join(benchDir, 'main.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
process.env.BENCH_DIR = benchDir;
try {
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(out, { recursive: true, force: true });
}
