// Decoders for each onnx.proto message (field numbers of ../shared/onnx-data/onnx/onnx.proto, IR version 14).
// Each decoder reads fields until the absolute `end` of its message, skips unknown fields, rejects a known field
// with the wrong wire type, and is bounded in depth so a hostile model nested 10,000 levels cannot overflow the stack.
// Tensor payloads (raw_data, packed *_data) are recorded as file ranges and skipped, never read here.
import { OnnxReadError } from './errors';
import type {
  Attribute, DeviceConfiguration, Dimension, Graph, Model, Node, OnnxFunction, OperatorSetId, SparseTensor,
  StringStringEntry, Tensor, TensorAnnotation, TensorDataField, TensorPayload, TrainingInfo, TypeInfo, ValueInfo,
} from './model';
import { AttributeType } from './model';
import { isNone, none } from './empty-list';
import { NodeValuesBuilder } from './node-values';
import { ReadNode } from './read-node';
import { decodePackedNumbers } from './packed';
import { SMALL_PAYLOAD_BYTES } from './small-payloads';
import type { Cursor } from './wire';
import { WireType } from './wire';

/** Message nesting bound. Each subgraph level costs three (Graph → Node → Attribute), so ~80 nested graphs fit,
 *  more than protobuf's own default limit of 100 messages lets onnx.load read. */
export const MAX_MESSAGE_DEPTH = 250;

const { VARINT, I64, LEN, I32 } = WireType;

// Lists start as the shared empty list (empty-list.ts); the first element replaces it with a real array, trimmed
// to its length at the end.
function add<T>(list: T[], item: T): T[] {
  if (isNone(list)) return [item];
  // Literals are allocated exactly; the first push would reserve 16 spare slots.
  if (list.length === 1) return [list[0]!, item];
  list.push(item);
  return list;
}
/** A pushed-to array keeps spare capacity; a copy is exact. Lists of up to two were built exactly. */
function trim<T>(list: T[]): T[] {
  return list.length > 2 ? list.slice() : list;
}

// A node's attributes wait here, above the stack height the node started at, and become one exactly sized array
// when the node ends (growing [a] → [a, b] → … per attribute would leave the smaller arrays as garbage). Nested
// subgraph nodes push and take above their parent's entries; readModel leaves it empty, however it ends.
const pendingAttributes: Attribute[] = [];

function takeAttributes(base: number): Attribute[] {
  const p = pendingAttributes;
  let list: Attribute[];
  switch (p.length - base) {
    case 0: return none();
    case 1: list = [p[base]!]; break;
    case 2: list = [p[base]!, p[base + 1]!]; break;
    default: list = p.slice(base);
  }
  p.length = base;
  return list;
}

function wrong(c: Cursor, at: number, what: string, found: number, expected: number): OnnxReadError {
  return c.wrongWireType(at, what, found, expected);
}

/** Reads the length of a sub-message field and returns its absolute end. */
function subEnd(c: Cursor, at: number, wt: number, end: number, what: string): number {
  if (wt !== LEN) throw wrong(c, at, what, wt, LEN);
  const len = c.length(end, what);
  return c.pos + len;
}

function str(c: Cursor, at: number, wt: number, end: number, what: string): string {
  if (wt !== LEN) throw wrong(c, at, what, wt, LEN);
  return c.string(end, what);
}

/** A node's input (or output) name: its id added to the node's run in `values` (the name list is made at the end). */
function valueName(c: Cursor, at: number, wt: number, end: number, what: string, values: NodeValuesBuilder, input: boolean): void {
  if (wt !== LEN) throw wrong(c, at, what, wt, LEN);
  const id = c.valueName(end, what, values.names);
  if (input) values.addInput(id);
  else values.addOutput(id);
}

/** A string field whose value is unique to its message (a node's name): not interned. */
function uniqueStr(c: Cursor, at: number, wt: number, end: number, what: string): string {
  if (wt !== LEN) throw wrong(c, at, what, wt, LEN);
  return c.uniqueString(end, what);
}

function varint(c: Cursor, at: number, wt: number, what: string): number {
  if (wt !== VARINT) throw wrong(c, at, what, wt, VARINT);
  return c.int64();
}

function checkDepth(c: Cursor, depth: number, what: string): void {
  if (depth > MAX_MESSAGE_DEPTH) {
    throw new OnnxReadError(c.label, c.pos, `${what} nested at most ${MAX_MESSAGE_DEPTH} messages deep`, 'deeper nesting');
  }
}

/** repeated int64, packed or not. */
function int64s(c: Cursor, at: number, wt: number, end: number, list: number[], what: string): number[] {
  if (wt === VARINT) return add(list, c.int64());
  const stop = subEnd(c, at, wt, end, what);
  let out = list;
  while (c.pos < stop) {
    c.ensure(10);
    out = add(out, c.int64());
  }
  c.checkWithin(stop, at, what);
  return out;
}

