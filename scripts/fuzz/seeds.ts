// The real models fuzz cases are made from: torch exports of test/fixtures/torch, conformance models of
// ../shared/corpus (subgraphs, sequences, optionals, strings, every data type), light CNNs, and one builder-made
// model with what no corpus file has (model-local functions, sparse initializers, training info, external data).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attr, buildModel, DataType } from '../../src/core/onnx/builder';
import type { SeedModel } from './cases';

/** The CI set: a few of each kind, chosen for structural variety rather than count. */
const CI_TORCH = [
  'llama_decoder_layer_opset17.onnx', 'attention_opset17.onnx', 'rotary_embedding_opset14.onnx', 'gelu_tanh_hand_opset13.onnx',
  'layer_norm_torch_opset17.onnx', 'gemma_rmsnorm_fp16_opset13.onnx', 'skip_layer_norm_hand_opset14.onnx', 'bert_encoder_layer_opset13.onnx',
];
const CI_CORPUS = [
  'test_if', 'test_loop11', 'test_scan9_sum', 'test_sequence_map_add_2_sequences', 'test_optional_has_element_optional_input',
  'test_constant', 'test_gru_defaults', 'test_regex_full_match_basic', 'test_affine_grid_2d_expanded', 'test_cast_FLOAT_to_FLOAT8E4M3FN',
  'test_ai_onnx_ml_tree_ensemble_set_membership', 'test_layer_normalization_2d_axis0_expanded',
];
const CI_LIGHT = ['light_squeezenet.onnx'];

export interface SeedSelection {
  /** 'ci': the small fixed set; 'all': every fixture and corpus model. */
  set: 'ci' | 'all';
}

export function seedModels(repoRoot: string, selection: SeedSelection): SeedModel[] {
  const torchDir = join(repoRoot, 'test', 'fixtures', 'torch');
  const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'onnx-backend-node');
  const lightDir = join(repoRoot, '..', 'shared', 'corpus', 'onnx-backend-light');
  const seeds: SeedModel[] = [{ name: 'builder:rich', bytes: richModel() }];
  const add = (name: string, path: string): void => {
    if (existsSync(path)) seeds.push({ name, bytes: new Uint8Array(readFileSync(path)) });
  };
  const list = (dir: string, filter: (f: string) => boolean): string[] => (existsSync(dir) ? readdirSync(dir).filter(filter).sort() : []);
  const torch = selection.set === 'ci' ? CI_TORCH : list(torchDir, (f) => f.endsWith('.onnx'));
  const corpus = selection.set === 'ci' ? CI_CORPUS : list(corpusDir, () => true);
  const light = selection.set === 'ci' ? CI_LIGHT : list(lightDir, (f) => f.endsWith('.onnx'));
  for (const f of torch) add(`torch:${f}`, join(torchDir, f));
  for (const d of corpus) add(`corpus:${d}`, join(corpusDir, d, 'model.onnx'));
  for (const f of light) add(`light:${f}`, join(lightDir, f));
  return seeds;
}

/** A model using the parts of onnx.proto no corpus file exercises. */
export function richModel(): Uint8Array {
  return buildModel({
    irVersion: 10,
    opsetImport: [{ domain: '', version: 21 }, { domain: 'local', version: 1 }, { domain: 'com.microsoft', version: 1 }],
    producerName: 'fuzz-seed', producerVersion: '1', domain: 'test', modelVersion: 3, docString: 'rich seed',
    metadataProps: { author: 'fuzz', 'pkg.torch.onnx.stack_trace': 'File "m.py", line 1' },
    graph: {
      name: 'main',
      inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', 8] }, { name: 'flag', elemType: DataType.BOOL, shape: [] }],
      outputs: [{ name: 'y', elemType: DataType.FLOAT, shape: ['batch', 8] }],
      valueInfo: [{ name: 'h', type: { kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.FLOAT, shape: [{ value: 8 }] } } }],
      initializers: [
        { name: 'w', dataType: DataType.FLOAT, dims: [8], floats: [1, 2, 3, 4, 5, 6, 7, 8] },
        { name: 'k', dataType: DataType.INT64, dims: [2], int64s: [9223372036854775807n, -1] },
        { name: 'labels', dataType: DataType.STRING, dims: [2], strings: ['a', 'b'] },
        { name: 'ext', dataType: DataType.FLOAT, dims: [4], external: { location: 'weights.bin', offset: 0, length: 16 } },
        { name: 'half', dataType: DataType.FLOAT16, dims: [2], raw: new Uint8Array([0, 60, 0, 64]) },
      ],
      sparseInitializers: [{ dims: [4], values: { name: 'sv', dataType: DataType.FLOAT, dims: [1], floats: [1] }, indices: { name: 'si', dataType: DataType.INT64, dims: [1], int64s: [2] } }],
      nodes: [
        { opType: 'Mul', inputs: ['x', 'w'], outputs: ['m'], name: '/layers.0/Mul', metadataProps: { 'pkg.torch.onnx.stack_trace': 'File "m.py", line 3' } },
        { opType: 'f', domain: 'local', inputs: ['m'], outputs: ['g'], attributes: { alpha: attr.float(0.5) } },
        {
          opType: 'If', inputs: ['flag'], outputs: ['y'],
          attributes: {
            then_branch: attr.graph({ name: 'then', outputs: [{ name: 'a', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['g'], outputs: ['a'] }] }),
            else_branch: attr.graph({ name: 'else', outputs: [{ name: 'b', elemType: DataType.FLOAT }], nodes: [{ opType: 'Gelu', domain: 'com.microsoft', inputs: ['g'], outputs: ['b'] }] }),
          },
        },
        { opType: 'Constant', inputs: [], outputs: ['c'], attributes: { value: attr.tensor({ dataType: DataType.FLOAT, dims: [], floats: [1e-6] }), extra: attr.typeProto({ kind: 'optional', elemType: { kind: 'tensor', elemType: DataType.INT8 } }) } },
      ],
    },
    functions: [{
      name: 'f', domain: 'local', inputs: ['x'], outputs: ['y'], attribute: ['alpha'], opsetImport: [{ domain: '', version: 21 }],
      nodes: [
        { opType: 'Constant', outputs: ['a'], attributes: { value_float: attr.ref('alpha', 1) } },
        { opType: 'Mul', inputs: ['x', 'a'], outputs: ['y'] },
      ],
    }],
    trainingInfo: [{ algorithm: { name: 'step', nodes: [{ opType: 'Identity', inputs: ['w'], outputs: ['w2'] }] }, updateBinding: { w: 'w2' } }],
  });
}
