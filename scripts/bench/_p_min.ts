import { readFileSync } from 'node:fs';
import { registerSource, registeredSource } from '../../src/core/onnx/byte-source';
import type { Model, Node } from '../../src/core/onnx/model';
import { readModelBytes } from '../../src/core/onnx/reader';
import { detectDecompositions } from '../../src/core/patterns';
const flat = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
const path = 'test/fixtures/torch/llama_decoder_layer_opset17.onnx';
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
  const times: number[] = []; const cpus: number[] = []; const maps: number[] = [];
  for (let r = 0; r < 7; r++) {
    const c0 = process.cpuUsage(); const t = performance.now();
    detectDecompositions(model);
    times.push(performance.now() - t); const c = process.cpuUsage(c0); cpus.push((c.user + c.system) / 1000);
    const t2 = performance.now(); const m = new Map<string, number>(); for (const n of nodes) for (const o of n.outputs) m.set(o, 1); maps.push(performance.now() - t2);
  }
  console.log(nodes.length, 'scan min wall ms', Math.min(...times).toFixed(0), 'min cpu ms', Math.min(...cpus).toFixed(0), '| Map of outputs min ms', Math.min(...maps).toFixed(0));
}
