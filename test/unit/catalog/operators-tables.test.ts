// The catalog (built from Changelog*.md) must have exactly the op and since-version sets of the summary tables at the
// top of Operators.md and Operators-ml.md, for every standard domain. Two independent upstream renderings agreeing
// is the check that the Changelog parser lost and invented nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { knownDomains, opHistory } from '../../../src/core/catalog';
import { parseOperatorsSummary } from '../../../src/core/catalog/generator/operators-summary';
import { hasShared, onnxDataDir } from '../../helpers/paths';
import { schemas } from '../../../src/core/catalog/store';

if (!hasShared) console.warn('catalog Operators.md comparison skipped: ../shared/onnx-data is absent');

describe.skipIf(!hasShared)('catalog vs Operators.md / Operators-ml.md summary tables', () => {
  const summary = hasShared
    ? ['onnx/Operators.md', 'onnx/Operators-ml.md'].flatMap((f) => parseOperatorsSummary(readFileSync(join(onnxDataDir, f), 'utf8'), f))
    : [];
  const standardDomains = ['', 'ai.onnx.ml', 'ai.onnx.preview', 'ai.onnx.preview.training'];

  test('the tables cover the three standard domains (and the new ai.onnx.preview)', () => {
    expect(new Set(summary.map((e) => e.domain))).toEqual(new Set(standardDomains));
    expect(summary.length).toBeGreaterThan(200);
  });

  // Operators.md leaves out old experimental versions of ops that are standard now; the Changelog has them.
  const omittedByTables = (domain: string, name: string, supportLevel: string) =>
    supportLevel === 'experimental' && !summary.find((e) => e.domain === domain && e.name === name)?.experimental;

  test.each(standardDomains)('domain "%s": same ops, same since-versions', (domain) => {
    const expected = Object.fromEntries(summary.filter((e) => e.domain === domain).map((e) => [e.name, [...e.versions].sort((a, b) => a - b)]));
    const ops = schemas().domains.get(domain)?.ops ?? {};
    const actual = Object.fromEntries(Object.keys(ops).map((name) => [
      name,
      opHistory(domain, name).filter((s) => !omittedByTables(domain, name, s.supportLevel)).map((s) => s.sinceVersion),
    ]));
    expect(actual).toEqual(expected);
  });

  test('the versions the tables leave out are exactly the unversioned experimental Upsample-1', () => {
    const omitted = standardDomains.flatMap((domain) => Object.keys(schemas().domains.get(domain)?.ops ?? {}).flatMap((name) =>
      opHistory(domain, name).filter((s) => omittedByTables(domain, name, s.supportLevel)).map((s) => `${name}-${s.sinceVersion}`)));
    expect(omitted).toEqual(['Upsample-1']);
  });

  test('deprecation and function marks agree with the tables for each op\'s newest version', () => {
    for (const entry of summary) {
      const newest = opHistory(entry.domain, entry.name).at(-1);
      expect(newest, `${entry.domain}::${entry.name}`).toBeDefined();
      expect(newest!.deprecated, `${entry.domain}::${entry.name} deprecated`).toBe(entry.deprecated);
      expect(newest!.isFunction, `${entry.domain}::${entry.name} function`).toBe(entry.isFunction);
    }
  });

  test('the only non-standard domain is ORT\'s com.microsoft', () => {
    expect(knownDomains().filter((d) => !standardDomains.includes(d))).toEqual(['com.microsoft']);
  });
});
