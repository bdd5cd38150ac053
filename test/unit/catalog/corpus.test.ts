// Every op used by the 1,802 conformance models resolves under that model's own opset imports (main graph,
// subgraphs at any depth, and function bodies under the function's imports; calls of model-local functions excepted).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { resolveOp } from '../../../src/core/catalog';
import { normalizeDomain } from '../../../src/core/onnx/model';
import { readModelFile } from '../../../src/core/onnx/reader';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { corpusNodeDir, hasShared } from '../../helpers/paths';

const available = hasShared && existsSync(corpusNodeDir);
if (!available) console.warn(`catalog corpus test skipped: ${corpusNodeDir} is absent (../shared not beside the repository)`);

describe.skipIf(!available)('catalog against the ONNX backend conformance corpus', () => {
  test('every node of every model resolves under the model\'s opset imports', () => {
    const models = readdirSync(corpusNodeDir).filter((name) => existsSync(join(corpusNodeDir, name, 'model.onnx')));
    expect(models.length).toBe(1802);
    const failures: string[] = [];
    let resolved = 0;
    const domains = new Set<string>();
    for (const name of models) {
      const model = readModelFile(join(corpusNodeDir, name, 'model.onnx'));
      const localFunctions = new Set(model.functions.map((f) => `${normalizeDomain(f.domain)}::${f.name}`));
      for (const ref of iterateNodes(model, { functions: true })) {
        if (localFunctions.has(`${normalizeDomain(ref.node.domain)}::${ref.node.opType}`)) continue;
        const resolution = resolveOp(ref.node.domain, ref.node.opType, ref.scope.opsetImport);
        if (resolution.ok) {
          resolved++;
          domains.add(resolution.schema.domain);
        } else failures.push(`${name} ${ref.path}: ${resolution.code}: ${resolution.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(resolved).toBeGreaterThan(1802);
    // The corpus exercises all three standard domains.
    expect([...domains].sort()).toEqual(expect.arrayContaining(['', 'ai.onnx.ml', 'ai.onnx.preview.training']));
  });
});