/** repeated float, packed or not. */
function floats(c: Cursor, at: number, wt: number, end: number, list: number[], what: string): number[] {
  if (wt === I32) return add(list, c.float());
  const stop = subEnd(c, at, wt, end, what);
  let out = list;
  while (c.pos < stop) {
    c.ensure(4);
    out = add(out, c.float());
  }
  c.checkWithin(stop, at, what);
  return out;
}

function endOfMessage(c: Cursor, end: number, at: number, what: string): void {
  if (c.pos > end) throw c.overrun(at, end, what);
}

export function readModel(c: Cursor, end: number): Model {
  try {
    return readModelFields(c, end);
  } finally {
    // However the read ended: a failed one must not keep its half-read attributes (and their subgraphs) alive.
    pendingAttributes.length = 0;
  }
}

function readModelFields(c: Cursor, end: number): Model {
  const model: Model = {
    irVersion: 0, opsetImport: [], producerName: '', producerVersion: '', domain: '', modelVersion: 0, docString: '',
    graph: emptyGraph(), metadataProps: [], trainingInfo: [], functions: [], configuration: [],
    source: { path: c.label, size: c.size },
  };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: model.irVersion = varint(c, at, wt, 'ModelProto.ir_version'); break;
      case 8: model.opsetImport.push(readOperatorSetId(c, subEnd(c, at, wt, end, 'ModelProto.opset_import'), 1)); break;
      case 2: model.producerName = str(c, at, wt, end, 'ModelProto.producer_name'); break;
      case 3: model.producerVersion = str(c, at, wt, end, 'ModelProto.producer_version'); break;
      case 4: model.domain = str(c, at, wt, end, 'ModelProto.domain'); break;
      case 5: model.modelVersion = varint(c, at, wt, 'ModelProto.model_version'); break;
      case 6: model.docString = str(c, at, wt, end, 'ModelProto.doc_string'); break;
      case 7: model.graph = readGraph(c, subEnd(c, at, wt, end, 'ModelProto.graph'), 1); break;
      case 14: model.metadataProps.push(readEntry(c, subEnd(c, at, wt, end, 'ModelProto.metadata_props'))); break;
      case 20: model.trainingInfo.push(readTrainingInfo(c, subEnd(c, at, wt, end, 'ModelProto.training_info'), 1)); break;
      case 25: model.functions.push(readFunction(c, subEnd(c, at, wt, end, 'ModelProto.functions'), 1)); break;
      case 26: model.configuration.push(readDeviceConfiguration(c, subEnd(c, at, wt, end, 'ModelProto.configuration'))); break;
      default: c.skip(wt, end, 'ModelProto');
    }
    endOfMessage(c, end, at, 'ModelProto');
  }
  return model;
}

export function emptyGraph(): Graph {
  return {
    name: '', nodes: [], initializers: [], sparseInitializers: [], inputs: [], outputs: [], valueInfo: [],
    quantizationAnnotation: [], docString: '', metadataProps: [],
  };
}

export function readGraph(c: Cursor, end: number, depth: number): Graph {
  checkDepth(c, depth, 'GraphProto');
  const g = emptyGraph();
  const d = depth + 1;
  // Made at the first node: a hostile file can hold millions of 2-byte empty graphs, which must stay small.
  let values: NodeValuesBuilder | undefined;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (!c.summaryOnly) values ??= new NodeValuesBuilder();
        g.nodes.push(readNode(c, subEnd(c, at, wt, end, 'GraphProto.node'), d, values));
        break;
      case 2: g.name = str(c, at, wt, end, 'GraphProto.name'); break;
      case 5: g.initializers.push(readTensor(c, subEnd(c, at, wt, end, 'GraphProto.initializer'), d)); break;
      case 15: g.sparseInitializers.push(readSparseTensor(c, subEnd(c, at, wt, end, 'GraphProto.sparse_initializer'), d)); break;
      case 10: g.docString = str(c, at, wt, end, 'GraphProto.doc_string'); break;
      case 11: g.inputs.push(readValueInfo(c, subEnd(c, at, wt, end, 'GraphProto.input'), d)); break;
      case 12: g.outputs.push(readValueInfo(c, subEnd(c, at, wt, end, 'GraphProto.output'), d)); break;
      case 13: if (c.summaryOnly) c.skip(wt, end, 'GraphProto.value_info'); else g.valueInfo.push(readValueInfo(c, subEnd(c, at, wt, end, 'GraphProto.value_info'), d)); break;
      case 14: g.quantizationAnnotation.push(readTensorAnnotation(c, subEnd(c, at, wt, end, 'GraphProto.quantization_annotation'))); break;
      case 16: g.metadataProps.push(readEntry(c, subEnd(c, at, wt, end, 'GraphProto.metadata_props'))); break;
      default: c.skip(wt, end, 'GraphProto');
    }
    endOfMessage(c, end, at, 'GraphProto');
  }
  values?.finish(g.nodes);
  return g;
}

