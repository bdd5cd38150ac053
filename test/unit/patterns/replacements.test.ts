// replacementStatus with a scan's cache: matches with the same attribute values share one read-only status; any
// difference in a value (or its type) gets a status of its own carrying exactly that value.
import { describe, expect, it } from 'vitest';
import { replacementStatus, type StatusCache } from '../../../src/core/patterns/replacements';
import { RULE_INFO } from '../../../src/core/patterns/rule-info';

const rmsOnnx = RULE_INFO.rms_norm.replacements.find((r) => r.target === 'onnx')!;
const geluOnnx = RULE_INFO.gelu_tanh.replacements.find((r) => r.target === 'onnx')!;

describe('replacement status cache', () => {
  it('shares a status between matches with equal values, and never between different ones', () => {
    const cache: StatusCache = new Map();
    const a = replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 23, undefined, cache);
    const b = replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 23, undefined, cache);
    const c = replacementStatus(rmsOnnx, { epsilon: 1e-5, axis: -1 }, 23, undefined, cache);
    const d = replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 22, undefined, cache);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(a.attributes).toEqual([{ name: 'epsilon', value: 1e-6 }, { name: 'axis', value: -1 }]);
    expect(c.attributes).toEqual([{ name: 'epsilon', value: 1e-5 }, { name: 'axis', value: -1 }]);
    expect([a.availableInTarget, d.availableInTarget]).toEqual([true, false]);
    // Neighbouring doubles stay apart.
    const next = 1e-6 * (1 + Number.EPSILON);
    expect(next).not.toBe(1e-6);
    const e = replacementStatus(rmsOnnx, { epsilon: next, axis: -1 }, 23, undefined, cache);
    expect(e).not.toBe(a);
    expect(e.attributes[0]!.value).toBe(next);
    // The same spelling as a string and as a number are different values.
    const s = replacementStatus(geluOnnx, { approximate: '1' }, 20, undefined, cache);
    const n = replacementStatus(geluOnnx, { approximate: 1 }, 20, undefined, cache);
    expect(n).not.toBe(s);
    expect([s.attributes[0]!.value, n.attributes[0]!.value]).toEqual(['1', 1]);
    // A value that is absent is not the value 'undefined'.
    const absent = replacementStatus(geluOnnx, {}, 20, undefined, cache);
    const spelled = replacementStatus(geluOnnx, { approximate: 'undefined' }, 20, undefined, cache);
    expect(absent.attributes).toEqual([]);
    expect(spelled.attributes).toEqual([{ name: 'approximate', value: 'undefined' }]);
  });

  it('a shared status is frozen: writing to one match\'s copy throws instead of changing every match', () => {
    const shared = replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 23, undefined, new Map());
    expect(() => { (shared as { op: string }).op = 'Other'; }).toThrow(TypeError);
    expect(() => shared.attributes.push({ name: 'x', value: 1 })).toThrow(TypeError);
    expect(() => { (shared.attributes[0] as { value: number }).value = 2; }).toThrow(TypeError);
  });

  it('without a cache every call makes its own status', () => {
    const a = replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 23, undefined);
    expect(replacementStatus(rmsOnnx, { epsilon: 1e-6, axis: -1 }, 23, undefined)).not.toBe(a);
  });
});
