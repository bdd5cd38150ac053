// The quick fixes proven with real torch (Debian's python3-torch 1.13): each fixture is copied, fixed with
// `onnx-coverage python --fix`, imported before and after, and exported with torch.onnx.export. The fixed module
// must give the same numbers (eager, and down the export branch through the added Function), export as exactly
// one node of the expected op with the expected attributes and a typed output, and no longer show a decomposition.
// One python process runs every case. Without torch this FAILS: the bar is a real export, not a skipped test.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pythonCommand } from '../../../src/cli/python';
import { qualifiedOp, type Attribute, type Model } from '../../../src/core/onnx/model';
import { readModelFile } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import { analyzePython, type PythonAnalysisOptions } from '../../../src/core/python';
import { debianPython, fixturesDir, repoRoot } from '../../helpers/paths';

interface Case {
  name: string;
  fixture: string;
  factory: string;
  className: string;
  /** The diagnostic the original file must show for the class. */
  diagnostic: string;
  options?: PythonAnalysisOptions;
  op: string;
  attributes: Record<string, number | string>;
  inputs: number;
  /** The decomposition the original export shows (null: the original is one node already). */
  before: string | null;
  /** The fixed export is that one node plus the harness's Add (a module), or it sits in a bigger graph (a Function). */
  onlyNode: boolean;
}