/** One node; `values`, when given, collects the ids of its inputs and outputs for its graph (node-values.ts). */
export function readNode(c: Cursor, end: number, depth: number, values?: NodeValuesBuilder): Node {
  checkDepth(c, depth, 'NodeProto');
  values?.beginNode();
  // `values` is given whenever the whole node is read (graphs and functions make one unless summaryOnly).
  const node: Node = values
    ? new ReadNode(values, values.lastNode)
    : { name: '', opType: '', domain: '', overload: '', inputs: none(), outputs: none(), attributes: none(), docString: '', metadataProps: none() };
  const summaryOnly = c.summaryOnly;
  const attributesBase = pendingAttributes.length;
  let joined: Attribute[] | undefined;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1:
        if (summaryOnly) c.skip(wt, end, 'NodeProto.input');
        else if (values) valueName(c, at, wt, end, 'NodeProto.input', values, true);
        else node.inputs = add(node.inputs, str(c, at, wt, end, 'NodeProto.input'));
        break;
      case 2:
        if (summaryOnly) c.skip(wt, end, 'NodeProto.output');
        else if (values) valueName(c, at, wt, end, 'NodeProto.output', values, false);
        else node.outputs = add(node.outputs, str(c, at, wt, end, 'NodeProto.output'));
        break;
      case 3: if (summaryOnly) c.skip(wt, end, 'NodeProto.name'); else node.name = uniqueStr(c, at, wt, end, 'NodeProto.name'); break;
      case 4: node.opType = str(c, at, wt, end, 'NodeProto.op_type'); break;
      case 7: node.domain = str(c, at, wt, end, 'NodeProto.domain'); break;
      case 8: node.overload = str(c, at, wt, end, 'NodeProto.overload'); break;
      case 5: {
        if (!summaryOnly) {
          const run = readAttributeRun(c, at, wt, end, depth + 1);
          if (isNone(node.attributes)) node.attributes = run;
          else {
            // Writers put a node's attributes together; one that scatters them gets its runs joined, in one list
            // copied once (a copy per run would make a node of N scattered attributes cost N²).
            joined ??= [...node.attributes];
            for (let k = 0; k < run.length; k++) joined.push(run[k]!);
            node.attributes = joined;
          }
          break;
        }
        // A summary keeps only the attributes that hold subgraphs (their nodes are counted); the others are
        // stepped over field by field, never decoded (a Constant's tensor is most of a node's bytes).
        const attributeEnd = subEnd(c, at, wt, end, 'NodeProto.attribute');
        if (holdsGraphs(c, attributeEnd)) pendingAttributes.push(readAttribute(c, attributeEnd, depth + 1));
        else c.seek(attributeEnd);
        break;
      }
      case 6: if (summaryOnly) c.skip(wt, end, 'NodeProto.doc_string'); else node.docString = str(c, at, wt, end, 'NodeProto.doc_string'); break;
      case 9: if (summaryOnly) c.skip(wt, end, 'NodeProto.metadata_props'); else node.metadataProps = add(node.metadataProps, readEntry(c, subEnd(c, at, wt, end, 'NodeProto.metadata_props'))); break;
      default: c.skip(wt, end, 'NodeProto');
    }
    endOfMessage(c, end, at, 'NodeProto');
  }
  if (!values) {
    node.inputs = trim(node.inputs);
    node.outputs = trim(node.outputs);
  }
  if (summaryOnly) {
    node.attributes = takeAttributes(attributesBase);
    // All a summary keeps of a node without subgraphs is its op: nodes of the same op share one frozen object,
    // so a huge graph's summary holds a few nodes, not one per node for the collector to copy.
    if (isNone(node.attributes)) return c.summaryNodeLike(node);
  }
  return node;
}

const ATTRIBUTE_TAG = (5 << 3) | LEN;

/** Whether the AttributeProto from the cursor to `end` has a graph field (g or graphs); the cursor stays put. */
function holdsGraphs(c: Cursor, end: number): boolean {
  const start = c.pos;
  let found = false;
  while (c.pos < end && !found) {
    const tag = c.tag();
    const field = tag >>> 3;
    if (field === 6 || field === 11) found = true;
    else c.skip(tag & 7, end, 'AttributeProto');
  }
  c.seek(start);
  return found;
}

/** The run of attributes that starts with the field at `at` (its tag read). A run decoded before from the same
 *  bytes gives the same frozen list (repeated-runs.ts): a graph repeats its attributes node after node. */
