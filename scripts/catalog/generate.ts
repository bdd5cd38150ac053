// `npm run catalog`: regenerates src/core/catalog/data/*.json from ../shared/onnx-data (the upstream documents).
// Usage: node scripts/run-ts.mjs scripts/catalog/generate.ts [--check]
//   --check  writes nothing; exits 1 when the committed JSON differs from what the generator produces.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRuntimeCatalog, buildSchemaCatalog, CATALOG_FILES, serializeCatalog } from '../../src/core/catalog/generator/build-catalog';
import { CatalogSourceError } from '../../src/core/catalog/generator/errors';

const repoRoot = process.cwd();
const onnxData = resolve(repoRoot, '..', 'shared', 'onnx-data');
const dataDir = join(repoRoot, 'src', 'core', 'catalog', 'data');
const check = process.argv.includes('--check');

if (!existsSync(onnxData)) {
  console.error(`catalog: ../shared/onnx-data not found beside the repository (looked in ${onnxData}); run from the repo root`);
  process.exit(2);
}
const read = (relativePath: string) => readFileSync(join(onnxData, relativePath), 'utf8');
try {
  const started = performance.now();
  const outputs = {
    [CATALOG_FILES.schemas]: serializeCatalog(buildSchemaCatalog(read)),
    [CATALOG_FILES.runtimes]: serializeCatalog(buildRuntimeCatalog(read)),
  };
  let stale = 0;
  for (const [file, text] of Object.entries(outputs)) {
    const path = join(dataDir, file);
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) console.log(`catalog: ${file} up to date (${Buffer.byteLength(text)} bytes)`);
    else if (check) {
      stale++;
      console.log(`catalog: ${file} differs from the generator's output`);
    } else {
      writeFileSync(path, text);
      console.log(`catalog: wrote ${file} (${Buffer.byteLength(text)} bytes)`);
    }
  }
  console.log(`catalog: generated in ${(performance.now() - started).toFixed(0)} ms`);
  process.exitCode = stale > 0 ? 1 : 0;
} catch (error) {
  if (error instanceof CatalogSourceError) {
    console.error(`catalog: ../shared/onnx-data/${error.message}`);
    process.exit(2);
  }
  throw error;
}
