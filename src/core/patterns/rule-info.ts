// What each decomposition pattern is and which single op should stand in its place, per target.
// The one source of truth for replacements: the matcher reports them, the CLI prints them and the
// Python quick-fix generator builds `symbolic` functions from them (op name, domain, attributes ← params).
// Pure data; no matching logic lives here.

export const PATTERN_IDS = [
  'rms_norm', 'layer_norm', 'gelu_erf', 'gelu_tanh', 'silu', 'hard_swish', 'mish', 'softmax',
  'rotary_embedding', 'attention', 'skip_layer_norm', 'skip_rms_norm', 'relu_as_clip',
] as const;

export type PatternId = (typeof PATTERN_IDS)[number];

/** 'onnx': a standard ai.onnx op; 'ort': an ONNX Runtime contrib op; 'custom': a custom op the user registers. */
export type ReplacementTarget = 'onnx' | 'ort' | 'custom';

/** The domain written for custom replacements unless the user picks one (`custom::RMSNorm`). */
export const DEFAULT_CUSTOM_DOMAIN = 'custom';

export type ParamType = 'float' | 'int' | 'string';

/** One attribute of the replacement op, filled from a parameter the matcher captured. */
export interface ReplacementAttribute {
  /** Attribute name on the replacement op. */
  name: string;
  /** Key in `Decomposition.params` that supplies the value; absent in params → leave the attribute at its default. */
  fromParam: string;
  type: ParamType;
  /** The op's own default for the attribute, when the op has one: a captured value equal to it is left out (a custom
   *  SiLU carries alpha only when it is not 1, as in QuickGELU's 1.702). Without it the value is always written. */
  defaultValue?: number | string;
}

/** Whether a replacement op gets `attribute` for the captured `value`: there is a value and it is not the op's default. */
export function writesAttribute(attribute: ReplacementAttribute, value: unknown): boolean {
  return value !== undefined && value !== attribute.defaultValue;
}

export interface ReplacementInfo {
  target: ReplacementTarget;
  /** '' is ai.onnx; ORT's SimplifiedLayerNormalization really is registered in ai.onnx. */
  domain: string;
  op: string;
  /** First opset of `domain` that has the op with these semantics. */
  sinceOpset: number;
  attributes: ReplacementAttribute[];
  /** Inputs of the replacement op, in order, named after the roles the matcher captures (see `RuleInfo.inputs`). */
  inputs: string[];
  /** What the user must know (nodes kept outside, approximations). */
  note?: string;
  /** The op stands for only part of the chain (ai.onnx has no skip norm: the residual Add stays), so it is never
   *  the one op the views name while a whole replacement is available. */
  partial?: true;
}

export interface ParamInfo {
  name: string;
  type: ParamType;
  description: string;
}

export interface RuleInfo {
  id: PatternId;
  /** Short human name: "RMSNorm". */
  title: string;
  /** What the exporter wrote, in one line. */
  decomposedForm: string;
  /** PyTorch modules / functions that typically export this way. */
  torchSources: string[];
  /** Parameters the matcher captures into `Decomposition.params`. */
  params: ParamInfo[];
  /** Roles of the chain's external inputs the matcher captures (e.g. 'X', 'scale'). */
  inputs: string[];
  replacements: ReplacementInfo[];
}

const EPSILON: ParamInfo = { name: 'epsilon', type: 'float', description: 'the constant added to the variance' };
const AXIS: ParamInfo = { name: 'axis', type: 'int', description: 'first normalized axis (negative counts from the end)' };

const custom = (op: string, attributes: ReplacementAttribute[], inputs: string[]): ReplacementInfo => ({
  target: 'custom', domain: DEFAULT_CUSTOM_DOMAIN, op, sinceOpset: 1, attributes, inputs,
  note: 'a custom op: the runtime must register a kernel for it',
});

const epsAxis: ReplacementAttribute[] = [
  { name: 'epsilon', fromParam: 'epsilon', type: 'float' },
  { name: 'axis', fromParam: 'axis', type: 'int' },
];

