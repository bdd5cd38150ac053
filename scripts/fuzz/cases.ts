// Fuzz cases from real models: truncation at field boundaries, byte flips, forged lengths, dropped, duplicated,
// swapped and transplanted fields, changed wire types; and hostile models made from scratch (deep nesting,
// enormous fan-out, huge strings). Every case is a deterministic function of the seed model and the PRNG seed.
import { attr, buildModel, DataType } from '../../src/core/onnx/builder';
import type { GraphSpec } from '../../src/core/onnx/builder';
import { Random } from './random';
import { allFields, boundaries, cloneTree, concat, encodeFields, encodeVarint, parseFields, type WireField } from './wire-tree';

export type CaseKind =
  | 'original' | 'truncate' | 'flip' | 'forge-length' | 'drop-field' | 'duplicate-field' | 'swap-fields'
  | 'transplant-field' | 'wire-type' | 'deep-nesting' | 'wide';

export interface FuzzCase {
  id: string;
  kind: CaseKind;
  bytes: Uint8Array;
}

export interface SeedModel {
  name: string;
  bytes: Uint8Array;
}

export interface MutationBudget {
  /** Truncation points per seed model (all boundaries when there are fewer). */
  truncations: number;
  flips: number;
  forgedLengths: number;
  structural: number;
}

/** Lengths a lying field claims: off by one, zero, and sizes no allocation should ever trust. */
const FORGED_LENGTHS = [0n, 1n, 127n, 128n, 2n ** 31n - 1n, 2n ** 31n, 2n ** 32n + 7n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n];

export function* mutationsOf(seed: SeedModel, donors: readonly SeedModel[], budget: MutationBudget, random: Random): Generator<FuzzCase> {
  const bytes = seed.bytes;
  const tree = parseFields(bytes);
  yield { id: `${seed.name}#original`, kind: 'original', bytes };
  if (!tree) return;

  // Truncation at every field boundary (and one byte into each), sampled evenly when there are too many.
  const cuts = boundaries(tree).flatMap((b) => [b, b + 1]).filter((b) => b < bytes.length);
  const step = Math.max(1, cuts.length / budget.truncations);
  for (let i = 0; i < cuts.length && i / step < budget.truncations; i += step) {
    const at = cuts[Math.floor(i)]!;
    yield { id: `${seed.name}#truncate@${at}`, kind: 'truncate', bytes: bytes.subarray(0, at) };
  }

  for (let i = 0; i < budget.flips; i++) {
    const copy = bytes.slice();
    const count = 1 + random.below(4);
    const positions: number[] = [];
    for (let k = 0; k < count; k++) {
      const at = random.below(copy.length);
      copy[at] = random.chance(0.5) ? copy[at]! ^ (1 << random.below(8)) : random.below(256);
      positions.push(at);
    }
    yield { id: `${seed.name}#flip@${positions.join(',')}`, kind: 'flip', bytes: copy };
  }

  const lengthDelimited = allFields(tree).filter((f) => f.field.wireType === 2).length;
  for (let i = 0; i < budget.forgedLengths && lengthDelimited > 0; i++) {
    const copy = cloneTree(tree);
    const candidates = allFields(copy).filter((f) => f.field.wireType === 2);
    const target = random.pick(candidates).field;
    const truth = BigInt(target.children ? encodeFields(target.children).length : target.payload.length);
    const forged = random.chance(0.3) ? truth + BigInt(random.pick([-1, 1, 2, 1000])) : random.pick(FORGED_LENGTHS);
    target.forgedLength = forged < 0n ? 0n : forged;
    yield { id: `${seed.name}#forge-length@${target.start}=${target.forgedLength}`, kind: 'forge-length', bytes: encodeFields(copy) };
  }

  for (let i = 0; i < budget.structural; i++) {
    const kind = random.pick(['drop-field', 'duplicate-field', 'swap-fields', 'transplant-field', 'wire-type'] as const);
    const copy = cloneTree(tree);
    const fields = allFields(copy);
    const { field, siblings } = random.pick(fields);
    const index = siblings.indexOf(field);
    let detail = `${field.start}`;
    switch (kind) {
      case 'drop-field':
        siblings.splice(index, 1);
        break;
      case 'duplicate-field': {
        const times = random.pick([1, 2, 100]);
        for (let k = 0; k < times; k++) siblings.splice(index, 0, field);
        detail += `x${times}`;
        break;
      }
      case 'swap-fields': {
        const other = random.below(siblings.length);
        [siblings[index], siblings[other]] = [siblings[other]!, siblings[index]!];
        detail += `<->${siblings[index]!.start}`;
        break;
      }
      case 'transplant-field': {
        // A field of another model (or of this one) put into a random message: right tags in the wrong places.
        const donor = random.pick(donors);
        const donorTree = parseFields(donor.bytes);
        if (!donorTree) continue;
        const graft = random.pick(allFields(donorTree)).field;
        const hosts = fields.filter((f) => f.field.children !== undefined);
        const host = hosts.length > 0 ? random.pick(hosts).field.children! : copy;
        host.splice(random.below(host.length + 1), 0, graft);
        detail = `${donor.name}:${graft.start}->${seed.name}`;
        break;
      }
      case 'wire-type': {
        const wireType = random.pick([0, 1, 2, 3, 4, 5, 6, 7].filter((w) => w !== field.wireType));
        const retagged: WireField = { ...field, tag: encodeVarint(field.field * 8 + wireType), children: undefined, payload: encodeFieldPayload(field) };
        siblings[index] = retagged;
        detail += `:${field.wireType}->${wireType}`;
        break;
      }
    }
    yield { id: `${seed.name}#${kind}@${detail}`, kind, bytes: encodeFields(copy) };
  }
}

