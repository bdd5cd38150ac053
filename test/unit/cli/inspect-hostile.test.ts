// `onnx-coverage inspect` writes to a terminal: strings from the model (producer, opset domains, input and output
// names and dims, op types, function names, metadata keys and values) must reach it escaped and cut, as in the
// coverage text report — a metadata value carrying ESC [2J must not clear the user's screen, an OSC 8 sequence
// must not plant a link, a bidi override must not reorder the line, a 1 MB key must not fill the scrollback.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCommand } from '../../../src/cli/inspect';
import { buildModel, DataType } from '../../../src/core/onnx/builder';

const HOSTILE = '<b>x</b>\u0000\u0007\u001b[2J\u001b]8;;https://evil/\u0007\r\n\u0085\u009b31m\u2028\u202e\u2066\ufeff';
const HUGE = 'N'.repeat(1 << 20);
/** What no terminal view may show raw: C0/C1 controls (line feeds are the view's own), DEL, separators, bidi. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const tmp = mkdtempSync(join(tmpdir(), 'inspect-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('inspect text output of a model with hostile strings', () => {
  it('has no raw control, separator or bidi character and no enormous line', async () => {
    const path = join(tmp, 'hostile.onnx');
    writeFileSync(path, buildModel({
      producerName: HOSTILE, producerVersion: HUGE,
      metadataProps: { [HOSTILE]: HOSTILE, ['k' + HUGE]: 'v' },
      opsetImport: [{ domain: '', version: 17 }, { domain: HOSTILE, version: 1 }],
      graph: {
        inputs: [{ name: HOSTILE, elemType: DataType.FLOAT, shape: [HOSTILE, 2] }],
        outputs: [{ name: 'y' + HUGE, elemType: DataType.FLOAT }],
        nodes: [{ opType: HOSTILE, domain: HOSTILE, inputs: [HOSTILE], outputs: ['y' + HUGE] }],
      },
    }));
    let stdout = '';
    const code = await inspectCommand.run([path], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('producer');
    expect(stdout).toContain('\\u001b[2J'); // shown, escaped
    expect(stdout.match(new RegExp(UNSAFE.source, 'g')) ?? []).toEqual([]);
    expect(Math.max(...stdout.split('\n').map((line) => line.length))).toBeLessThan(2_000);
  });

  it('lists a model with 200,000 metadata entries (more rows than a call can take arguments)', async () => {
    const path = join(tmp, 'metadata.onnx');
    const metadataProps: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) metadataProps[`k${i}`] = 'v';
    writeFileSync(path, buildModel({
      opsetImport: [{ domain: '', version: 17 }], metadataProps,
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [4] }], outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: [4] }], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] },
    }));
    let stdout = '';
    const code = await inspectCommand.run([path], { stdout: (t) => (stdout += t), stderr: () => {} });
    expect(code).toBe(0);
    expect(stdout).toContain('k199999 = v');
  }, 30_000);
});
