// The models an e2e workspace gets under models/: the bundled samples, the committed torch exports and one QDQ twin.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './ensure-tools.mjs';

export function fixtureModels() {
  const models = [];
  for (const dir of [join(repoRoot, 'samples'), join(repoRoot, 'test', 'fixtures', 'torch'), join(repoRoot, 'test', 'e2e', 'fixtures')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.onnx')).sort()) models.push({ name, path: join(dir, name) });
  }
  // The QDQ twin of the Llama decoder layer (issue 9's quantization view), prefixed: it shares its float twin's name.
  const qdqLlama = join(repoRoot, 'test', 'fixtures', 'qdq', 'llama_decoder_layer_opset17.onnx');
  if (existsSync(qdqLlama)) models.push({ name: 'qdq_llama_decoder_layer_opset17.onnx', path: qdqLlama });
  return models;
}