function readAttributeRun(c: Cursor, at: number, wt: number, end: number, depth: number): Attribute[] {
  const runEnd = wt === LEN ? c.fieldRunEnd(at, ATTRIBUTE_TAG, end) : -1;
  if (runEnd >= 0) {
    const known = c.knownAttributes(at, runEnd);
    if (known !== undefined) {
      c.seek(runEnd);
      return known;
    }
  }
  const base = pendingAttributes.length;
  pendingAttributes.push(readAttribute(c, subEnd(c, at, wt, end, 'NodeProto.attribute'), depth));
  while (c.nextTagIs(ATTRIBUTE_TAG, end)) {
    const next = c.pos;
    c.tag();
    pendingAttributes.push(readAttribute(c, subEnd(c, next, LEN, end, 'NodeProto.attribute'), depth));
    endOfMessage(c, end, next, 'NodeProto');
  }
  const list = takeAttributes(base);
  if (runEnd >= 0 && c.pos === runEnd && list.every(holdsOnlyValues)) {
    for (const attribute of list) freezeAttribute(attribute);
    c.rememberAttributes(at, runEnd, Object.freeze(list) as Attribute[]);
  }
  return list;
}

/** Numbers, strings and small constants only: nothing a node could own alone (subgraphs, weights). */
function holdsOnlyValues(a: Attribute): boolean {
  return (a.t === undefined || isSmallValue(a.t)) && a.g === undefined && a.sparseTensor === undefined && a.tp === undefined &&
    a.tensors.length === 0 && a.graphs.length === 0 && a.sparseTensors.length === 0 && a.typeProtos.length === 0;
}

/** A Constant's scalar or short vector, its bytes in the run itself: the same run of bytes is the same value, so
 *  the nodes that repeat it can share one tensor (its payload names the first copy's bytes, identical to theirs). */
function isSmallValue(t: Tensor): boolean {
  const p = t.payload;
  return (p.kind === 'empty' || (p.kind === 'inline' && p.length <= SMALL_PAYLOAD_BYTES)) &&
    t.segment === undefined && t.externalData.length === 0 && t.metadataProps.length === 0;
}

function freezeAttribute(a: Attribute): void {
  Object.freeze(a.floats);
  Object.freeze(a.ints);
  Object.freeze(a.strings);
  if (a.t) {
    Object.freeze(a.t.dims);
    Object.freeze(a.t.payload);
    Object.freeze(a.t);
  }
  Object.freeze(a);
}

export function readAttribute(c: Cursor, end: number, depth: number): Attribute {
  checkDepth(c, depth, 'AttributeProto');
  const a: Attribute = { name: '', type: 0, docString: '', floats: none(), ints: none(), strings: none(), tensors: none(), graphs: none(), sparseTensors: none(), typeProtos: none() };
  const d = depth + 1;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: a.name = str(c, at, wt, end, 'AttributeProto.name'); break;
      case 21: a.refAttrName = str(c, at, wt, end, 'AttributeProto.ref_attr_name'); break;
      case 13: a.docString = str(c, at, wt, end, 'AttributeProto.doc_string'); break;
      case 20: a.type = varint(c, at, wt, 'AttributeProto.type'); break;
      case 2:
        if (wt !== I32) throw wrong(c, at, 'AttributeProto.f', wt, I32);
        a.f = c.float();
        break;
      case 3: a.i = varint(c, at, wt, 'AttributeProto.i'); break;
      case 4: a.s = str(c, at, wt, end, 'AttributeProto.s'); break;
      case 5: a.t = readTensor(c, subEnd(c, at, wt, end, 'AttributeProto.t'), d); break;
      case 6: a.g = readGraph(c, subEnd(c, at, wt, end, 'AttributeProto.g'), d); break;
      case 22: a.sparseTensor = readSparseTensor(c, subEnd(c, at, wt, end, 'AttributeProto.sparse_tensor'), d); break;
      case 14: a.tp = readType(c, subEnd(c, at, wt, end, 'AttributeProto.tp'), d); break;
      case 7: a.floats = floats(c, at, wt, end, a.floats, 'AttributeProto.floats'); break;
      case 8: a.ints = int64s(c, at, wt, end, a.ints, 'AttributeProto.ints'); break;
      case 9: a.strings = add(a.strings, str(c, at, wt, end, 'AttributeProto.strings')); break;
      case 10: a.tensors = add(a.tensors, readTensor(c, subEnd(c, at, wt, end, 'AttributeProto.tensors'), d)); break;
      case 11: a.graphs = add(a.graphs, readGraph(c, subEnd(c, at, wt, end, 'AttributeProto.graphs'), d)); break;
      case 23: a.sparseTensors = add(a.sparseTensors, readSparseTensor(c, subEnd(c, at, wt, end, 'AttributeProto.sparse_tensors'), d)); break;
      case 15: a.typeProtos = add(a.typeProtos, readType(c, subEnd(c, at, wt, end, 'AttributeProto.type_protos'), d)); break;
      default: c.skip(wt, end, 'AttributeProto');
    }
    endOfMessage(c, end, at, 'AttributeProto');
  }
  if (a.type === AttributeType.UNDEFINED && a.refAttrName === undefined) a.type = inferAttributeType(a);
  a.ints = trim(a.ints);
  a.floats = trim(a.floats);
  return a;
}

