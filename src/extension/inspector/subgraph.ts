// The picture of one decomposed construct: its nodes, the edges between them, the values flowing in from outside
// and out to the rest of the graph; and beside it the single op that should replace it, fed by the same values.
// Layout by elkjs (layered); the result is plain boxes and polylines for the SVG renderer.
import type { ELK as ElkLayouter, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DecompositionMatch } from '../../core/coverage/report';
import { qualifiedOp } from '../../core/onnx/model';
import type { NodeRef } from '../../core/onnx/walk';
import type { LoadedModel } from '../model-store';
import { findNode } from '../node-index';
import { preferredReplacement } from '../../core/patterns/replacements';

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  sublabel?: string;
  kind: 'op' | 'value' | 'replacement';
  /** Stable node path, for op boxes. */
  nodePath?: string;
}

export interface Wire {
  points: Array<{ x: number; y: number }>;
  label?: string;
}

export interface Picture {
  width: number;
  height: number;
  boxes: Box[];
  wires: Wire[];
}

export interface DecompositionPictures {
  decomposed: Picture;
  replacement: Picture;
  replacementOp: string;
}

const CHAR_WIDTH = 7.2;
const OP_HEIGHT = 34;
const VALUE_HEIGHT = 22;
const MAX_LABEL = 28;
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '26',
  'elk.spacing.nodeNode': '18',
  'elk.padding': '[top=8,left=8,bottom=8,right=8]',
};

let elk: ElkLayouter | undefined;

export async function decompositionPictures(loaded: LoadedModel, match: DecompositionMatch): Promise<DecompositionPictures> {
  const refs = match.nodes.map((id) => findNode(loaded, id)).filter((r): r is NodeRef => r !== undefined);
  const produced = new Map<string, string>();
  refs.forEach((ref, i) => ref.node.outputs.forEach((o) => o !== '' && produced.set(o, `op${i}`)));
  const consumedInside = new Set(refs.flatMap((r) => r.node.inputs));
  const { constants, readerCounts, graphOutputs } = valueIndex(loaded);
  // Read outside the match when more nodes read it than the match's own.
  const readOutside = (value: string) => graphOutputs.has(value) || (readerCounts.get(value) ?? 0) > refs.filter((r) => r.node.inputs.includes(value)).length;

  const children: ElkNode[] = [];
  const edges: ElkExtendedEdge[] = [];
  const externalInputs: string[] = [];
  refs.forEach((ref, i) => {
    const op = qualifiedOp(ref.node.domain, ref.node.opType);
    children.push(opBox(`op${i}`, op, ref.node.name));
    ref.node.inputs.forEach((input, k) => {
      if (input === '') return;
      const source = produced.get(input);
      if (source) {
        edges.push({ id: `e${i}_${k}`, sources: [source], targets: [`op${i}`] });
        return;
      }
      // Constants are folded into their consumer's label; graph values become their own boxes.
      if (constants.has(input)) return;
      const id = `in:${input}`;
      if (!children.some((c) => c.id === id)) {
        children.push(valueBox(id, input));
        externalInputs.push(input);
      }
      edges.push({ id: `e${i}_${k}`, sources: [id], targets: [`op${i}`] });
    });
  });
  const outputs = [...produced.keys()].filter((o) => readOutside(o) || !consumedInside.has(o));
  for (const output of outputs) {
    const id = `out:${output}`;
    children.push(valueBox(id, output));
    edges.push({ id: `eo:${output}`, sources: [produced.get(output)!], targets: [id] });
  }
  const decomposed = await layout(children, edges, (id) => {
    const index = id.startsWith('op') ? Number(id.slice(2)) : -1;
    return index >= 0 ? refs[index]?.path : undefined;
  });

  const best = preferredReplacement(match.replacements);
  const replacementOp = best ? qualifiedOp(best.domain, best.op) : match.pattern;
  const replacementChildren: ElkNode[] = [opBox('replacement', replacementOp, best ? `opset ${best.sinceOpset}${best.availableInTarget ? ', in target' : ''}` : '')];
  const replacementEdges: ElkExtendedEdge[] = [];
  for (const input of externalInputs) {
    replacementChildren.push(valueBox(`in:${input}`, input));
    replacementEdges.push({ id: `r:in:${input}`, sources: [`in:${input}`], targets: ['replacement'] });
  }
  for (const output of outputs) {
    replacementChildren.push(valueBox(`out:${output}`, output));
    replacementEdges.push({ id: `r:out:${output}`, sources: ['replacement'], targets: [`out:${output}`] });
  }
  const replacement = await layout(replacementChildren, replacementEdges, () => undefined);
  for (const box of replacement.boxes) if (box.id === 'replacement') box.kind = 'replacement';
  return { decomposed, replacement, replacementOp };
}