const CASES: Case[] = [
  { name: 'seed GemmaRMSNorm', fixture: 'gemma_rmsnorm.py', factory: 'make', className: 'GemmaRMSNorm', diagnostic: 'decomposable-module', op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm', onlyNode: true },
  { name: 'Llama RMSNorm', fixture: 'llama_rmsnorm.py', factory: 'make', className: 'LlamaRMSNorm', diagnostic: 'decomposable-module', op: 'custom::RMSNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 2, before: 'rms_norm', onlyNode: true },
  { name: 'custom ReLU without symbolic', fixture: 'custom_relu_no_symbolic.py', factory: 'make', className: 'MyReLU', diagnostic: 'missing-symbolic', op: 'custom::MyReLU', attributes: {}, inputs: 1, before: 'relu_as_clip', onlyNode: false },
  { name: 'custom ReLU without symbolic, classic Mac line endings (CR only)', fixture: 'cr_only_relu.py', factory: 'make', className: 'MyReLU', diagnostic: 'missing-symbolic', op: 'custom::MyReLU', attributes: {}, inputs: 1, before: 'relu_as_clip', onlyNode: false },
  { name: 'symbolic without setType', fixture: 'symbolic_without_settype.py', factory: 'make', className: 'ScaledTanh', diagnostic: 'missing-settype', op: 'custom::ScaledTanh', attributes: { alpha: 0.25 }, inputs: 1, before: null, onlyNode: true },
  { name: 'hand-written GELU (erf)', fixture: 'hand_gelu.py', factory: 'make', className: 'ErfGelu', diagnostic: 'decomposable-module', op: 'custom::Gelu', attributes: { approximate: 'none' }, inputs: 1, before: 'gelu_erf', onlyNode: true },
  { name: 'hand-written GELU (tanh)', fixture: 'hand_gelu.py', factory: 'make_tanh', className: 'TanhGelu', diagnostic: 'decomposable-module', op: 'custom::Gelu', attributes: { approximate: 'tanh' }, inputs: 1, before: 'gelu_tanh', onlyNode: true },
  { name: 'hand-written LayerNorm', fixture: 'hand_layer_norm.py', factory: 'make', className: 'HandLayerNorm', diagnostic: 'decomposable-module', op: 'custom::LayerNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 3, before: 'layer_norm', onlyNode: true },
  { name: 'hand-written LayerNorm → ai.onnx LayerNormalization', fixture: 'hand_layer_norm.py', factory: 'make', className: 'HandLayerNorm', diagnostic: 'decomposable-module', options: { target: 'onnx' }, op: 'LayerNormalization', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 3, before: 'layer_norm', onlyNode: true },
  { name: 'decorated GELU module in a tabbed CRLF file without `import torch`', fixture: 'tabs_crlf_module.py', factory: 'make', className: 'TabbedGelu', diagnostic: 'decomposable-module', op: 'custom::Gelu', attributes: { approximate: 'none' }, inputs: 1, before: 'gelu_erf', onlyNode: true },
  { name: 'SiLU module defined inside a function', fixture: 'tabs_crlf_module.py', factory: 'make_local', className: 'LocalSilu', diagnostic: 'decomposable-module', op: 'custom::SiLU', attributes: {}, inputs: 1, before: 'silu', onlyNode: true },
  { name: 'hand-written hard swish', fixture: 'other_constructs.py', factory: 'make_hardswish', className: 'HandHardswish', diagnostic: 'decomposable-module', op: 'custom::HardSwish', attributes: {}, inputs: 1, before: 'hard_swish', onlyNode: true },
  { name: 'hand-written Mish', fixture: 'other_constructs.py', factory: 'make_mish', className: 'HandMish', diagnostic: 'decomposable-module', op: 'custom::Mish', attributes: {}, inputs: 1, before: 'mish', onlyNode: true },
  { name: 'hand-written attention with a mask and self.scale', fixture: 'hand_attention.py', factory: 'make', className: 'HandAttention', diagnostic: 'decomposable-module', op: 'custom::Attention', attributes: { scale: Math.fround(8 ** -0.5) } /* a float32 attribute */, inputs: 4, before: 'attention', onlyNode: true },
  { name: 'hand-written attention, torch.matmul / math.sqrt(self.head_dim)', fixture: 'hand_attention.py', factory: 'make_sqrt', className: 'SqrtAttention', diagnostic: 'decomposable-module', op: 'custom::Attention', attributes: { scale: 0.25 }, inputs: 3, before: 'attention', onlyNode: true },
  // --target ort: ONNX Runtime contrib ops in the com.microsoft domain, with RULE_INFO's attributes.
  { name: 'hand-written GELU (erf) → ORT com.microsoft::Gelu', fixture: 'hand_gelu.py', factory: 'make', className: 'ErfGelu', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'com.microsoft::Gelu', attributes: {}, inputs: 1, before: 'gelu_erf', onlyNode: true },
  { name: 'hand-written GELU (tanh) → ORT com.microsoft::FastGelu', fixture: 'hand_gelu.py', factory: 'make_tanh', className: 'TanhGelu', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'com.microsoft::FastGelu', attributes: {}, inputs: 1, before: 'gelu_tanh', onlyNode: true },
  { name: 'tabbed CRLF GELU → ORT com.microsoft::Gelu', fixture: 'tabs_crlf_module.py', factory: 'make', className: 'TabbedGelu', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'com.microsoft::Gelu', attributes: {}, inputs: 1, before: 'gelu_erf', onlyNode: true },
  { name: 'local SiLU → ORT com.microsoft::QuickGelu (alpha 1)', fixture: 'tabs_crlf_module.py', factory: 'make_local', className: 'LocalSilu', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'com.microsoft::QuickGelu', attributes: { alpha: 1 }, inputs: 1, before: 'silu', onlyNode: true },
  // ORT's SimplifiedLayerNormalization is registered in the ai.onnx domain, which torch.onnx.export's checker
  // rejects; and ORT has no LayerNorm replacement in RULE_INFO: --target ort falls back to the custom op.
  { name: 'Llama RMSNorm, --target ort → custom::RMSNorm', fixture: 'llama_rmsnorm.py', factory: 'make', className: 'LlamaRMSNorm', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'custom::RMSNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 2, before: 'rms_norm', onlyNode: true },
  { name: 'seed GemmaRMSNorm, --target ort → custom::RMSNorm', fixture: 'gemma_rmsnorm.py', factory: 'make', className: 'GemmaRMSNorm', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm', onlyNode: true },
  { name: 'hand-written LayerNorm, --target ort → custom::LayerNorm', fixture: 'hand_layer_norm.py', factory: 'make', className: 'HandLayerNorm', diagnostic: 'decomposable-module', options: { target: 'ort' }, op: 'custom::LayerNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 3, before: 'layer_norm', onlyNode: true },
  // Real-world modules (test/fixtures/python/real-world), fixed and exported as they are written upstream.
  ...realWorld([
    { name: 'transformers LlamaRMSNorm', fixture: 'hf_llama_rmsnorm.py', factory: 'make', className: 'LlamaRMSNorm', op: 'custom::RMSNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 2, before: 'rms_norm' },
    { name: 'transformers Qwen2RMSNorm (with extra_repr)', fixture: 'hf_llama_rmsnorm.py', factory: 'make_qwen2', className: 'Qwen2RMSNorm', op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm' },
    { name: 'transformers GemmaRMSNorm (1 + weight, extra_repr)', fixture: 'hf_gemma_rmsnorm.py', factory: 'make', className: 'GemmaRMSNorm', op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm' },
    { name: 'transformers T5LayerNorm (dtype-cast branch)', fixture: 'hf_t5_layernorm.py', factory: 'make', className: 'T5LayerNorm', op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm' },
    { name: 'transformers CohereLayerNorm', fixture: 'hf_cohere_layernorm.py', factory: 'make', className: 'CohereLayerNorm', op: 'custom::LayerNorm', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 2, before: 'layer_norm' },
    { name: 'transformers CohereLayerNorm → ai.onnx LayerNormalization', fixture: 'hf_cohere_layernorm.py', factory: 'make', className: 'CohereLayerNorm', options: { target: 'onnx' }, op: 'LayerNormalization', attributes: { epsilon: 1e-5, axis: -1 }, inputs: 2, before: 'layer_norm' },
    { name: 'transformers NewGELUActivation', fixture: 'hf_activations.py', factory: 'make_new_gelu', className: 'NewGELUActivation', op: 'custom::Gelu', attributes: { approximate: 'tanh' }, inputs: 1, before: 'gelu_tanh' },
    { name: 'transformers FastGELUActivation (x·(1 + 0.044715·x²) factored)', fixture: 'hf_activations.py', factory: 'make_fast_gelu', className: 'FastGELUActivation', op: 'custom::Gelu', attributes: { approximate: 'tanh' }, inputs: 1, before: 'gelu_tanh' /* the graph's gelu_tanh rule reads the factored cubic too */ },
    { name: 'transformers QuickGELUActivation → custom::SiLU with alpha', fixture: 'hf_activations.py', factory: 'make_quick_gelu', className: 'QuickGELUActivation', op: 'custom::SiLU', attributes: { alpha: Math.fround(1.702) }, inputs: 1, before: 'silu' },
    { name: 'transformers QuickGELUActivation → ORT com.microsoft::QuickGelu(alpha 1.702)', fixture: 'hf_activations.py', factory: 'make_quick_gelu', className: 'QuickGELUActivation', options: { target: 'ort' }, op: 'com.microsoft::QuickGelu', attributes: { alpha: Math.fround(1.702) }, inputs: 1, before: 'silu' },
    { name: 'mistral-inference RMSNorm (_norm, type_as)', fixture: 'mistral_rmsnorm.py', factory: 'make', className: 'RMSNorm', op: 'custom::RMSNorm', attributes: { epsilon: 1e-6, axis: -1 }, inputs: 2, before: 'rms_norm' },
    { name: 'timm Swish (inplace conditional)', fixture: 'timm_activations.py', factory: 'make_swish', className: 'Swish', op: 'custom::SiLU', attributes: {}, inputs: 1, before: 'silu' },
    { name: 'timm Mish', fixture: 'timm_activations.py', factory: 'make_mish', className: 'Mish', op: 'custom::Mish', attributes: {}, inputs: 1, before: 'mish' },
    { name: 'timm HardSwish (relu6(x + 3).div_(6), inplace conditional)', fixture: 'timm_activations.py', factory: 'make_hard_swish', className: 'HardSwish', op: 'custom::HardSwish', attributes: {}, inputs: 1, before: 'hard_swish' },
    { name: 'timm QuickGELU', fixture: 'timm_activations.py', factory: 'make_quick_gelu', className: 'QuickGELU', op: 'custom::SiLU', attributes: { alpha: Math.fround(1.702) }, inputs: 1, before: 'silu' },
  ]),
];

/** Real-world cases: decomposable-module diagnostics whose fix leaves the op as the only node (beside the harness's Add). */
function realWorld(cases: Omit<Case, 'diagnostic' | 'onlyNode'>[]): Case[] {
  return cases.map((c) => ({ ...c, fixture: join('real-world', c.fixture), diagnostic: 'decomposable-module', onlyNode: true }));
}

interface TorchReport {
  name: string;
  error?: string;
  same_inputs?: boolean;
  eager_max_difference?: number;
  export_path_max_difference?: number;
  bitwise_equal?: boolean;
  after_inferred_types?: Record<string, number>;
}

const work = mkdtempSync(join(tmpdir(), 'python-fixes-'));
const fixedFiles = new Map<string, { original: string; fixed: string; fixOutput: string; exitCode: number }>();
const reports = new Map<string, TorchReport>();
let torchVersion = '';

/** The domain of a qualified op ('' for ai.onnx). */
const domainOf = (op: string) => (op.includes('::') ? op.slice(0, op.indexOf('::')) : '');
const fileKey = (c: Case) => `${c.fixture}|${JSON.stringify(c.options ?? {})}`;
const onnxPath = (c: Case, stage: 'before' | 'after') => join(work, `${CASES.indexOf(c)}-${stage}.onnx`);

beforeAll(async () => {
  // Apply the fixes exactly as a user would: the CLI's --fix on a copy of the fixture.
  for (const c of CASES) {
    const key = fileKey(c);
    if (fixedFiles.has(key)) continue;
    const index = fixedFiles.size;
    const original = join(work, `original_${index}.py`);
    const fixed = join(work, `fixed_${index}.py`);
    copyFileSync(join(fixturesDir, 'python', c.fixture), original);
    copyFileSync(original, fixed);
    let fixOutput = '';
    const args = [fixed, '--fix'];
    if (c.options?.target) args.push('--target', c.options.target);
    const exitCode = await pythonCommand.run(args, { stdout: (t) => (fixOutput += t), stderr: (t) => (fixOutput += t) });
    fixedFiles.set(key, { original, fixed, fixOutput, exitCode });
  }
  const casesFile = join(work, 'cases.json');
  writeFileSync(casesFile, JSON.stringify(CASES.map((c) => ({
    name: c.name,
    original: fixedFiles.get(fileKey(c))!.original,
    fixed: fixedFiles.get(fileKey(c))!.fixed,
    factory: c.factory,
    opset: 17,
    custom_opsets: { [domainOf(c.op) || 'custom']: 1 },
    before_onnx: onnxPath(c, 'before'),
    after_onnx: onnxPath(c, 'after'),
  }))));
  const run = spawnSync(debianPython, [join(repoRoot, 'scripts', 'python', 'verify_fixes.py'), casesFile], { encoding: 'utf8', timeout: 240_000, maxBuffer: 64 << 20 });
  if (run.error || run.status !== 0) {
    throw new Error(`${debianPython} could not run the torch checks (exit ${run.status}): ${run.error?.message ?? ''}\n${run.stderr}`);
  }
  const parsed = JSON.parse(run.stdout) as { torch: string; cases: TorchReport[] };
  torchVersion = parsed.torch;
  for (const report of parsed.cases) reports.set(report.name, report);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function attributeValue(attribute: Attribute): number | string | undefined {
  return attribute.f ?? attribute.i ?? attribute.s;
}

/** The element type the file records for an inner value (value_info), 0 when it has none. */
function elementTypeOf(model: Model, value: string): number {
  expect(model.graph.outputs.map((o) => o.name)).not.toContain(value); // graph outputs are typed whatever symbolic does
  const info = model.graph.valueInfo.find((v) => v.name === value);
  return info?.type?.kind === 'tensor' ? info.type.elemType : 0;
}

describe.each(CASES)('$name', (c) => {
  it('is diagnosed, and --fix applies a fix that leaves nothing to fix', async () => {
    const files = fixedFiles.get(fileKey(c))!;
    const original = readFileSync(files.original, 'utf8');
    const fixed = readFileSync(files.fixed, 'utf8');
    const before = await analyzePython(original, c.options);
    expect(before.map((d) => `${d.code} ${d.className}`)).toContain(`${c.diagnostic} ${c.className}`);
    expect(files.fixOutput).toContain(`fixed ${c.diagnostic} in ${c.className}`);
    expect(files.exitCode).toBe(0);
    expect(fixed).not.toBe(original);
    expect(await analyzePython(fixed, c.options)).toEqual([]);
  });

  it('keeps the numbers (eager and down the export branch)', () => {
    expect(torchVersion).toMatch(/^1\.13/);
    const report = reports.get(c.name)!;
    expect(report.error).toBeUndefined();
    expect(report.same_inputs).toBe(true);
    expect(report.eager_max_difference).toBe(0);
    expect(report.export_path_max_difference).toBe(0);
    expect(report.bitwise_equal).toBe(true);
  });

  it('exports as exactly one typed node of the expected op, with no decomposition left', () => {
    expect(reports.get(c.name)?.error).toBeUndefined();
    const before = readModelFile(onnxPath(c, 'before'));
    const after = readModelFile(onnxPath(c, 'after'));
    const ops = (model: Model) => model.graph.nodes.map((n) => qualifiedOp(n.domain, n.opType));

    // The original really was the problem.
    const decomposedBefore = detectDecompositions(before).map((d) => d.pattern);
    if (c.before) {
      expect(decomposedBefore).toContain(c.before);
      expect(ops(before)).not.toContain(c.op);
    } else {
      // Already one node. (Measured: torch 1.13 copies the traced type onto the value a Function's symbolic
      // returns, so the missing setType does not show in this file; the fix still makes the type explicit.)
      expect(ops(before).filter((op) => op === c.op)).toHaveLength(1);
      expect(decomposedBefore).toEqual([]);
    }

    const matching = after.graph.nodes.filter((n) => qualifiedOp(n.domain, n.opType) === c.op);
    expect(matching).toHaveLength(1);
    // The Add (and the Constant 1 it adds) is verify_fixes.py's FeedsAnotherNode.
    if (c.onlyNode) expect(ops(after).filter((op) => op !== 'Constant')).toEqual([c.op, 'Add']);
    const [node] = matching;
    expect(node!.domain).toBe(domainOf(c.op));
    if (node!.domain !== '') expect(after.opsetImport).toContainEqual({ domain: node!.domain, version: 1 });
    expect(node!.inputs.filter((i) => i !== '')).toHaveLength(c.inputs);
    const attributes = Object.fromEntries(node!.attributes.map((a) => [a.name, attributeValue(a)]));
    expect(Object.keys(attributes).sort()).toEqual(Object.keys(c.attributes).sort());
    for (const [name, expected] of Object.entries(c.attributes)) {
      if (typeof expected === 'number' && !Number.isInteger(expected)) expect(attributes[name] as number).toBeCloseTo(expected, 9);
      else expect(attributes[name]).toBe(expected);
    }
    if (node!.domain === '') {
      // A standard op: torch writes no value_info; ONNX's shape inference types it from the schema.
      expect(reports.get(c.name)!.after_inferred_types?.[node!.outputs[0]!]).toBe(1);
    } else {
      expect(elementTypeOf(after, node!.outputs[0]!)).toBe(1); // FLOAT: setType reached the file
    }
    expect(detectDecompositions(after)).toEqual([]);
  });
});
