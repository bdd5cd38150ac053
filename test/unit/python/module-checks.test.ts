// decomposable-module: which forwards are found (and which near misses are not), and the exact shape of the
// "Export as one op" edits: the Function beside the class, the guard in forward, imports, custom_opsets, targets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzePython, applyEdits, fixAllPython, parsePython, type PythonDiagnostic } from '../../../src/core/python';
import { fixturesDir } from '../../helpers/paths';

const fixture = (name: string) => readFileSync(join(fixturesDir, 'python', name), 'utf8');
const found = (diagnostics: PythonDiagnostic[]) => diagnostics.map((d) => `${d.className}:${d.pattern}`);
const preferred = (d: PythonDiagnostic) => d.fixes.find((f) => f.preferred)!;

async function parsesCleanly(text: string): Promise<boolean> {
  const tree = await parsePython(text);
  try {
    return !tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}

describe('decomposable-module detection', () => {
  it('finds each construct by its math and stays quiet on near misses and branchy forwards', async () => {
    expect(found(await analyzePython(fixture('other_constructs.py')))).toEqual([
      'Swish:silu', 'StableSoftmax:softmax', 'ApplyRotary:rotary_embedding', 'HandHardswish:hard_swish', 'HandMish:mish',
    ]);
    expect(found(await analyzePython(fixture('hand_gelu.py')))).toEqual(['ErfGelu:gelu_erf', 'TanhGelu:gelu_tanh']);
    expect(found(await analyzePython(fixture('gemma_rmsnorm.py')))).toEqual(['GemmaRMSNorm:rms_norm']);
    expect(found(await analyzePython(fixture('llama_rmsnorm.py')))).toEqual(['LlamaRMSNorm:rms_norm']);
    expect(found(await analyzePython(fixture('hand_layer_norm.py')))).toEqual(['HandLayerNorm:layer_norm']);
  });

  it('reads the same math written other ways: x*x, 1/sqrt, torch.mean(dim=), F-style calls, var(unbiased=False)', async () => {
    const source = [
      'import torch',
      'from torch import nn',
      'class A(nn.Module):',
      '    def __init__(self, n, eps=1e-5):',
      '        super().__init__()',
      '        self.g = nn.Parameter(torch.ones(n))',
      '        self.eps = eps',
      '    def forward(self, x):',
      '        ms = torch.mean(x * x, dim=-1, keepdim=True)',
      '        return self.g * (x * (1 / torch.sqrt(ms + self.eps)))',
      'class B(nn.Module):',
      '    def forward(self, h):',
      '        mu = h.mean(dim=-1, keepdim=True)',
      '        return (h - mu) / torch.sqrt(h.var(dim=-1, keepdim=True, unbiased=False) + 1e-5)',
      'class C(nn.Module):',
      '    def forward(self, x):',
      '        return torch.mul(x, torch.sigmoid(x))',
      'class NotEps(nn.Module):',
      '    def forward(self, x):',
      '        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 0.5)',
      'class WrongPower(nn.Module):',
      '    def forward(self, x):',
      '        return x * torch.rsqrt(x.pow(3).mean(-1, keepdim=True) + 1e-6)',
      'class UsesSubmodule(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.proj = nn.Linear(4, 4)',
      '    def forward(self, x):',
      '        y = self.proj(x)',
      '        return y * torch.sigmoid(y)',
      '',
    ].join('\n');
    const diagnostics = await analyzePython(source);
    expect(found(diagnostics)).toEqual(['A:rms_norm', 'B:layer_norm', 'C:silu']);
    // B has neither weight nor bias: the ai.onnx LayerNormalization needs a scale, so only the custom op is offered.
    const b = diagnostics.find((d) => d.className === 'B')!;
    expect(b.fixes.map((f) => f.title)).toEqual(['Export B as one custom::LayerNorm op (custom)']);
  });
});

describe('Export as one op', () => {
  it('writes the seed GemmaRMSNorm fix exactly: Function beside the class, guard in forward, custom_opsets', async () => {
    const source = fixture('gemma_rmsnorm.py');
    const [diagnostic] = await analyzePython(source);
    const fixed = applyEdits(source, preferred(diagnostic!).edits);
    expect(fixed).toContain([
      'class GemmaRMSNormOp(torch.autograd.Function):',
      '    """GemmaRMSNorm\'s math as one custom::RMSNorm node at ONNX export (added by ONNX Op Coverage)."""',
      '',
      '    @staticmethod',
      '    def forward(ctx, x, scale, eps):',
      '        output = (x.float() * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + eps))',
      '        # Llama does x.to(float16) * w whilst Gemma is (x * w).to(float16)',
      '        output = output * scale',
      '        return output.type_as(x)',
      '',
      '    @staticmethod',
      '    def symbolic(g, x, scale, eps):',
      '        return g.op("custom::RMSNorm", x, scale, epsilon_f=eps, axis_i=-1).setType(x.type())',
      '',
      '',
      'class GemmaRMSNorm(nn.Module):',
    ].join('\n'));
    expect(fixed).toContain([
      '    def forward(self, x):',
      '        if torch.onnx.is_in_onnx_export():',
      '            return GemmaRMSNormOp.apply(x, 1.0 + self.weight.float(), self.eps)',
      '        output = self._norm(x.float())',
    ].join('\n'));
    expect(fixed).toContain('output_names=["y"], custom_opsets={"custom": 1})');
    expect(await analyzePython(fixed)).toEqual([]);
    expect(await parsesCleanly(fixed)).toBe(true);
  });

  it('follows the chosen target and the export opset: ai.onnx when the opset has the op, else custom', async () => {
    const layerNorm = fixture('hand_layer_norm.py');
    const [onnx] = await analyzePython(layerNorm, { target: 'onnx' });
    expect(preferred(onnx!).title).toBe('Export HandLayerNorm as one LayerNormalization op (ai.onnx, opset 17)');
    const text = applyEdits(layerNorm, preferred(onnx!).edits);
    expect(text).toContain('return g.op("LayerNormalization", x, weight, bias, epsilon_f=eps, axis_i=-1).setType(x.type())');
    expect(text).not.toContain('custom_opsets'); // a standard op needs no custom domain
    // At opset 16 LayerNormalization does not exist yet: the custom op is preferred and the message says why.
    const [old] = await analyzePython(layerNorm, { target: 'onnx', opset: 16 });
    expect(preferred(old!).title).toBe('Export HandLayerNorm as one custom::LayerNorm op (custom)');
    expect(old!.message).toContain('no ai.onnx op for it at opset 16');
    // The ORT target for GELU: com.microsoft::Gelu, registered in custom_opsets when the file exports.
    const [gelu] = await analyzePython(fixture('hand_gelu.py'), { target: 'ort' });
    expect(preferred(gelu!).edits.map((e) => e.newText).join('')).toContain('g.op("com.microsoft::Gelu", x).setType(x.type())');
    // ORT's SimplifiedLayerNormalization lives in the ai.onnx domain, where torch.onnx.export's checker rejects it:
    // not offered; the custom op is preferred and the message says why.
    const [rms] = await analyzePython(fixture('llama_rmsnorm.py'), { target: 'ort' });
    expect(rms!.fixes.map((f) => f.title)).toEqual(['Export LlamaRMSNorm as one custom::RMSNorm op (custom)']);
    expect(rms!.message).toContain("ONNX Runtime's SimplifiedLayerNormalization is registered in the ai.onnx domain, and torch.onnx.export's checker rejects it there");
    const [layerNormOnOrt] = await analyzePython(layerNorm, { target: 'ort' });
    expect(preferred(layerNormOnOrt!).title).toBe('Export HandLayerNorm as one custom::LayerNorm op (custom)');
    expect(layerNormOnOrt!.message).toContain('(no ONNX Runtime op for it)');
  });

  it('uses the configured domain and op name, and adds to an existing custom_opsets dict', async () => {
    const source = fixture('hand_layer_norm.py').replace('        output_names=["y"],\n', '        output_names=["y"],\n        custom_opsets={"other": 2},\n');
    const { text } = await fixAllPython(source, { domain: 'com.example', opName: 'FastNorm' });
    expect(text).toContain('g.op("com.example::FastNorm", x, weight, bias, epsilon_f=eps, axis_i=-1)');
    expect(text).toContain('custom_opsets={"other": 2, "com.example": 1},');
    expect((await fixAllPython(text, { domain: 'com.example', opName: 'FastNorm' })).text).toBe(text);
  });

  it('adds custom_opsets to a multi-line export call in its own style', async () => {
    const { text } = await fixAllPython(fixture('hand_layer_norm.py'));
    expect(text).toContain('        output_names=["y"],\n        custom_opsets={"custom": 1},\n    )');
  });

  it('adds `import torch` only when the file cannot name torch, keeps tabs, CRLF and decorators', async () => {
    const source = fixture('tabs_crlf_module.py');
    expect(source).toMatch(/\r\n/);
    const { text, applied } = await fixAllPython(source);
    expect(applied.map((a) => a.className)).toEqual(['TabbedGelu', 'LocalSilu']);
    expect(text.match(/^import torch\r$/gm)).toHaveLength(1);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('class TabbedGeluOp(torch.autograd.Function):\r\n');
    expect(text).toContain('\r\n\r\n\r\n@register\r\nclass TabbedGelu(nn.Module):');
    expect(text).toContain('\t\tif torch.onnx.is_in_onnx_export():\r\n\t\t\treturn TabbedGeluOp.apply(x)\r\n');
    expect(text).toContain('\tclass LocalSiluOp(torch.autograd.Function):\r\n');
    expect(text).toContain('caf\u00e9 \u{1F600}');
    expect((await fixAllPython(text)).text).toBe(text);
  });

  it('offers no fix it cannot apply cleanly: a module nested in a class, a tensor attribute the op would not see', async () => {
    const source = [
      'import torch',
      'from torch import nn',
      'class Outer(nn.Module):',
      '    class InnerSilu(nn.Module):',
      '        def forward(self, x):',
      '            return x * torch.sigmoid(x)',
      'class BufferEpsNorm(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.register_buffer("eps", torch.tensor(1e-6))',
      '    def forward(self, x):',
      '        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)',
      'class RotaryWithBuffers(nn.Module):',
      '    def __init__(self, n):',
      '        super().__init__()',
      '        self.register_buffer("cos", torch.ones(n))',
      '        self.register_buffer("sin", torch.zeros(n))',
      '    def forward(self, x):',
      '        n = x.shape[-2]',
      '        return x * self.cos[:n] + rotate_half(x) * self.sin[:n]',
      'def rotate_half(x):',
      '    half = x.shape[-1] // 2',
      '    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)',
      '',
    ].join('\n');
    const diagnostics = await analyzePython(source);
    expect(found(diagnostics)).toEqual(['InnerSilu:silu', 'BufferEpsNorm:rms_norm', 'RotaryWithBuffers:rotary_embedding']);
    expect(diagnostics.map((d) => d.fixes.length)).toEqual([0, 0, 0]);
  });

  it('does not flag a module whose forward already calls an autograd Function', async () => {
    const { text } = await fixAllPython(fixture('llama_rmsnorm.py'));
    expect(text).toContain('return LlamaRMSNormOp.apply(hidden_states, self.weight, self.variance_epsilon)');
    expect(await analyzePython(text)).toEqual([]);
  });
});

describe('hand-written attention', () => {
  const symbolicOf = (d: PythonDiagnostic) => preferred(d).edits.map((e) => e.newText).join('').match(/return (g\.op\(.*\))\.setType/)?.[1];

  it('finds softmax(q @ kᵀ · scale [+ mask], dim=-1) @ v in the fixture, with Q, K, V, the mask and the scale from the code', async () => {
    const diagnostics = await analyzePython(fixture('hand_attention.py'));
    expect(found(diagnostics)).toEqual(['HandAttention:attention', 'SqrtAttention:attention']);
    expect(diagnostics.map(symbolicOf)).toEqual([
      'g.op("custom::Attention", q, k, v, mask, scale_f=scale)',
      'g.op("custom::Attention", query, key, value, scale_f=(1.0 / math.sqrt(head_dim)))',
    ]);
  });

  it('reads the other spellings: torch.softmax, .softmax(dim=-1), a numeric divisor, the scale on q, the mask first, a dtype cast', async () => {
    const source = [
      'import torch',
      'import torch.nn.functional as F',
      'from torch import nn',
      'class DivByNumber(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k.transpose(-2, -1) / 8.0, dim=-1) @ v',
      'class ScaledQuery(nn.Module):',
      '    def __init__(self, d: int):',
      '        super().__init__()',
      '        self.scaling = d ** -0.5',
      '    def forward(self, q, k, v, bias):',
      '        q = q * self.scaling',
      '        scores = bias + torch.matmul(q, torch.transpose(k, -1, -2))',
      '        probs = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)',
      '        return probs.matmul(v)',
      'class Unscaled(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return (q @ k.transpose(-2, -1)).softmax(dim=-1) @ v',
      '',
    ].join('\n');
    const diagnostics = await analyzePython(source);
    expect(found(diagnostics)).toEqual(['DivByNumber:attention', 'ScaledQuery:attention', 'Unscaled:attention']);
    expect(diagnostics.map(symbolicOf)).toEqual([
      'g.op("custom::Attention", q, k, v, scale_f=0.125)',
      'g.op("custom::Attention", q, k, v, bias, scale_f=scaling)',
      'g.op("custom::Attention", q, k, v, scale_f=1.0)',
    ]);
  });

  it('does not find near misses: no softmax, softmax over another axis or without one, no transpose, kᵀ over other axes, a mask that is not an input', async () => {
    const source = [
      'import torch',
      'from torch import nn',
      'class NoSoftmax(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return (q @ k.transpose(-2, -1) * 0.125) @ v',
      'class WrongAxis(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k.transpose(-2, -1) * 0.125, dim=-2) @ v',
      'class ImplicitAxis(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k.transpose(-2, -1) * 0.125) @ v',
      'class NoTranspose(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k * 0.125, dim=-1) @ v',
      'class OtherAxes(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k.transpose(1, 2) * 0.125, dim=-1) @ v',
      'class ScaledByTensor(nn.Module):',
      '    def forward(self, q, k, v, t):',
      '        return torch.softmax(q @ k.transpose(-2, -1) * t.mean(), dim=-1) @ v',
      'class MaskFromModule(nn.Module):',
      '    def forward(self, q, k, v):',
      '        return torch.softmax(q @ k.transpose(-2, -1) * 0.125 + self.mask, dim=-1) @ v',
      '',
    ].join('\n');
    expect(found(await analyzePython(source))).toEqual([]);
  });

  it('leaves a forward with an `if mask is not None:` branch alone (branches are not one fixed computation)', async () => {
    const source = [
      'import torch',
      'from torch import nn',
      'class OptionalMask(nn.Module):',
      '    def forward(self, q, k, v, mask=None):',
      '        scores = q @ k.transpose(-2, -1) * 0.125',
      '        if mask is not None:',
      '            scores = scores + mask',
      '        return scores.softmax(-1) @ v',
      '',
    ].join('\n');
    expect(await analyzePython(source)).toEqual([]);
  });

  it('offers no ORT MultiHeadAttention (its num_heads is not in the code) nor ai.onnx Attention before opset 23', async () => {
    const [ort] = await analyzePython(fixture('hand_attention.py'), { target: 'ort' });
    expect(ort!.fixes.map((f) => f.title)).toEqual(['Export HandAttention as one custom::Attention op (custom)']);
    const [onnx23] = await analyzePython(fixture('hand_attention.py'), { target: 'onnx', opset: 23 });
    expect(preferred(onnx23!).title).toBe('Export HandAttention as one Attention op (ai.onnx, opset 23)');
    expect(symbolicOf(onnx23!)).toBe('g.op("Attention", q, k, v, mask, scale_f=scale)');
  });
});
