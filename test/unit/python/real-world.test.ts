// Recall on real-world modules (test/fixtures/python/real-world, each copied from a permissively licensed public
// repository): which classes are found, with which pattern and parameters, and which stay silent because their
// forward computes no decomposition (a call of the real op, a dispatch through self.act, a bigger module).
// The fixes of the found ones are proven with torch in torch-verified.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePython, type PythonDiagnostic } from '../../../src/core/python';
import { fixturesDir } from '../../helpers/paths';

const fixture = (name: string) => readFileSync(join(fixturesDir, 'python', 'real-world', name), 'utf8');
const found = (diagnostics: PythonDiagnostic[]) => diagnostics.map((d) => `${d.className}:${d.pattern}`);

/** Every class of every real-world fixture: the pattern it must be found with, or null for silence. */
const EXPECTED: Record<string, Record<string, string | null>> = {
  'hf_llama_rmsnorm.py': { LlamaRMSNorm: 'rms_norm', Qwen2RMSNorm: 'rms_norm' },
  'hf_gemma_rmsnorm.py': { GemmaRMSNorm: 'rms_norm' },
  'hf_t5_layernorm.py': { T5LayerNorm: 'rms_norm' },
  'hf_cohere_layernorm.py': { CohereLayerNorm: 'layer_norm' },
  'hf_activations.py': { NewGELUActivation: 'gelu_tanh', FastGELUActivation: 'gelu_tanh', QuickGELUActivation: 'silu' },
  // forward is `self.act(input)`, the callable picked in __init__.
  'hf_activations_dispatch.py': { GELUActivation: null, SiLUActivation: null, MishActivation: null },
  'mistral_rmsnorm.py': { RMSNorm: 'rms_norm' },
  // No ONNX op for hard sigmoid or hard Mish in the rules; GELUTanh calls F.gelu(approximate='tanh') itself.
  'timm_activations.py': { Swish: 'silu', Mish: 'mish', HardSwish: 'hard_swish', HardSigmoid: null, HardMish: null, GELUTanh: null, QuickGELU: 'silu' },
  // Branches on the data_format given to __init__: only channels_first instances decompose.
  'convnext_layernorm.py': { LayerNorm: null },
  // F.layer_norm; an RMSNorm through x.norm(2) without epsilon; attention inside projections and a flash branch.
  'nanogpt_model.py': { LayerNorm: null, RMSNorm: null, CausalSelfAttention: null },
  'whisper_layernorm.py': { LayerNorm: null },
  // Module-level functions, no nn.Module.
  'hf_rotary.py': {},
};

describe('real-world modules', () => {
  it.each(Object.entries(EXPECTED))('%s: the expected classes are found, the others stay silent', async (file, classes) => {
    const diagnostics = await analyzePython(fixture(file));
    const expected = Object.entries(classes).filter(([, pattern]) => pattern !== null).map(([name, pattern]) => `${name}:${pattern}`);
    expect(found(diagnostics)).toEqual(expected);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.code).toBe('decomposable-module');
      expect(diagnostic.fixes.filter((f) => f.preferred)).toHaveLength(1);
    }
  });

  it('reads the parameters each one is written with', async () => {
    const preferredTitle = (d: PythonDiagnostic) => d.fixes.find((f) => f.preferred)!.title;
    const [t5] = await analyzePython(fixture('hf_t5_layernorm.py'));
    expect(preferredTitle(t5!)).toBe('Export T5LayerNorm as one custom::RMSNorm op (custom)');
    const byClass = new Map((await analyzePython(fixture('hf_activations.py'))).map((d) => [d.className, d]));
    expect(byClass.get('FastGELUActivation')!.message).toContain('GELU (tanh)');
    // QuickGELU is SiLU with alpha 1.702: the message says so, and the custom op records it.
    const quick = byClass.get('QuickGELUActivation')!;
    expect(quick.message).toContain('with alpha 1.702');
    const custom = quick.fixes.find((f) => f.preferred)!;
    expect(custom.edits.map((e) => e.newText).join('')).toContain('g.op("custom::SiLU", input, alpha_f=1.702)');
    const ort = (await analyzePython(fixture('hf_activations.py'), { target: 'ort' })).find((d) => d.className === 'QuickGELUActivation')!;
    expect(ort.fixes.find((f) => f.preferred)!.edits.map((e) => e.newText).join('')).toContain('g.op("com.microsoft::QuickGelu", input, alpha_f=1.702)');
    // Plain SiLU keeps its custom op without an alpha attribute.
    const swish = (await analyzePython(fixture('timm_activations.py'))).find((d) => d.className === 'Swish')!;
    expect(swish.message).not.toContain('alpha');
    expect(swish.fixes.find((f) => f.preferred)!.edits.map((e) => e.newText).join('')).toContain('g.op("custom::SiLU", x).setType');
  });
});