function opBox(id: string, op: string, name: string): ElkNode {
  const label = clip(op);
  // The node's own name without its module scope, unless it only repeats the op.
  const short = name.split('/').pop() ?? name;
  const sublabel = short && short !== op ? clip(short) : '';
  return { id, width: Math.max(label.length, sublabel.length * 0.85) * CHAR_WIDTH + 24, height: OP_HEIGHT, labels: [{ text: label }, { text: sublabel }] };
}

function valueBox(id: string, name: string): ElkNode {
  // Exporters prefix value names with the module scope; the last segment tells them apart.
  const label = clip(name.split('/').pop() || name);
  return { id, width: label.length * CHAR_WIDTH * 0.9 + 18, height: VALUE_HEIGHT, labels: [{ text: label }] };
}

function clip(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

async function layout(children: ElkNode[], edges: ElkExtendedEdge[], nodePathOf: (id: string) => string | undefined): Promise<Picture> {
  // elkjs is large: evaluated on the first picture, not at activation.
  elk ??= new (await import('elkjs/lib/elk.bundled.js')).default();
  const graph: ElkNode = { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges };
  const result = await elk.layout(graph);
  const boxes: Box[] = (result.children ?? []).map((c) => {
    const nodePath = nodePathOf(c.id);
    return {
      id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0,
      label: c.labels?.[0]?.text ?? c.id, sublabel: c.labels?.[1]?.text || undefined,
      kind: c.id.startsWith('op') ? 'op' : 'value', ...(nodePath ? { nodePath } : {}),
    };
  });
  const wires: Wire[] = (result.edges ?? []).flatMap((e) => (e.sections ?? []).map((s) => ({ points: [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] })));
  return { width: result.width ?? 0, height: result.height ?? 0, boxes, wires };
}

interface ValueIndex {
  /** Initializers and Constant outputs: drawn folded into their consumer. */
  constants: Set<string>;
  /** Value name → how many nodes read it (a node that reads it twice counts once). A count, not the readers:
   *  the index covers every value of the model, 200,000 of them in a big export, for a few pictures. */
  readerCounts: Map<string, number>;
  graphOutputs: Set<string>;
}

const valueIndexes = new WeakMap<LoadedModel, ValueIndex>();

function valueIndex(loaded: LoadedModel): ValueIndex {
  let index = valueIndexes.get(loaded);
  if (!index) {
    const constants = new Set(loaded.model.graph.initializers.map((t) => t.name));
    const readerCounts = new Map<string, number>();
    for (const { node } of loaded.nodes) {
      if (node.opType === 'Constant' && node.outputs[0]) constants.add(node.outputs[0]);
      const inputs = node.inputs;
      for (let k = 0; k < inputs.length; k++) {
        if (inputs.indexOf(inputs[k]!) === k) readerCounts.set(inputs[k]!, (readerCounts.get(inputs[k]!) ?? 0) + 1);
      }
    }
    index = { constants, readerCounts, graphOutputs: new Set(loaded.model.graph.outputs.map((o) => o.name)) };
    valueIndexes.set(loaded, index);
  }
  return index;
}
