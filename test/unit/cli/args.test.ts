// The shared argument parser of the `onnx-coverage` subcommands, on its own: spellings, types, and the message
// for each way a command line can be wrong.
import { describe, expect, it } from 'vitest';
import { choice, flag, parseArgs, positiveInt, text } from '../../../src/cli/args';

const options = {
  json: flag(),
  opset: positiveInt(),
  format: choice('text', 'json', 'sarif'),
  runtime: text('a runtime id'),
  domain: text('a domain name', { allowEmpty: true }),
  'op-name': text('an identifier', { pattern: /^[A-Za-z_]\w*$/ }),
};
const parse = (...args: string[]) => parseArgs(args, { options });

describe('parseArgs', () => {
  it('reads flags, options in both spellings and positionals in any order', () => {
    expect(parse('a.onnx', '--opset', '13', '--json', '--format=sarif', 'b.onnx', '--runtime', 'ort-cpu')).toEqual({
      options: { json: true, opset: 13, format: 'sarif', runtime: 'ort-cpu' },
      positionals: ['a.onnx', 'b.onnx'],
    });
  });

  it('gives flags false and leaves options not given out', () => {
    const parsed = parse('model.onnx');
    expect(parsed).toEqual({ options: { json: false }, positionals: ['model.onnx'] });
    expect(Object.keys(typeof parsed === 'string' ? {} : parsed.options)).toEqual(['json']);
  });

  it('takes the next argument as the value even when it starts with a dash, and a lone - as a positional', () => {
    expect(parse('--runtime', '--json', '-')).toEqual({ options: { json: false, runtime: '--json' }, positionals: ['-'] });
  });

  it('keeps everything after the first = of --name=value', () => {
    expect(parse('--runtime=a=b')).toMatchObject({ options: { runtime: 'a=b' } });
  });

  it('lets the last of a repeated option win', () => {
    expect(parse('--opset', '12', '--opset=17')).toMatchObject({ options: { opset: 17 } });
  });

  it('rejects unknown options, single-dash ones and a bare --, naming the argument as given', () => {
    expect(parse('a', '--frobnicate')).toBe('unknown option --frobnicate');
    expect(parse('--frob=1')).toBe('unknown option --frob=1');
    expect(parse('-x')).toBe('unknown option -x');
    expect(parse('--')).toBe('unknown option --');
    // Inherited object keys are not options.
    expect(parse('--toString')).toBe('unknown option --toString');
  });

  it('says when a value is missing', () => {
    expect(parse('--opset')).toBe('--opset needs a positive whole number, got nothing');
    expect(parse('--format')).toBe('--format must be text, json or sarif, got nothing');
    expect(parse('--runtime')).toBe('--runtime needs a runtime id, got nothing');
  });

  it('accepts only whole numbers from 1 up to the largest safe integer', () => {
    for (const bad of ['0', '-1', '1.5', '1e3', 'x', '', ' 7', '99999999999999999999']) {
      expect(parse(`--opset=${bad}`), bad).toBe(`--opset needs a positive whole number, got '${bad}'`);
    }
    expect(parse('--opset', '007')).toMatchObject({ options: { opset: 7 } });
    expect(parse('--opset', String(Number.MAX_SAFE_INTEGER))).toMatchObject({ options: { opset: Number.MAX_SAFE_INTEGER } });
  });

  it('accepts only the listed choices', () => {
    expect(parse('--format', 'xml')).toBe("--format must be text, json or sarif, got 'xml'");
    expect(parse('--format', 'JSON')).toBe("--format must be text, json or sarif, got 'JSON'");
    expect(parseArgs(['--mode=b'], { options: { mode: choice('a', 'b') } })).toMatchObject({ options: { mode: 'b' } });
    expect(parseArgs(['--mode=c'], { options: { mode: choice('a', 'b') } })).toBe("--mode must be a or b, got 'c'");
  });

  it('checks text values against their pattern, and empty values unless allowed', () => {
    expect(parse('--op-name', 'a-b')).toBe("--op-name needs an identifier, got 'a-b'");
    expect(parse('--op-name', 'MyOp')).toMatchObject({ options: { 'op-name': 'MyOp' } });
    expect(parse('--runtime=')).toBe("--runtime needs a runtime id, got ''");
    expect(parse('--domain=')).toMatchObject({ options: { domain: '' } });
  });

  it('refuses a value on a flag', () => {
    expect(parse('--json=yes')).toBe("--json takes no value, got 'yes'");
  });

  it('reports the first problem, in command-line order', () => {
    expect(parse('--bogus', '--opset', 'x')).toBe('unknown option --bogus');
    expect(parse('--opset', 'x', '--bogus')).toBe("--opset needs a positive whole number, got 'x'");
  });

  it('requires a positional when the spec names one, after the options are fine', () => {
    const spec = { options: { json: flag() }, positional: 'model' };
    expect(parseArgs([], spec)).toBe('no model given');
    expect(parseArgs(['--json'], spec)).toBe('no model given');
    expect(parseArgs(['--yaml'], spec)).toBe('unknown option --yaml');
    expect(parseArgs(['m.onnx'], spec)).toEqual({ options: { json: false }, positionals: ['m.onnx'] });
    expect(parseArgs([], { options: {} })).toEqual({ options: {}, positionals: [] });
  });
});
