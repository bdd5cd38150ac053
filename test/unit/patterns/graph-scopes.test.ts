// graphScopes (the scan's graph list, without a NodeRef per node) must list exactly what iterateNodes walks:
// the same graphs, paths, scopes and nodes in the same order. Checked on every corpus model, control flow
// (If/Loop/Scan, nested) and model-local functions included.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../../src/core/onnx/model';
import { readModelFile } from '../../../src/core/onnx/reader';
import { nodeValuesOf } from '../../../src/core/onnx/node-values';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { graphScopes } from '../../../src/core/patterns/graph-scopes';
import { nodesOf, visitNodes } from '../../../src/core/onnx/walk';
import { corpusNodeDir, hasShared } from '../../helpers/paths';

/** "<graph path> <node path>" per node, in order, from each side. */
function fromWalk(model: Model, functions: boolean): string[] {
  return [...iterateNodes(model, { functions })].map((r) => `${r.scope.kind} ${r.scope.path} ${r.scope.depth} ${r.path}`);
}

function fromScopes(model: Model, functions: boolean): string[] {
  const out: string[] = [];
  // iterateNodes interleaves a graph's nodes with its subgraphs' nodes; compare graph by graph instead.
  for (const s of graphScopes(model, functions)) s.nodes.forEach((n, i) => out.push(`${s.scope.kind} ${s.scope.path} ${s.scope.depth} ${s.scope.path}/${i}:${n.opType}`));
  return out;
}

function byGraph(lines: string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const key = line.split(' ').slice(0, 3).join(' ');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(line);
  }
  return [...groups.values()].flat();
}

describe.runIf(hasShared)('graphScopes and visitNodes', () => {
  it('lists the graphs and nodes iterateNodes walks, in its order, on the whole corpus', () => {
    let withSubgraphs = 0;
    let withFunctions = 0;
    for (const name of readdirSync(corpusNodeDir).sort()) {
      const model = readModelFile(join(corpusNodeDir, name, 'model.onnx'));
      for (const functions of [false, true]) {
        const walked = fromWalk(model, functions);
        expect(fromScopes(model, functions), name).toEqual(byGraph(walked));
        // visitNodes: the very same order as iterateNodes, node objects and indices included.
        const visited: string[] = [];
        const visitedNodes: unknown[] = [];
        const visitedIndices: number[] = [];
        visitNodes(model, functions, (node, scope, index, values) => {
          visited.push(`${scope.kind} ${scope.path} ${scope.depth}`);
          visitedNodes.push(node);
          visitedIndices.push(index);
          if (nodesOf(scope)[index] !== node) throw new Error(`${name}: node ${index} of ${scope.path || 'main'} is not the node visited`);
          if (values !== nodeValuesOf(nodesOf(scope))) throw new Error(`${name}: the value ids handed for ${scope.path || 'main'} are not its node list's`);
        });
        expect(visited, name).toEqual(walked.map((line) => line.split(' ').slice(0, 3).join(' ')));
        const refs = [...iterateNodes(model, { functions })];
        expect(visitedNodes).toEqual(refs.map((r) => r.node));
        expect(visitedIndices, name).toEqual(refs.map((r) => r.index));
      }
      const scopes = graphScopes(model, true);
      if (scopes.some((s) => s.scope.kind === 'subgraph')) withSubgraphs++;
      if (scopes.some((s) => s.scope.kind === 'function')) withFunctions++;
      // Every subgraph's parent is the graph whose path prefixes its own.
      for (const s of scopes) {
        if (s.scope.kind !== 'subgraph') expect(s.parent).toBe(-1);
        else expect(s.scope.path.startsWith(`${scopes[s.parent]!.scope.path}/`)).toBe(true);
      }
    }
    expect(withSubgraphs).toBeGreaterThan(10);
    console.log(`graphScopes = iterateNodes on the corpus: ${withSubgraphs} models with subgraphs, ${withFunctions} with functions`);
  });
});
