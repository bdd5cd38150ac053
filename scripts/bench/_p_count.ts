import { readFileSync } from 'node:fs';
import { readModelBytes } from '../../src/core/onnx/reader';
import { GraphIndex } from '../../src/core/patterns/graph-index';
import { Matcher } from '../../src/core/patterns/matcher';
import { anchorRoots } from "../../src/core/patterns/anchors";
import { RULES } from '../../src/core/patterns/rules';
import { iterateNodes } from '../../src/core/onnx/walk';
const path = 'test/fixtures/torch/llama_decoder_layer_opset17.onnx';
const model = readModelBytes(readFileSync(path), path);
const refs = [...iterateNodes(model)];
const idx = new GraphIndex(model, refs[0]!.scope, refs, new Set(), new Map());
const m = new Matcher(idx) as any;
const orig = m.match.bind(m);
let calls = 0;
m.match = (...a: unknown[]) => { calls++; return orig(...a); };
for (const rule of RULES) {
  calls = 0; let attempts = 0;
  for (const r of anchorRoots(idx, rule.pattern)) { attempts++; m.matchAt(rule, r); }
  console.log(rule.id, 'attempts', attempts, 'match calls', calls);
}
