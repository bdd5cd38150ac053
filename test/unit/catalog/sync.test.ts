// The committed JSON must be exactly what the generator produces from ../shared/onnx-data today.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildRuntimeCatalog, buildSchemaCatalog, CATALOG_FILES, serializeCatalog } from '../../../src/core/catalog/generator/build-catalog';
import { hasShared, onnxDataDir, repoRoot } from '../../helpers/paths';

if (!hasShared) console.warn(`catalog sync test skipped: ${onnxDataDir} is absent, so the committed catalog JSON cannot be compared with the generator's output`);

describe.skipIf(!hasShared)('generated catalog JSON is in sync with its generator', () => {
  const read = (relativePath: string) => readFileSync(join(onnxDataDir, relativePath), 'utf8');
  const committed = (file: string) => readFileSync(join(repoRoot, 'src', 'core', 'catalog', 'data', file), 'utf8');

  test(`${CATALOG_FILES.schemas} equals the generator's output (run npm run catalog if not)`, () => {
    expect(committed(CATALOG_FILES.schemas) === serializeCatalog(buildSchemaCatalog(read))).toBe(true);
  });

  test(`${CATALOG_FILES.runtimes} equals the generator's output (run npm run catalog if not)`, () => {
    expect(committed(CATALOG_FILES.runtimes) === serializeCatalog(buildRuntimeCatalog(read))).toBe(true);
  });

  test('the JSON records the upstream versions it came from', () => {
    const schemas = JSON.parse(committed(CATALOG_FILES.schemas));
    const runtimes = JSON.parse(committed(CATALOG_FILES.runtimes));
    expect(schemas.upstream.find((u: { folder: string }) => u.folder === 'onnx')).toMatchObject({ version: '1.23.0', commit: 'f7546912001bc31e92a238b17068a21b373d882e' });
    expect(schemas.upstream.find((u: { folder: string }) => u.folder === 'onnxruntime')).toMatchObject({ version: '1.27.0' });
    expect(runtimes.upstream.map((u: { folder: string }) => u.folder).sort()).toEqual(['onnxruntime', 'openvino', 'tensorrt']);
  });
});