/** IR version 1 files have no `type`; the value field in use decides it, as onnx's own reader does. */
function inferAttributeType(a: Attribute): number {
  if (a.f !== undefined) return AttributeType.FLOAT;
  if (a.i !== undefined) return AttributeType.INT;
  if (a.s !== undefined) return AttributeType.STRING;
  if (a.t !== undefined) return AttributeType.TENSOR;
  if (a.g !== undefined) return AttributeType.GRAPH;
  if (a.sparseTensor !== undefined) return AttributeType.SPARSE_TENSOR;
  if (a.tp !== undefined) return AttributeType.TYPE_PROTO;
  if (a.floats.length) return AttributeType.FLOATS;
  if (a.ints.length) return AttributeType.INTS;
  if (a.strings.length) return AttributeType.STRINGS;
  if (a.tensors.length) return AttributeType.TENSORS;
  if (a.graphs.length) return AttributeType.GRAPHS;
  if (a.sparseTensors.length) return AttributeType.SPARSE_TENSORS;
  if (a.typeProtos.length) return AttributeType.TYPE_PROTOS;
  return AttributeType.UNDEFINED;
}

export function readValueInfo(c: Cursor, end: number, depth: number): ValueInfo {
  checkDepth(c, depth, 'ValueInfoProto');
  const v: ValueInfo = { name: '', docString: '', metadataProps: none() };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: v.name = str(c, at, wt, end, 'ValueInfoProto.name'); break;
      case 2: v.type = readType(c, subEnd(c, at, wt, end, 'ValueInfoProto.type'), depth + 1); break;
      case 3: v.docString = str(c, at, wt, end, 'ValueInfoProto.doc_string'); break;
      case 4: v.metadataProps = add(v.metadataProps, readEntry(c, subEnd(c, at, wt, end, 'ValueInfoProto.metadata_props'))); break;
      default: c.skip(wt, end, 'ValueInfoProto');
    }
    endOfMessage(c, end, at, 'ValueInfoProto');
  }
  return v;
}

export function readType(c: Cursor, end: number, depth: number): TypeInfo {
  checkDepth(c, depth, 'TypeProto');
  let type: TypeInfo = { kind: 'unknown' };
  let denotation: string | undefined;
  const d = depth + 1;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: type = { kind: 'tensor', ...readTensorType(c, subEnd(c, at, wt, end, 'TypeProto.tensor_type'), d) }; break;
      case 8: type = { kind: 'sparse_tensor', ...readTensorType(c, subEnd(c, at, wt, end, 'TypeProto.sparse_tensor_type'), d) }; break;
      case 4: type = { kind: 'sequence', ...readElemType(c, subEnd(c, at, wt, end, 'TypeProto.sequence_type'), d, 'TypeProto.Sequence') }; break;
      case 9: type = { kind: 'optional', ...readElemType(c, subEnd(c, at, wt, end, 'TypeProto.optional_type'), d, 'TypeProto.Optional') }; break;
      case 5: type = readMapType(c, subEnd(c, at, wt, end, 'TypeProto.map_type'), d); break;
      case 7: type = readOpaqueType(c, subEnd(c, at, wt, end, 'TypeProto.opaque_type')); break;
      case 6: denotation = str(c, at, wt, end, 'TypeProto.denotation'); break;
      default: c.skip(wt, end, 'TypeProto');
    }
    endOfMessage(c, end, at, 'TypeProto');
  }
  if (denotation !== undefined) type.denotation = denotation;
  return type;
}

function readTensorType(c: Cursor, end: number, depth: number): { elemType: number; shape?: Dimension[] } {
  checkDepth(c, depth, 'TypeProto.Tensor');
  const t: { elemType: number; shape?: Dimension[] } = { elemType: 0 };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: t.elemType = varint(c, at, wt, 'TypeProto.Tensor.elem_type'); break;
      case 2: t.shape = readShape(c, subEnd(c, at, wt, end, 'TypeProto.Tensor.shape'), t.shape ?? []); break;
      default: c.skip(wt, end, 'TypeProto.Tensor');
    }
    endOfMessage(c, end, at, 'TypeProto.Tensor');
  }
  return t;
}

/** TensorShapeProto; an absent shape (unknown rank) stays undefined, an empty one is a scalar. */
function readShape(c: Cursor, end: number, dims: Dimension[]): Dimension[] {
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    if (tag >>> 3 === 1) dims.push(readDimension(c, subEnd(c, at, wt, end, 'TensorShapeProto.dim')));
    else c.skip(wt, end, 'TensorShapeProto');
    endOfMessage(c, end, at, 'TensorShapeProto');
  }
  return dims;
}

