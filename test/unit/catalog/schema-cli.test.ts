// `onnx-coverage schema` through the real dispatcher, output captured.
import { describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/main';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['schema', ...args], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; } });
  return { code, out, err };
}

describe('onnx-coverage schema', () => {
  test('prints the schema in force at the newest opset by default', async () => {
    const { code, out } = await run('LayerNormalization');
    expect(code).toBe(0);
    expect(out).toContain('**LayerNormalization**-17 · ai.onnx · since opset 17 (resolved at opset 28)');
    expect(out).toContain('- `epsilon` : float, default `0.00001`');
  });

  test('says why there is no schema, with exit 1', async () => {
    const { code, err } = await run('RMSNormalization', '--opset', '17');
    expect(code).toBe(1);
    expect(err).toContain('RMSNormalization was introduced in ai.onnx opset 23');
  });

  test('--json gives the schema fields', async () => {
    const { code, out } = await run('Attention', '--opset=23', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ name: 'Attention', domain: '', sinceVersion: 23, deprecated: false, opset: 23, newerVersions: [24, 25] });
    expect(json.attributes.find((a: { name: string }) => a.name === 'is_causal')).toMatchObject({ type: 'int', required: false, default: 0 });
    expect(json.typeConstraints.map((c: { name: string }) => c.name)).toContain('T1');
    expect(json.inputs[0]).toMatchObject({ name: 'Q', option: 'single' });
  });

  test('--json on failure is a JSON reason', async () => {
    const { code, out } = await run('RMSNormalization', '--opset', '17', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({ ok: false, code: 'op-not-in-opset', firstOpset: 23 });
  });

  test('--history lists every version with what changed', async () => {
    const { code, out } = await run('Resize', '--history');
    expect(code).toBe(0);
    expect(out).toContain('Resize (ai.onnx): 5 versions');
    expect(out).toMatch(/Resize-18\n {6}\+attribute antialias/);
    const json = JSON.parse((await run('Resize', '--history', '--json')).out);
    expect(json.versions.map((v: { sinceVersion: number }) => v.sinceVersion)).toEqual([10, 11, 13, 18, 19]);
    expect(json.versions[1].changes.inputsAdded).toEqual(['roi', 'sizes']);
  });

  test('--list --opset --json lists (domain, name, sinceVersion) in force', async () => {
    const { code, out } = await run('--list', '--opset', '17', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { domain: string; name: string; sinceVersion: number }[];
    expect(rows.find((r) => r.name === 'LayerNormalization')).toMatchObject({ domain: '', sinceVersion: 17 });
    expect(rows.some((r) => r.name === 'Gelu')).toBe(false);
    const ml = JSON.parse((await run('--list', '--domain', 'ai.onnx.ml', '--json')).out) as { domain: string }[];
    expect(ml.every((r) => r.domain === 'ai.onnx.ml')).toBe(true);
  });

  test('domains: --domain, a qualified name, and a helpful hint for a wrong case', async () => {
    expect((await run('SkipLayerNormalization', '--domain', 'com.microsoft')).code).toBe(0);
    expect((await run('ai.onnx.ml.TreeEnsemble')).out).toContain('**TreeEnsemble**-5 · ai.onnx.ml');
    const wrongCase = await run('layernormalization');
    expect(wrongCase.code).toBe(1);
    expect(wrongCase.err).toContain('Did you mean LayerNormalization?');
  });

  test('--runtimes adds per-runtime support with provenance', async () => {
    const { out } = await run('SimplifiedLayerNormalization', '--domain', 'com.microsoft', '--runtimes');
    // not a com.microsoft schema: it is only an ORT kernel in ai.onnx
    expect(out).toBe('');
    const gelu = await run('Gelu', '--runtimes', '--json');
    const runtimes = JSON.parse(gelu.out).runtimes as { id: string; status: string; reason: string }[];
    expect(runtimes.find((r) => r.id === 'ort-cpu')).toMatchObject({ status: 'supported' });
    expect(runtimes.find((r) => r.id === 'ort-cpu')!.reason).toContain('ONNX Runtime 1.27.0');
  });

  test('bad usage exits 2 with the usage text', async () => {
    for (const args of [[], ['--opset', 'x', 'Add'], ['Add', 'Mul'], ['--domain', 'org.nope', 'Add'], ['--list', 'Add'], ['--frobnicate']]) {
      const { code, err } = await run(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toContain('Usage: onnx-coverage schema');
    }
  });
});
