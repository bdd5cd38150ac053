// rule-info.ts is the single source of truth for replacements: every pattern id has a rule and an entry, every
// replacement attribute is filled from a parameter the rule declares, and the ONNX since-versions agree with
// the bundled operator changelog (../shared/onnx-data/onnx/Changelog.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATTERN_IDS, RULE_INFO, writesAttribute } from '../../../src/core/patterns/rule-info';
import { RULES } from '../../../src/core/patterns/rules';
import { hasShared, onnxDataDir } from '../../helpers/paths';

describe('rule info', () => {
  it('one rule and one entry per pattern id, no extras', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...PATTERN_IDS].sort());
    expect(Object.keys(RULE_INFO).sort()).toEqual([...PATTERN_IDS].sort());
    for (const id of PATTERN_IDS) expect(RULE_INFO[id].id).toBe(id);
  });

  it('every replacement attribute comes from a declared parameter', () => {
    for (const info of Object.values(RULE_INFO)) {
      const params = new Set(info.params.map((p) => p.name));
      // MultiHeadAttention's num_heads is not in the decomposed graph: the user supplies it.
      for (const r of info.replacements) for (const a of r.attributes) if (a.fromParam !== 'num_heads') expect(params.has(a.fromParam), `${info.id} ${r.op}.${a.name}`).toBe(true);
      expect(info.replacements.some((r) => r.target === 'custom')).toBe(true);
    }
  });

  it("an attribute's default value has the attribute's type; that value alone is left out", () => {
    for (const info of Object.values(RULE_INFO)) {
      for (const r of info.replacements) {
        for (const a of r.attributes.filter((x) => x.defaultValue !== undefined)) {
          expect(typeof a.defaultValue, `${info.id} ${r.op}.${a.name}`).toBe(a.type === 'string' ? 'string' : 'number');
          expect(writesAttribute(a, a.defaultValue)).toBe(false);
        }
      }
    }
    const silu = RULE_INFO.silu.replacements;
    const customAlpha = silu.find((r) => r.target === 'custom')!.attributes.find((a) => a.name === 'alpha')!;
    expect(writesAttribute(customAlpha, 1)).toBe(false);
    expect(writesAttribute(customAlpha, Math.fround(1.702))).toBe(true);
    expect(writesAttribute(customAlpha, undefined)).toBe(false);
    // ORT's QuickGelu defaults to alpha 1.702, so SiLU's alpha 1 must always be written: no default declared.
    const quickGelu = silu.find((r) => r.target === 'ort')!;
    expect(quickGelu.op).toBe('QuickGelu');
    expect(quickGelu.attributes).toEqual([{ name: 'alpha', fromParam: 'alpha', type: 'float' }]);
  });

  it.runIf(hasShared)('ONNX since-versions match the operator changelog', () => {
    const changelog = readFileSync(join(onnxDataDir, 'onnx', 'Changelog.md'), 'utf8');
    for (const info of Object.values(RULE_INFO)) {
      for (const r of info.replacements.filter((x) => x.target === 'onnx')) {
        const versions = [...changelog.matchAll(new RegExp(`name="${r.op}-(\\d+)"`, 'g'))].map((m) => Number(m[1]));
        expect(versions, r.op).toContain(r.sinceOpset);
      }
    }
  });
});