function readDimension(c: Cursor, end: number): Dimension {
  const dim: Dimension = {};
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: dim.value = varint(c, at, wt, 'TensorShapeProto.Dimension.dim_value'); delete dim.param; break;
      case 2: dim.param = str(c, at, wt, end, 'TensorShapeProto.Dimension.dim_param'); delete dim.value; break;
      case 3: dim.denotation = str(c, at, wt, end, 'TensorShapeProto.Dimension.denotation'); break;
      default: c.skip(wt, end, 'TensorShapeProto.Dimension');
    }
    endOfMessage(c, end, at, 'TensorShapeProto.Dimension');
  }
  return dim;
}

function readElemType(c: Cursor, end: number, depth: number, what: string): { elemType?: TypeInfo } {
  checkDepth(c, depth, what);
  const out: { elemType?: TypeInfo } = {};
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    if (tag >>> 3 === 1) out.elemType = readType(c, subEnd(c, at, wt, end, `${what}.elem_type`), depth + 1);
    else c.skip(wt, end, what);
    endOfMessage(c, end, at, what);
  }
  return out;
}

function readMapType(c: Cursor, end: number, depth: number): TypeInfo {
  checkDepth(c, depth, 'TypeProto.Map');
  const map: { kind: 'map'; keyType: number; valueType?: TypeInfo } = { kind: 'map', keyType: 0 };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: map.keyType = varint(c, at, wt, 'TypeProto.Map.key_type'); break;
      case 2: map.valueType = readType(c, subEnd(c, at, wt, end, 'TypeProto.Map.value_type'), depth + 1); break;
      default: c.skip(wt, end, 'TypeProto.Map');
    }
    endOfMessage(c, end, at, 'TypeProto.Map');
  }
  return map;
}

function readOpaqueType(c: Cursor, end: number): TypeInfo {
  const opaque: { kind: 'opaque'; domain: string; name: string } = { kind: 'opaque', domain: '', name: '' };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: opaque.domain = str(c, at, wt, end, 'TypeProto.Opaque.domain'); break;
      case 2: opaque.name = str(c, at, wt, end, 'TypeProto.Opaque.name'); break;
      default: c.skip(wt, end, 'TypeProto.Opaque');
    }
    endOfMessage(c, end, at, 'TypeProto.Opaque');
  }
  return opaque;
}

/** Packed payload fields by field number, with the wire type of their unpacked elements. */
const PAYLOAD_FIELDS: Record<number, { field: TensorDataField; unpacked: number }> = {
  4: { field: 'float_data', unpacked: I32 },
  5: { field: 'int32_data', unpacked: VARINT },
  7: { field: 'int64_data', unpacked: VARINT },
  10: { field: 'double_data', unpacked: I64 },
  11: { field: 'uint64_data', unpacked: VARINT },
};

const EMPTY_PAYLOAD: TensorPayload = Object.freeze({ kind: 'empty' as const });

export function readTensor(c: Cursor, end: number, depth: number): Tensor {
  checkDepth(c, depth, 'TensorProto');
  const t: Tensor = { name: '', dims: none(), dataType: 0, docString: '', payload: EMPTY_PAYLOAD, externalData: none(), metadataProps: none() };
  let raw: TensorPayload | undefined;
  let typed: TensorPayload | undefined;
  let strings: string[] | undefined;
  let external = false;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    const field = tag >>> 3;
    switch (field) {
      case 1: t.dims = int64s(c, at, wt, end, t.dims, 'TensorProto.dims'); break;
      case 2: t.dataType = varint(c, at, wt, 'TensorProto.data_type'); break;
      case 3: t.segment = readSegment(c, subEnd(c, at, wt, end, 'TensorProto.segment')); break;
      case 8: t.name = str(c, at, wt, end, 'TensorProto.name'); break;
      case 12: t.docString = str(c, at, wt, end, 'TensorProto.doc_string'); break;
      case 9: {
        if (wt !== LEN) throw wrong(c, at, 'TensorProto.raw_data', wt, LEN);
        const len = c.length(end, 'TensorProto.raw_data');
        raw = { kind: 'inline', field: 'raw_data', offset: c.pos, length: len };
        c.skipPayload(len);
        break;
      }
      case 6:
        if (wt !== LEN) throw wrong(c, at, 'TensorProto.string_data', wt, LEN);
        (strings ??= []).push(c.string(end, 'TensorProto.string_data'));
        break;
      case 13: t.externalData = add(t.externalData, readEntry(c, subEnd(c, at, wt, end, 'TensorProto.external_data'))); break;
      case 14: external = varint(c, at, wt, 'TensorProto.data_location') === 1; break;
      case 16: t.metadataProps = add(t.metadataProps, readEntry(c, subEnd(c, at, wt, end, 'TensorProto.metadata_props'))); break;
      case 4: case 5: case 7: case 10: case 11:
        typed = readPayloadChunk(c, at, wt, end, PAYLOAD_FIELDS[field]!, typed);
        break;
      default: c.skip(wt, end, 'TensorProto');
    }
    endOfMessage(c, end, at, 'TensorProto');
  }
  t.dims = trim(t.dims);
  if (external) t.payload = externalPayload(t.externalData);
  else if (raw) t.payload = raw;
  else if (typed) t.payload = typed;
  else if (strings) t.payload = { kind: 'values', field: 'string_data', values: strings };
  return t;
}