/** The bytes after the tag, as written (length varint included), so a re-tagged field keeps them verbatim. */
function encodeFieldPayload(field: WireField): Uint8Array {
  const payload = field.children ? encodeFields(field.children) : field.payload;
  return field.wireType === 2 ? concat([encodeVarint(field.forgedLength ?? payload.length), payload]) : payload;
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile models made from scratch.

function header(field: number, wireType: number, length?: number): Uint8Array {
  const tag = encodeVarint(field * 8 + wireType);
  return length === undefined ? tag : concat([tag, encodeVarint(length)]);
}

function stringField(field: number, value: string): Uint8Array {
  const bytes = new TextEncoder().encode(value);
  return concat([header(field, 2, bytes.length), bytes]);
}

/**
 * A model whose graph holds an `If` whose then_branch holds an `If` … `levels` deep, written directly (the
 * builder, like any recursive writer, would overflow its stack). Each level is three messages deep
 * (GraphProto → NodeProto → AttributeProto), so the reader's bound is reached at about 83 levels.
 */
export function nestedIfModel(levels: number): Uint8Array {
  const leafGraph = concat([header(1, 2, 0)]); // one empty node
  const nodeHead = concat([stringField(4, 'If'), stringField(1, 'c'), stringField(2, 'y')]);
  const attributeHead = concat([stringField(1, 'then_branch'), header(20, 0), encodeVarint(5)]);
  // Sizes from the inside out: graph(i) = node header + node(i); node(i) = head + attribute header + attribute(i); …
  const prefixes: Uint8Array[] = [];
  let size = leafGraph.length;
  for (let i = 0; i < levels; i++) {
    const attributeSize = attributeHead.length + header(6, 2, size).length + size;
    const nodeSize = nodeHead.length + header(5, 2, attributeSize).length + attributeSize;
    const graphSize = header(1, 2, nodeSize).length + nodeSize;
    prefixes.push(concat([header(1, 2, nodeSize), nodeHead, header(5, 2, attributeSize), attributeHead, header(6, 2, size)]));
    size = graphSize;
  }
  prefixes.reverse();
  const opset = concat([stringField(1, ''), header(2, 0), encodeVarint(17)]);
  return concat([header(1, 0), encodeVarint(8), header(8, 2, opset.length), opset, header(7, 2, size), ...prefixes, leafGraph]);
}

/** `levels` of `seq(seq(…(float)))` as a graph input type: a TypeProto chain two messages per level. */
export function nestedSequenceModel(levels: number): Uint8Array {
  let type = concat([header(1, 2, 2), header(1, 0), encodeVarint(1)]); // tensor_type { elem_type: FLOAT }
  const parts: Uint8Array[] = [];
  let size = type.length;
  for (let i = 0; i < levels; i++) {
    const sequenceSize = header(1, 2, size).length + size;
    parts.push(concat([header(4, 2, sequenceSize), header(1, 2, size)]));
    size = header(4, 2, sequenceSize).length + sequenceSize;
  }
  parts.reverse();
  type = concat([...parts, type]);
  const valueInfo = concat([stringField(1, 'x'), header(2, 2, type.length), type]);
  const graph = concat([header(11, 2, valueInfo.length), valueInfo, header(1, 2, 0)]);
  return concat([header(1, 0), encodeVarint(8), header(7, 2, graph.length), graph]);
}

/** Loops within Loops `levels` deep via the builder (kept within the reader's bound, so the pipeline runs). */
export function nestedLoopModel(levels: number): Uint8Array {
  let body: GraphSpec = { name: 'leaf', nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }], outputs: [{ name: 'y', elemType: DataType.FLOAT }] };
  for (let i = 0; i < levels; i++) {
    body = { name: `body${i}`, nodes: [{ opType: 'Loop', inputs: ['n', 'c'], outputs: ['y'], attributes: { body: attr.graph(body) } }], outputs: [{ name: 'y', elemType: DataType.FLOAT }] };
  }
  return buildModel({ opsetImport: [{ domain: '', version: 17 }], graph: body });
}