export const RULE_INFO: Record<PatternId, RuleInfo> = {
  rms_norm: {
    id: 'rms_norm',
    title: 'RMSNorm',
    decomposedForm: '[Cast] Pow(x,2)|Mul(x,x) → ReduceMean → Add eps → Sqrt → Div(1,·)|Reciprocal → Mul x → [Cast] → Mul weight or (1+weight)',
    torchSources: ['LlamaRMSNorm', 'GemmaRMSNorm', 'T5LayerNorm', 'torch.nn.RMSNorm (before opset 23)'],
    params: [
      EPSILON, AXIS,
      { name: 'weight_offset', type: 'float', description: '0 for x·weight (Llama), 1 for x·(1+weight) (Gemma)' },
      { name: 'has_weight', type: 'int', description: '1 when the chain ends with a weight multiply' },
      { name: 'upcast', type: 'int', description: '1 when the chain casts to float first and back at the end' },
    ],
    inputs: ['X', 'scale'],
    replacements: [
      { target: 'onnx', domain: '', op: 'RMSNormalization', sinceOpset: 23, attributes: epsAxis, inputs: ['X', 'scale'],
        note: 'Gemma form: pass (1 + weight) as scale' },
      { target: 'ort', domain: '', op: 'SimplifiedLayerNormalization', sinceOpset: 1, attributes: epsAxis, inputs: ['X', 'scale'],
        note: 'an ONNX Runtime contrib op registered in the ai.onnx domain; Gemma form: pass (1 + weight) as scale' },
      custom('RMSNorm', epsAxis, ['X', 'scale']),
    ],
  },
  layer_norm: {
    id: 'layer_norm',
    title: 'LayerNorm',
    decomposedForm: 'ReduceMean → Sub → Pow 2 → ReduceMean → Add eps → Sqrt → Div → Mul weight → Add bias',
    torchSources: ['torch.nn.LayerNorm (before opset 17)', 'hand-written layer norm'],
    params: [EPSILON, AXIS,
      { name: 'has_weight', type: 'int', description: '1 when the chain multiplies by a weight' },
      { name: 'has_bias', type: 'int', description: '1 when the chain adds a bias' }],
    inputs: ['X', 'scale', 'B'],
    replacements: [
      { target: 'onnx', domain: '', op: 'LayerNormalization', sinceOpset: 17, attributes: epsAxis, inputs: ['X', 'scale', 'B'] },
      custom('LayerNorm', epsAxis, ['X', 'scale', 'B']),
    ],
  },
  gelu_erf: {
    id: 'gelu_erf',
    title: 'GELU',
    decomposedForm: 'Div √2 | Mul 1/√2 → Erf → Add 1 → Mul x → Mul 0.5',
    torchSources: ['torch.nn.GELU()', 'torch.nn.functional.gelu', 'hand-written erf GELU'],
    params: [{ name: 'approximate', type: 'string', description: "'none'" }],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Gelu', sinceOpset: 20, attributes: [{ name: 'approximate', fromParam: 'approximate', type: 'string' }], inputs: ['X'] },
      { target: 'ort', domain: 'com.microsoft', op: 'Gelu', sinceOpset: 1, attributes: [], inputs: ['X'] },
      custom('Gelu', [{ name: 'approximate', fromParam: 'approximate', type: 'string' }], ['X']),
    ],
  },
  gelu_tanh: {
    id: 'gelu_tanh',
    title: 'GELU (tanh)',
    decomposedForm: 'Pow(x,3)|x·x·x → Mul 0.044715 → Add x → Mul √(2/π), or x·x → Mul 0.044715 → Add 1 → Mul x·√(2/π); → Tanh → Add 1 → Mul x → Mul 0.5',
    torchSources: ["torch.nn.GELU(approximate='tanh')", 'NewGELUActivation', 'FastGELUActivation', 'hand-written tanh GELU'],
    params: [{ name: 'approximate', type: 'string', description: "'tanh'" }],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Gelu', sinceOpset: 20, attributes: [{ name: 'approximate', fromParam: 'approximate', type: 'string' }], inputs: ['X'] },
      { target: 'ort', domain: 'com.microsoft', op: 'FastGelu', sinceOpset: 1, attributes: [], inputs: ['X'] },
      custom('Gelu', [{ name: 'approximate', fromParam: 'approximate', type: 'string' }], ['X']),
    ],
  },
  silu: {
    id: 'silu',
    title: 'SiLU',
    decomposedForm: '[Mul alpha →] Sigmoid(x) → Mul x',
    torchSources: ['torch.nn.SiLU', 'torch.nn.functional.silu', 'x * torch.sigmoid(x)', 'QuickGELUActivation: x * torch.sigmoid(1.702 * x)'],
    params: [{ name: 'alpha', type: 'float', description: 'the factor inside the sigmoid (1 for SiLU)' }],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Swish', sinceOpset: 24, attributes: [{ name: 'alpha', fromParam: 'alpha', type: 'float' }], inputs: ['X'] },
      { target: 'ort', domain: 'com.microsoft', op: 'QuickGelu', sinceOpset: 1, attributes: [{ name: 'alpha', fromParam: 'alpha', type: 'float' }], inputs: ['X'],
        note: 'QuickGelu computes x·sigmoid(alpha·x), which is SiLU for alpha = 1' },
      custom('SiLU', [{ name: 'alpha', fromParam: 'alpha', type: 'float', defaultValue: 1 }], ['X']),
    ],
  },
  hard_swish: {
    id: 'hard_swish',
    title: 'HardSwish',
    decomposedForm: 'HardSigmoid(x) → Mul x, or Add 3 → Relu|Clip(0,6) → Mul x → Div 6',
    torchSources: ['torch.nn.Hardswish (before opset 14)', 'hand-written x·relu6(x+3)/6'],
    params: [],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'HardSwish', sinceOpset: 14, attributes: [], inputs: ['X'] },
      custom('HardSwish', [], ['X']),
    ],
  },
  mish: {
    id: 'mish',
    title: 'Mish',
    decomposedForm: 'Softplus → Tanh → Mul x',
    torchSources: ['torch.nn.Mish (before opset 18)'],
    params: [],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Mish', sinceOpset: 18, attributes: [], inputs: ['X'] },
      custom('Mish', [], ['X']),
    ],
  },
  softmax: {
    id: 'softmax',
    title: 'Softmax',
    decomposedForm: '[ReduceMax → Sub] → Exp → ReduceSum → Div',
    torchSources: ['hand-written exp(x) / exp(x).sum(dim, keepdim=True)'],
    params: [AXIS, { name: 'max_subtracted', type: 'int', description: '1 when the chain subtracts the max first' }],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Softmax', sinceOpset: 13, attributes: [{ name: 'axis', fromParam: 'axis', type: 'int' }], inputs: ['X'] },
      custom('Softmax', [{ name: 'axis', fromParam: 'axis', type: 'int' }], ['X']),
    ],
  },
  rotary_embedding: {
    id: 'rotary_embedding',
    title: 'Rotary embedding',
    decomposedForm: 'x·cos + Concat(Neg(Slice(x)), Slice(x))·sin',
    torchSources: ['apply_rotary_pos_emb with rotate_half (Llama, GPT-NeoX)'],
    params: [{ name: 'interleaved', type: 'int', description: '0: rotate_half halves (the only form matched)' }],
    inputs: ['X', 'cos', 'sin'],
    replacements: [
      { target: 'onnx', domain: '', op: 'RotaryEmbedding', sinceOpset: 23,
        attributes: [{ name: 'interleaved', fromParam: 'interleaved', type: 'int' }], inputs: ['X', 'cos', 'sin'],
        note: 'RotaryEmbedding takes cos/sin caches (and position ids), not the gathered cos/sin: the caller must pass the caches' },
      { target: 'ort', domain: 'com.microsoft', op: 'RotaryEmbedding', sinceOpset: 1,
        attributes: [{ name: 'interleaved', fromParam: 'interleaved', type: 'int' }], inputs: ['X', 'position_ids', 'cos', 'sin'],
        note: 'takes position ids and cos/sin caches rather than the gathered cos/sin' },
      custom('RotaryEmbedding', [], ['X', 'cos', 'sin']),
    ],
  },
  attention: {
    id: 'attention',
    title: 'Attention',
    decomposedForm: 'MatMul(Q, Kᵀ) → Mul|Div scale → [Add mask] → Softmax → MatMul V',
    torchSources: ['hand-written scaled dot-product attention', 'F.scaled_dot_product_attention (before opset 23)'],
    params: [
      { name: 'scale', type: 'float', description: 'the factor applied to Q·Kᵀ (1/√d usually)' },
      { name: 'has_mask', type: 'int', description: '1 when an additive mask is applied before Softmax' },
    ],
    inputs: ['Q', 'K', 'V', 'attn_mask'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Attention', sinceOpset: 23, attributes: [{ name: 'scale', fromParam: 'scale', type: 'float' }],
        inputs: ['Q', 'K', 'V', 'attn_mask'], note: 'K is taken untransposed: drop the Transpose feeding the first MatMul' },
      { target: 'ort', domain: 'com.microsoft', op: 'MultiHeadAttention', sinceOpset: 1,
        attributes: [{ name: 'scale', fromParam: 'scale', type: 'float' }, { name: 'num_heads', fromParam: 'num_heads', type: 'int' }],
        inputs: ['Q', 'K', 'V'], note: 'num_heads is required; Q/K/V are (batch, seq, hidden) before the head split' },
      custom('Attention', [{ name: 'scale', fromParam: 'scale', type: 'float' }], ['Q', 'K', 'V', 'attn_mask']),
    ],
  },
  skip_layer_norm: {
    id: 'skip_layer_norm',
    title: 'Skip LayerNorm',
    decomposedForm: 'Add(input, skip) → LayerNorm (decomposed or LayerNormalization)',
    torchSources: ['residual + nn.LayerNorm (BERT, GPT-2 blocks)'],
    params: [EPSILON, AXIS],
    inputs: ['X', 'skip', 'scale', 'B'],
    replacements: [
      { target: 'onnx', domain: '', op: 'LayerNormalization', sinceOpset: 17, attributes: epsAxis, inputs: ['X', 'scale', 'B'],
        note: 'ai.onnx has no skip form: the residual Add stays in front of LayerNormalization', partial: true },
      { target: 'ort', domain: 'com.microsoft', op: 'SkipLayerNormalization', sinceOpset: 1,
        attributes: [{ name: 'epsilon', fromParam: 'epsilon', type: 'float' }], inputs: ['X', 'skip', 'scale', 'B'] },
      custom('SkipLayerNorm', epsAxis, ['X', 'skip', 'scale', 'B']),
    ],
  },
  skip_rms_norm: {
    id: 'skip_rms_norm',
    title: 'Skip RMSNorm',
    decomposedForm: 'Add(input, skip) → RMSNorm (decomposed or RMSNormalization)',
    torchSources: ['residual + LlamaRMSNorm (Llama, Mistral, Gemma blocks)'],
    params: [EPSILON, AXIS, { name: 'weight_offset', type: 'float', description: '0 for x·weight, 1 for x·(1+weight)' }],
    inputs: ['X', 'skip', 'scale'],
    replacements: [
      { target: 'onnx', domain: '', op: 'RMSNormalization', sinceOpset: 23, attributes: epsAxis, inputs: ['X', 'scale'],
        note: 'ai.onnx has no skip form: the residual Add stays in front of RMSNormalization', partial: true },
      { target: 'ort', domain: 'com.microsoft', op: 'SkipSimplifiedLayerNormalization', sinceOpset: 1,
        attributes: [{ name: 'epsilon', fromParam: 'epsilon', type: 'float' }], inputs: ['X', 'skip', 'scale'] },
      custom('SkipRMSNorm', epsAxis, ['X', 'skip', 'scale']),
    ],
  },
  relu_as_clip: {
    id: 'relu_as_clip',
    title: 'ReLU exported as Clip',
    decomposedForm: 'Clip(x, min=0, max=none) — a custom ReLU exported without a symbolic',
    torchSources: ['a torch.autograd.Function computing x.clamp(min=0) without `symbolic`'],
    params: [],
    inputs: ['X'],
    replacements: [
      { target: 'onnx', domain: '', op: 'Relu', sinceOpset: 1, attributes: [], inputs: ['X'] },
      custom('Relu', [], ['X']),
    ],
  },
};

export function ruleInfo(id: PatternId): RuleInfo {
  return RULE_INFO[id];
}

export function isPatternId(value: string): value is PatternId {
  return (PATTERN_IDS as readonly string[]).includes(value);
}
