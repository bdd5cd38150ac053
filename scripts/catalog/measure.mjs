// Prints the catalog's cost: JSON sizes (raw, gzip, as it lands in the zipped .vsix), and the time of the first
// lookup (the lazy load) in fresh Node processes running the built dist/cli.js.
// Usage: npm run build && node scripts/catalog/measure.mjs [runs]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';

const runs = Number(process.argv[2] ?? 7);
for (const file of ['schemas.json', 'runtimes.json']) {
  const bytes = readFileSync(`src/core/catalog/data/${file}`);
  console.log(`${file}: ${(bytes.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB gzip, ${(deflateRawSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB deflate (zip entry)`);
}
for (const bundle of ['dist/cli.js', 'dist/extension.js']) {
  if (!existsSync(bundle)) continue;
  const bytes = readFileSync(bundle);
  console.log(`${bundle}: ${(bytes.length / 1024).toFixed(0)} KiB raw, ${(deflateRawSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB deflate (whole bundle; the catalog's JSON is beside it in dist/data/)`);
}
// The catalog alone: bundle src/core/catalog/index.ts as scripts/build.mjs does (its JSON kept out, copied beside
// it), then time require, the first resolveOp (loads schemas.json), the first runtimeSupport (loads runtimes.json)
// and a warm lookup.
{
  const dir = mkdtempSync(join(tmpdir(), 'catalog-measure-'));
  const outfile = join(dir, 'catalog.cjs');
  const data = ['schemas.json', 'runtimes.json'];
  await build({ entryPoints: ['src/core/catalog/index.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', external: data.map((f) => `./data/${f}`) });
  for (const file of data) cpSync(`src/core/catalog/data/${file}`, join(dir, 'data', file));
  // Wall-clock and CPU time (process.cpuUsage, user+system): on a busy machine the CPU figure is the stable one.
  const script = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const t0 = performance.now(), c0 = cpu();
const c = require(${JSON.stringify(outfile)});
const t1 = performance.now(), c1 = cpu();
c.resolveOp('', 'Add', 17);
const t2 = performance.now(), c2 = cpu();
c.runtimeSupport('ort-cpu', '', 'Add', 14, ['float']);
const t3 = performance.now(), c3 = cpu();
c.resolveOp('', 'Conv', 17); c.runtimeSupport('tensorrt', '', 'Conv', 11);
console.log(JSON.stringify({ require: t1 - t0, schemas: t2 - t1, runtimes: t3 - t2, warm: performance.now() - t3,
  requireCpu: c1 - c0, schemasCpu: c2 - c1, runtimesCpu: c3 - c2 }));`;
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  rmSync(dir, { recursive: true, force: true });
  const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  console.log(`catalog bundle alone, ${runs} fresh processes (median ms): require ${median('require').toFixed(1)}, first resolveOp ${median('schemas').toFixed(1)}, first runtimeSupport ${median('runtimes').toFixed(1)}, two more lookups ${median('warm').toFixed(2)}`);
  console.log(`  CPU time (median ms): require ${median('requireCpu').toFixed(1)}, first resolveOp ${median('schemasCpu').toFixed(1)}, first runtimeSupport ${median('runtimesCpu').toFixed(1)}`);
}
if (!existsSync('dist/cli.js')) {
  console.log('dist/cli.js missing: run npm run build first for load times');
  process.exit(0);
}
// Each run: a fresh process requires the bundle (catalog not yet loaded), then times the first resolveOp-backed
// call (`schema --list` touches every schema) and a second one (warm).
const probe = `
const t0 = performance.now();
const { main } = require('./dist/cli.js');
const t1 = performance.now();
const sink = { stdout() {}, stderr() {} };
main(['schema', 'Add', '--json'], sink).then(() => {
  const t2 = performance.now();
  return main(['schema', 'Add', '--json', '--runtimes'], sink).then(() => {
    const t3 = performance.now();
    return main(['schema', 'Mul', '--json', '--runtimes'], sink).then(() => {
      console.log(JSON.stringify({ require: t1 - t0, schemas: t2 - t1, runtimes: t3 - t2, warm: performance.now() - t3 }));
    });
  });
});`;
const samples = [];
for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
console.log(`over ${runs} fresh processes (median ms): require bundle ${median('require').toFixed(1)}, first schema lookup (loads schemas.json) ${median('schemas').toFixed(1)}, first runtime lookup (loads runtimes.json) ${median('runtimes').toFixed(1)}, warm lookup ${median('warm').toFixed(2)}`);
