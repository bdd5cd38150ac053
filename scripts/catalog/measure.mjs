// Prints the catalog's cost: JSON sizes (raw, gzip, as it lands in the zipped .vsix), and the time of the first
// lookup (the lazy load) in fresh Node processes running the built dist/cli.js.
// Usage: npm run build && node scripts/catalog/measure.mjs [runs]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync, deflateRawSync } from 'node:zlib';

const runs = Number(process.argv[2] ?? 7);
for (const file of ['schemas.json', 'runtimes.json']) {
  const bytes = readFileSync(`src/core/catalog/data/${file}`);
  console.log(`${file}: ${(bytes.length / 1024).toFixed(0)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB gzip, ${(deflateRawSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB deflate (zip entry)`);
}
for (const bundle of ['dist/cli.js', 'dist/extension.js']) {
  if (!existsSync(bundle)) continue;
  const bytes = readFileSync(bundle);
  console.log(`${bundle}: ${(bytes.length / 1024).toFixed(0)} KiB raw, ${(deflateRawSync(bytes, { level: 9 }).length / 1024).toFixed(0)} KiB deflate (whole bundle, catalog included if it imports it)`);
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