const HOSTILE_TEXT = '<script>alert(1)</script>\u0000\u001b[2J\r\n\u202e\u2066"\\`*_[x](javascript:alert(1))';

/** Models that are valid protobuf but enormous in one direction; `scale` 1 is the full size (100,000 inputs on one
 *  node, 50,000 nodes, a million ints, a 5 MB doc string), smaller for the bounded CI run. */
export function* wideModels(scale = 1): Generator<FuzzCase> {
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  const names = Array.from({ length: n(100_000) }, (_, i) => `in${i}`);
  yield { id: `wide#${names.length}-inputs-on-one-node`, kind: 'wide', bytes: buildModel({ graph: { nodes: [{ opType: 'Concat', inputs: names, outputs: ['y'], attributes: { axis: 0 } }] } }) };
  yield {
    id: `wide#${n(50_000)}-nodes`, kind: 'wide',
    bytes: buildModel({ graph: { nodes: Array.from({ length: n(50_000) }, (_, i) => ({ opType: 'Relu', inputs: [`t${i}`], outputs: [`t${i + 1}`] })) } }),
  };
  yield { id: `wide#${n(1_000_000)}-ints-attribute`, kind: 'wide', bytes: buildModel({ graph: { nodes: [{ opType: 'Reshape', inputs: ['x'], outputs: ['y'], attributes: { shape: attr.ints(Array.from({ length: n(1_000_000) }, (_, i) => i)) } }] } }) };
  yield { id: `wide#${n(5_000_000)}-char-doc-string`, kind: 'wide', bytes: buildModel({ docString: 'A'.repeat(n(5_000_000)), producerName: HOSTILE_TEXT, graph: { nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'], name: 'B'.repeat(n(1_000_000)) }] } }) };
  yield {
    id: 'wide#hostile-strings-everywhere', kind: 'wide',
    bytes: buildModel({
      producerName: HOSTILE_TEXT, docString: HOSTILE_TEXT, metadataProps: { [HOSTILE_TEXT]: HOSTILE_TEXT },
      opsetImport: [{ domain: '', version: 17 }, { domain: HOSTILE_TEXT, version: 1 }],
      graph: {
        name: HOSTILE_TEXT,
        inputs: [{ name: HOSTILE_TEXT, elemType: DataType.FLOAT, shape: [HOSTILE_TEXT, -1, 2 ** 40] }],
        outputs: [{ name: 'y', elemType: 999 }],
        nodes: [
          { opType: HOSTILE_TEXT, domain: HOSTILE_TEXT, name: HOSTILE_TEXT, inputs: [HOSTILE_TEXT], outputs: ['z'], attributes: { [HOSTILE_TEXT]: HOSTILE_TEXT } },
          { opType: 'Softmax', name: HOSTILE_TEXT, inputs: ['z'], outputs: ['y'], attributes: { axis: HOSTILE_TEXT, [HOSTILE_TEXT]: attr.strings([HOSTILE_TEXT, 'C'.repeat(100_000)]) } },
        ],
        initializers: [{ name: HOSTILE_TEXT, dataType: DataType.FLOAT, dims: [2 ** 40, 2 ** 40], raw: new Uint8Array(8) }],
      },
      functions: [{ name: HOSTILE_TEXT, domain: HOSTILE_TEXT, inputs: [HOSTILE_TEXT], outputs: [HOSTILE_TEXT], nodes: [{ opType: 'Identity', inputs: [HOSTILE_TEXT], outputs: [HOSTILE_TEXT] }] }],
    }),
  };
  yield { id: `wide#${n(100_000)}-opset-imports`, kind: 'wide', bytes: buildModel({ opsetImport: Array.from({ length: n(100_000) }, (_, i) => ({ domain: `d${i}`, version: i })), graph: { nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }) };
  yield {
    id: `wide#${n(100_000)}-dims`, kind: 'wide',
    bytes: buildModel({ graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: Array.from({ length: n(100_000) }, (_, i) => (i % 2 ? i : `d${i}`)) }], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }),
  };
}

export function* nestingModels(): Generator<FuzzCase> {
  for (const levels of [10, 60, 82, 83, 84, 1_000, 10_000]) yield { id: `deep#if-${levels}`, kind: 'deep-nesting', bytes: nestedIfModel(levels) };
  for (const levels of [100, 124, 125, 126, 10_000]) yield { id: `deep#sequence-${levels}`, kind: 'deep-nesting', bytes: nestedSequenceModel(levels) };
  for (const levels of [40, 80]) yield { id: `deep#loop-${levels}`, kind: 'deep-nesting', bytes: nestedLoopModel(levels) };
}