/** One occurrence of a packed field becomes a file range; a field split over several occurrences (or written
 *  unpacked) is decoded into values, since one range cannot describe it. */
function readPayloadChunk(c: Cursor, at: number, wt: number, end: number, spec: { field: TensorDataField; unpacked: number }, previous: TensorPayload | undefined): TensorPayload {
  const what = `TensorProto.${spec.field}`;
  let values: number[];
  if (previous && (previous.kind === 'inline' || previous.kind === 'values') && previous.field === spec.field) {
    values = previous.kind === 'values' ? (previous.values as number[]) : decodePackedNumbers(spec.field, c.readRange(previous.offset, previous.length), c.label);
  } else values = [];
  if (wt === LEN) {
    const len = c.length(end, what);
    const offset = c.pos;
    c.skipPayload(len);
    if (values.length === 0 && !(previous && previous.kind === 'values' && previous.field === spec.field)) return { kind: 'inline', field: spec.field, offset, length: len };
    for (const v of decodePackedNumbers(spec.field, c.readRange(offset, len), c.label)) values.push(v);
    return { kind: 'values', field: spec.field, values };
  }
  if (wt !== spec.unpacked) throw wrong(c, at, what, wt, spec.unpacked);
  if (wt === I32) values.push(c.float());
  else if (wt === I64) values.push(c.double());
  else {
    const v = c.int64();
    values.push(spec.field === 'int32_data' ? v | 0 : spec.field === 'uint64_data' && v < 0 ? v + 18446744073709551616 : v);
  }
  return { kind: 'values', field: spec.field, values };
}

function externalPayload(entries: StringStringEntry[]): TensorPayload {
  const payload: { kind: 'external'; location: string; offset: number; length?: number; checksum?: string } = { kind: 'external', location: '', offset: 0 };
  for (const { key, value } of entries) {
    if (key === 'location') payload.location = value;
    else if (key === 'offset') payload.offset = parseExternalInteger(value);
    else if (key === 'length') payload.length = parseExternalInteger(value);
    else if (key === 'checksum') payload.checksum = value;
  }
  return payload;
}

/** Offsets and lengths are decimal strings; anything else becomes NaN, which resolveExternalData refuses. */
function parseExternalInteger(value: string): number {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
}

function readSegment(c: Cursor, end: number): { begin: number; end: number } {
  const s = { begin: 0, end: 0 };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: s.begin = varint(c, at, wt, 'TensorProto.Segment.begin'); break;
      case 2: s.end = varint(c, at, wt, 'TensorProto.Segment.end'); break;
      default: c.skip(wt, end, 'TensorProto.Segment');
    }
    endOfMessage(c, end, at, 'TensorProto.Segment');
  }
  return s;
}

export function readSparseTensor(c: Cursor, end: number, depth: number): SparseTensor {
  checkDepth(c, depth, 'SparseTensorProto');
  const s: SparseTensor = { dims: [] };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: s.values = readTensor(c, subEnd(c, at, wt, end, 'SparseTensorProto.values'), depth + 1); break;
      case 2: s.indices = readTensor(c, subEnd(c, at, wt, end, 'SparseTensorProto.indices'), depth + 1); break;
      case 3: s.dims = int64s(c, at, wt, end, s.dims, 'SparseTensorProto.dims'); break;
      default: c.skip(wt, end, 'SparseTensorProto');
    }
    endOfMessage(c, end, at, 'SparseTensorProto');
  }
  return s;
}

export function readEntry(c: Cursor, end: number): StringStringEntry {
  const e: StringStringEntry = { key: '', value: '' };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: e.key = str(c, at, wt, end, 'StringStringEntryProto.key'); break;
      case 2: e.value = str(c, at, wt, end, 'StringStringEntryProto.value'); break;
      default: c.skip(wt, end, 'StringStringEntryProto');
    }
    endOfMessage(c, end, at, 'StringStringEntryProto');
  }
  return e;
}

