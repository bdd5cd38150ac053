import { readFileSync } from 'node:fs';
import { registerSource, registeredSource } from '../../src/core/onnx/byte-source';
import type { Model, Node } from '../../src/core/onnx/model';
import { readModelBytes } from '../../src/core/onnx/reader';
import { GraphIndex } from '../../src/core/patterns/graph-index';
import { selectCandidates } from '../../src/core/patterns/detect';
import { iterateNodes } from '../../src/core/onnx/walk';
const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
const path = '/work/main/test/fixtures/torch/llama_decoder_layer_opset17.onnx';
const layer = readModelBytes(readFileSync(path), path);
for (const layers of [223, 2223]) {
  const g = layer.graph; const shared = new Set(g.initializers.map((t) => t.name));
  const nodes: Node[] = [];
  for (let l = 0; l < layers; l++) {
    const rename = (v: string) => v === '' || shared.has(v) ? v : v === 'x' ? (l === 0 ? 'x' : `L${l-1}:y`) : `L${l}:${v}`;
    for (const node of g.nodes) nodes.push({ ...node, name: flat(`/b.${l}${node.name}`), inputs: node.inputs.map((v) => flat(rename(v))), outputs: node.outputs.map((v) => flat(rename(v))) });
  }
  const model: Model = { ...layer, graph: { ...g, nodes } };
  registerSource(model, registeredSource(layer)!);
  let t = performance.now(); const cpu0 = process.cpuUsage();
  const refs = [...iterateNodes(model)];
  const t1 = performance.now() - t; t = performance.now();
  const idx = new GraphIndex(model, refs[0]!.scope, refs, new Set(), new Map());
  const t2 = performance.now() - t; t = performance.now();
  const c = selectCandidates(idx);
  const t3 = performance.now() - t; const cpu = process.cpuUsage(cpu0);
  console.log(layers, nodes.length, 'iterate', t1.toFixed(0), 'index', t2.toFixed(0), 'select', t3.toFixed(0), c.length, 'cpu total ms', ((cpu.user + cpu.system) / 1000).toFixed(0));
}
