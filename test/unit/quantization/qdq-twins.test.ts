// Issue 9 on real QDQ models: the float torch exports turned into QDQ twins (Q/DQ on every activation, int8
// scales from calibration; test/fixtures/qdq/manifest.json). The matcher sees through the pairs, so every
// construct of the float model is found in its twin, with exactly its Q/DQ pairs inside and their scales.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { detectDecompositions, quantizationTotals } from '../../../src/core/patterns';
import { fixturesDir } from '../../helpers/paths';

interface Pair { tensor: string; scale: number; zeroPoint: number }
interface Construct { pattern: string; scope: string; nodes: string[]; qdqPairsInside: number; inside: Pair[]; qdqNodes: string[] }
interface Entry { file: string; constructs: Construct[]; negative: boolean; totals?: { constructs: number; extraPairs: number; activationPairs: number } }

const qdqDir = join(fixturesDir, 'qdq');
const manifest = JSON.parse(readFileSync(join(qdqDir, 'manifest.json'), 'utf8')) as { models: Entry[] };
const isQdq = (name: string): boolean => /_(Quantize|Dequantize)Linear$/.test(name);

describe('QDQ twins of the torch fixtures', () => {
  it('covers every float fixture with constructs', () => {
    expect(manifest.models.filter((m) => m.constructs.length > 0).length).toBeGreaterThanOrEqual(60);
  });

  for (const entry of manifest.models) {
    it(`${entry.file}: ${entry.constructs.map((c) => `${c.pattern}×${c.qdqPairsInside}`).join(', ') || 'nothing'}`, () => {
      const found = detectDecompositions(readModelFile(join(qdqDir, entry.file)));
      const key = (pattern: string, nodes: string[]) => `${pattern}|${[...nodes].sort().join(',')}`;
      const byKey = new Map(found.map((d) => [key(d.pattern, d.nodes.filter((n) => !isQdq(n))), d]));
      expect(found).toHaveLength(entry.constructs.length);
      for (const construct of entry.constructs) {
        const d = byKey.get(key(construct.pattern, construct.nodes));
        expect(d, `${construct.pattern} at ${construct.scope}`).toBeDefined();
        expect(d!.scope).toBe(construct.scope);
        expect(d!.nodes.filter(isQdq).sort()).toEqual([...construct.qdqNodes].sort());
        expect(d!.quantization.qdqPairs).toBe(construct.qdqPairsInside);
        const scales = [...d!.quantization.scales].sort((a, b) => a.tensor.localeCompare(b.tensor));
        const expected = [...construct.inside].sort((a, b) => a.tensor.localeCompare(b.tensor));
        expect(scales.map((s) => s.tensor)).toEqual(expected.map((s) => s.tensor));
        scales.forEach((s, i) => {
          expect(s.scale).toBeCloseTo(expected[i]!.scale, 7);
          expect(s.zeroPoint).toBe(expected[i]!.zeroPoint);
        });
        // The pairs the twin has inside the chain are the extra quantizers the float model predicts.
        expect(d!.quantization.extraActivationQuantizers).toBe(construct.qdqPairsInside);
      }
      if (entry.totals) {
        const totals = quantizationTotals(readModelFile(join(qdqDir, entry.file)), found);
        expect(totals.decomposedConstructs).toBe(entry.totals.constructs);
        expect(totals.qdqPairsInsideChains).toBe(entry.totals.extraPairs);
        expect(totals.activationTensors).toBe(entry.totals.activationPairs);
      }
    });
  }
});