function readTensorAnnotation(c: Cursor, end: number): TensorAnnotation {
  const a: TensorAnnotation = { tensorName: '', quantParameterTensorNames: [] };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: a.tensorName = str(c, at, wt, end, 'TensorAnnotation.tensor_name'); break;
      case 2: a.quantParameterTensorNames.push(readEntry(c, subEnd(c, at, wt, end, 'TensorAnnotation.quant_parameter_tensor_names'))); break;
      default: c.skip(wt, end, 'TensorAnnotation');
    }
    endOfMessage(c, end, at, 'TensorAnnotation');
  }
  return a;
}

export function readOperatorSetId(c: Cursor, end: number, depth: number): OperatorSetId {
  checkDepth(c, depth, 'OperatorSetIdProto');
  const o: OperatorSetId = { domain: '', version: 0 };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: o.domain = str(c, at, wt, end, 'OperatorSetIdProto.domain'); break;
      case 2: o.version = varint(c, at, wt, 'OperatorSetIdProto.version'); break;
      default: c.skip(wt, end, 'OperatorSetIdProto');
    }
    endOfMessage(c, end, at, 'OperatorSetIdProto');
  }
  return o;
}

function readTrainingInfo(c: Cursor, end: number, depth: number): TrainingInfo {
  checkDepth(c, depth, 'TrainingInfoProto');
  const t: TrainingInfo = { initializationBinding: [], updateBinding: [] };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: t.initialization = readGraph(c, subEnd(c, at, wt, end, 'TrainingInfoProto.initialization'), depth + 1); break;
      case 2: t.algorithm = readGraph(c, subEnd(c, at, wt, end, 'TrainingInfoProto.algorithm'), depth + 1); break;
      case 3: t.initializationBinding.push(readEntry(c, subEnd(c, at, wt, end, 'TrainingInfoProto.initialization_binding'))); break;
      case 4: t.updateBinding.push(readEntry(c, subEnd(c, at, wt, end, 'TrainingInfoProto.update_binding'))); break;
      default: c.skip(wt, end, 'TrainingInfoProto');
    }
    endOfMessage(c, end, at, 'TrainingInfoProto');
  }
  return t;
}

export function readFunction(c: Cursor, end: number, depth: number): OnnxFunction {
  checkDepth(c, depth, 'FunctionProto');
  const f: OnnxFunction = {
    name: '', domain: '', overload: '', inputs: [], outputs: [], attribute: [], attributeProto: [], nodes: [],
    opsetImport: [], valueInfo: [], docString: '', metadataProps: [],
  };
  const d = depth + 1;
  let values: NodeValuesBuilder | undefined;
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: f.name = str(c, at, wt, end, 'FunctionProto.name'); break;
      case 4: f.inputs.push(str(c, at, wt, end, 'FunctionProto.input')); break;
      case 5: f.outputs.push(str(c, at, wt, end, 'FunctionProto.output')); break;
      case 6: f.attribute.push(str(c, at, wt, end, 'FunctionProto.attribute')); break;
      case 11: f.attributeProto.push(readAttribute(c, subEnd(c, at, wt, end, 'FunctionProto.attribute_proto'), d)); break;
      case 7:
        if (!c.summaryOnly) values ??= new NodeValuesBuilder();
        f.nodes.push(readNode(c, subEnd(c, at, wt, end, 'FunctionProto.node'), d, values));
        break;
      case 8: f.docString = str(c, at, wt, end, 'FunctionProto.doc_string'); break;
      case 9: f.opsetImport.push(readOperatorSetId(c, subEnd(c, at, wt, end, 'FunctionProto.opset_import'), d)); break;
      case 10: f.domain = str(c, at, wt, end, 'FunctionProto.domain'); break;
      case 13: f.overload = str(c, at, wt, end, 'FunctionProto.overload'); break;
      case 12: f.valueInfo.push(readValueInfo(c, subEnd(c, at, wt, end, 'FunctionProto.value_info'), d)); break;
      case 14: f.metadataProps.push(readEntry(c, subEnd(c, at, wt, end, 'FunctionProto.metadata_props'))); break;
      default: c.skip(wt, end, 'FunctionProto');
    }
    endOfMessage(c, end, at, 'FunctionProto');
  }
  values?.finish(f.nodes);
  return f;
}

function readDeviceConfiguration(c: Cursor, end: number): DeviceConfiguration {
  const dc: DeviceConfiguration = { name: '', numDevices: 0, device: [] };
  while (c.pos < end) {
    const at = c.pos;
    const tag = c.tag();
    const wt = tag & 7;
    switch (tag >>> 3) {
      case 1: dc.name = str(c, at, wt, end, 'DeviceConfigurationProto.name'); break;
      case 2: dc.numDevices = varint(c, at, wt, 'DeviceConfigurationProto.num_devices'); break;
      case 3: dc.device.push(str(c, at, wt, end, 'DeviceConfigurationProto.device')); break;
      default: c.skip(wt, end, 'DeviceConfigurationProto');
    }
    endOfMessage(c, end, at, 'DeviceConfigurationProto');
  }
  return dc;
}