describe('near misses of the real-world forms stay silent', () => {
  const lines = (...body: string[]) => ['import torch', 'import torch.nn.functional as F', 'from torch import nn', ...body, ''].join('\n');

  it('a branch that does more than convert a dtype, has an else, or converts another value', async () => {
    const source = lines(
      'class Scales(nn.Module):',
      '    def forward(self, h):',
      '        v = h.pow(2).mean(-1, keepdim=True)',
      '        h = h * torch.rsqrt(v + 1e-6)',
      '        if self.training:',
      '            h = h * 2',
      '        return h',
      'class WithElse(nn.Module):',
      '    def forward(self, h):',
      '        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6)',
      '        if h.dtype == torch.float16:',
      '            h = h.float()',
      '        else:',
      '            h = h.half()',
      '        return h',
      'class CastsOther(nn.Module):',
      '    def forward(self, h, g):',
      '        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6)',
      '        if g.dtype == torch.float16:',
      '            h = g.float()',
      '        return h',
      'class ReturnsInBranch(nn.Module):',
      '    def forward(self, h):',
      '        if h.dtype == torch.float16:',
      '            return h',
      '        return h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6)',
      'class Recast(nn.Module):',
      '    def forward(self, h):',
      '        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6)',
      '        if h.dtype == torch.float16:',
      '            h = h.float()',
      '        return h',
    );
    expect(found(await analyzePython(source))).toEqual(['Recast:rms_norm']);
  });

  it('conditionals whose branches differ, and in-place calls on a named tensor', async () => {
    const source = lines(
      'class TrainOnly(nn.Module):',
      '    def forward(self, x):',
      '        return x * torch.sigmoid(x) if self.training else x',
      'class OtherBranch(nn.Module):',
      '    def forward(self, x):',
      '        return x.mul(x.sigmoid()) if self.flag else x.mul(x.tanh())',
      'class InPlaceReuse(nn.Module):',
      '    def forward(self, x):',
      '        y = x.add_(1.0)',
      '        return y * torch.sigmoid(y)',
      'class SameBranches(nn.Module):',
      '    def forward(self, x):',
      '        return x.mul_(x.sigmoid()) if self.inplace else x.mul(x.sigmoid())',
    );
    expect(found(await analyzePython(source))).toEqual(['SameBranches:silu']);
  });

  it('a tensor changed in place and read afterwards: through a conditional, a cast or contiguous() (which return the tensor itself), or an if condition', async () => {
    // None computes SiLU of its input (with inplace set, or x already float32/contiguous): the first four compute
    // sigmoid(x)², ConditionChanges sigmoid(x)·sigmoid(sigmoid(x)) (checked with torch 1.13).
    const source = lines(
      'class ChangedThenRead(nn.Module):',
      '    def forward(self, x):',
      '        y = x.sigmoid_() if self.inplace else x.sigmoid()',
      '        return x * y',
      'class ReadBeforeInTheSameBranch(nn.Module):',
      '    def forward(self, x):',
      '        return x.mul_(x.sigmoid_()) if self.inplace else x.mul(x.sigmoid())',
      'class CastAlias(nn.Module):',
      '    def forward(self, x):',
      '        s = x.float().sigmoid_()',
      '        return x * s',
      'class ContiguousAlias(nn.Module):',
      '    def forward(self, x):',
      '        s = x.contiguous().sigmoid_()',
      '        return x * s',
      'class ConditionChanges(nn.Module):',
      '    def forward(self, x):',
      '        if x.sigmoid_().sum() > 0:',
      '            x = x.float()',
      '        return x * torch.sigmoid(x)',
      'class Temporary(nn.Module):',
      '    def forward(self, x):',
      '        s = (x * 1.0).sigmoid_()',
      '        return x * s',
      'class ChangedAsTheResult(nn.Module):',
      '    def forward(self, x):',
      '        y = x.mul_(x.sigmoid()) if self.inplace else x.mul(x.sigmoid())',
      '        return y',
    );
    expect(found(await analyzePython(source))).toEqual(['Temporary:silu', 'ChangedAsTheResult:silu']);
  });

  it('sigmoid of another tensor, of a non-positive or tensor multiple, and GELU-like cubics with the wrong constant', async () => {
    const source = lines(
      'class Gated(nn.Module):',
      '    def forward(self, x, gate):',
      '        return x * torch.sigmoid(1.702 * gate)',
      'class NegativeAlpha(nn.Module):',
      '    def forward(self, x):',
      '        return x * torch.sigmoid(-1.0 * x)',
      'class TensorAlpha(nn.Module):',
      '    def forward(self, x, a):',
      '        return x * torch.sigmoid(a * x)',
      'class WrongCubic(nn.Module):',
      '    def forward(self, x):',
      '        return 0.5 * x * (1.0 + torch.tanh(x * 0.7978845608 * (1.0 + 0.05 * x * x)))',
      'class Linear(nn.Module):',
      '    def forward(self, x):',
      '        return 0.5 * x * (1.0 + torch.tanh(x * 0.7978845608 * (1.0 + 0.044715 * x)))',
      'class OtherSquare(nn.Module):',
      '    def forward(self, x, y):',
      '        return 0.5 * x * (1.0 + torch.tanh(x * 0.7978845608 * (1.0 + 0.044715 * y * y)))',
      'class FastGelu(nn.Module):',
      '    def forward(self, x):',
      '        return 0.5 * x * (1.0 + torch.tanh(0.7978845608 * x * (1.0 + 0.044715 * x.pow(2))))',
      'class CallsGelu(nn.Module):',
      '    def forward(self, x):',
      '        return F.gelu(x, approximate="tanh")',
    );
    expect(found(await analyzePython(source))).toEqual(['FastGelu:gelu_tanh']);
  });
});
