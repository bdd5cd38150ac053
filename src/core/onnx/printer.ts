// A model as text, in ONNX's textual syntax (the one `onnx.printer.to_text` writes and `onnx.parser` reads,
// ../shared/onnx-data/onnx/Syntax.md), with the 0-based line of every node so that coverage findings can be
// placed on it. Tensor bytes are never read unless the caller supplies a reader: initializers show their
// type and shape, and only small constants show values. Strings are escaped (no control or bidi characters
// reach the output) and cut when enormous. Iterative, so a model nested 10,000 subgraphs deep prints
// without overflowing the stack; indentation stops growing past a bound so the text stays linear in size.
import { AttributeType, DataType } from './model';
import type { Attribute, Dimension, Graph, Model, Node, OnnxFunction, OperatorSetId, SparseTensor, StringStringEntry, Tensor, TypeInfo, ValueInfo } from './model';
import { readTensorBytes, readTensorNumbers } from './tensor-data';
import { iterateNodes, type NodeRef } from './walk';

export type TensorValues = ArrayLike<number | bigint | string>;

export interface PrintOptions {
  /** Longest name or string shown in full; longer ones are cut and marked. Default 512. */
  maxStringLength?: number;
  /** Longest list (ints, floats, strings, tensor values) shown in full. Default 256. */
  maxListLength?: number;
  /** Tensors with at most this many elements show their values when they can be read cheaply. Default 16. */
  maxConstantElements?: number;
  /** Reads the values of a small tensor (called only for tensors within maxConstantElements); return undefined
   *  when they cannot be read. Default: from the model's own source (readTensorNumbers, exact int64);
   *  `false` shows decoded `values` payloads only and never touches the file. */
  readTensorValues?: ((tensor: Tensor) => TensorValues | undefined) | false;
  /** Print model-local functions after the graph. Default true. */
  functions?: boolean;
  /** Only where each node sits (nodeLines, opRanges), for placing findings: `text` is empty, and a node line's
   *  inputs and attributes, which come after its op, are not formatted unless they hold subgraphs (those take
   *  lines of their own). About half a full print on a big graph. Default false. */
  layoutOnly?: boolean;
  /** The model's nodes as iterateNodes(model, { functions: true }) lists them, when the caller has them already
   *  (the extension keeps them): a big graph's paths are not made a second time. */
  nodes?: readonly NodeRef[];
}

/** Where a node's op name (`domain.Op`) sits: 0-based line and [start, end) columns. */
export interface OpRange {
  line: number;
  start: number;
  end: number;
}

export interface PrintedModel {
  text: string;
  /** Stable node path (walk.ts) → 0-based line of the node (its first line when it holds subgraphs). */
  nodeLines: Map<string, number>;
  /** Stable node path → the range of its op name, for hovers and diagnostic ranges. */
  opRanges: Map<string, OpRange>;
}

const INDENT = '   ';
/** Indentation stops growing at this depth: deeper subgraphs print flush with it. */
const MAX_INDENT_DEPTH = 24;

const DATA_TYPE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(DataType).map(([name, value]) => [value, name.toLowerCase()]));
const ATTRIBUTE_TYPE_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(AttributeType).map(([name, value]) => [value, name.toLowerCase()]));

export function printModel(model: Model, options: PrintOptions = {}): PrintedModel {
  return new ModelPrinter(model, options).print();
}

/** The op as the syntax writes it: `Op`, or `domain.Op` outside the default domain. */
export function printedOpName(node: Pick<Node, 'domain' | 'opType' | 'overload'>, maxLength = 512): string {
  const op = isQualifiedId(node.opType) ? node.opType : quote(node.opType, maxLength);
  const domain = node.domain === '' ? '' : isQualifiedId(node.domain) ? `${node.domain}.` : `${quote(node.domain, maxLength)}.`;
  const overload = node.overload === '' ? '' : `:${isIdentifier(node.overload) ? node.overload : quote(node.overload, maxLength)}`;
  return `${domain}${op}${overload}`;
}

/** A name as the syntax writes it: bare when it is an identifier, else quoted and escaped. */
export function printName(name: string, maxLength = 512): string {
  return isIdentifier(name) && name.length <= maxLength ? name : quote(name, maxLength);
}

/** A double-quoted string with `\` and `"` escaped, control/bidi/separator characters and lone surrogates
 *  written as `\uXXXX`, and the middle of enormous strings replaced by a marker. */
export function quote(value: string, maxLength = 512): string {
  let shown = value;
  let marker = '';
  if (value.length > maxLength) {
    shown = value.slice(0, maxLength);
    marker = `...(+${value.length - maxLength} chars)`;
  }
  return `"${escapeString(shown)}${marker}"`;
}

/** Characters that must never reach an editor raw: C0/C1 controls, DEL, line/paragraph separators,
 *  bidi embeddings/overrides/isolates and marks, zero-width no-break space, and lone surrogates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\"]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeString(value: string): string {
  return value.replace(UNSAFE, (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isIdentifier(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

function isQualifiedId(s: string): boolean {
  return s.length <= 512 && /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(s);
}

/** Shortest decimal that reads back as the same float32 (attributes and float tensors are float32). */
export function formatFloat32(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const target = Math.fround(value);
  for (let digits = 1; digits <= 17; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === target) return String(Number(text));
  }
  return String(value);
}

function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** A float literal that cannot be mistaken for an int (`1` would make an untyped attribute an INT). */
function floatLiteral(value: number): string {
  const text = formatFloat32(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

function formatInteger(value: number | bigint | undefined): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined || !Number.isFinite(value)) return '0';
  return Number.isInteger(value) ? String(value) : String(Math.trunc(value));
}

/** A graph still being printed: its nodes and where the next one is. */
interface GraphFrame {
  kind: 'graph';
  nodes: Node[];
  next: number;
  depth: number;
}

/** A node whose attribute list holds subgraphs: text pieces between the graphs still to print. */
interface NodeFrame {
  kind: 'node';
  pieces: Array<string | Graph>;
  next: number;
  depth: number;
}

class ModelPrinter {
  private readonly lines: string[] = [];
  private current = '';
  private readonly nodeLines = new Map<string, number>();
  private readonly opRanges = new Map<string, OpRange>();
  private readonly paths = new Map<Node, string>();
  private readonly maxString: number;
  private readonly maxList: number;
  private readonly maxConstant: number;

  constructor(private readonly model: Model, private readonly options: PrintOptions) {
    this.maxString = options.maxStringLength ?? 512;
    this.maxList = options.maxListLength ?? 256;
    this.maxConstant = options.maxConstantElements ?? 16;
  }

  print(): PrintedModel {
    const withFunctions = this.options.functions ?? true;
    // Paths come from the one traversal everybody uses, so the lines agree with every other view.
    const refs = this.options.nodes ?? iterateNodes(this.model, { functions: withFunctions });
    for (const ref of refs) this.paths.set(ref.node, ref.path);
    this.printHeader();
    this.printGraphBlock(this.model.graph, 0);
    if (withFunctions) {
      for (const fn of this.model.functions) {
        this.newline();
        this.printFunction(fn);
      }
    }
    if (this.current !== '') this.newline();
    return { text: this.options.layoutOnly ? '' : this.lines.join('\n') + '\n', nodeLines: this.nodeLines, opRanges: this.opRanges };
  }

  private write(text: string): void {
    this.current += text;
  }

  private newline(): void {
    this.lines.push(this.current);
    this.current = '';
  }

  private indent(depth: number): string {
    return INDENT.repeat(Math.min(depth, MAX_INDENT_DEPTH));
  }

  private str(value: string): string {
    return quote(value, this.maxString);
  }

  private name(value: string): string {
    return printName(value, this.maxString);
  }

  private printHeader(): void {
    const m = this.model;
    const entries: string[] = [`ir_version: ${formatInteger(m.irVersion)}`, `opset_import: ${this.opsets(m.opsetImport)}`];
    if (m.producerName !== '') entries.push(`producer_name: ${this.str(m.producerName)}`);
    if (m.producerVersion !== '') entries.push(`producer_version: ${this.str(m.producerVersion)}`);
    if (m.domain !== '') entries.push(`domain: ${this.str(m.domain)}`);
    if (m.modelVersion) entries.push(`model_version: ${formatInteger(m.modelVersion)}`);
    if (m.docString !== '') entries.push(`doc_string: ${this.str(m.docString)}`);
    if (m.metadataProps.length > 0) entries.push(`metadata_props: ${this.stringPairs(m.metadataProps)}`);
    this.write('<');
    this.newline();
    entries.forEach((entry, i) => {
      this.write(`${INDENT}${entry}${i < entries.length - 1 ? ',' : ''}`);
      this.newline();
    });
    this.write('>');
    this.newline();
  }

  private opsets(opsets: OperatorSetId[]): string {
    return `[${opsets.map((o) => `${this.str(o.domain)} : ${formatInteger(o.version)}`).join(', ')}]`;
  }

  private stringPairs(entries: StringStringEntry[]): string {
    return this.list(entries, (e) => `${this.str(e.key)}: ${this.str(e.value)}`, ', ');
  }

  /** `[a, b, …]` cut after maxListLength items. */
  private list<T>(items: ArrayLike<T>, show: (item: T) => string, separator = ', ', open = '[', close = ']'): string {
    const parts: string[] = [];
    const shown = Math.min(items.length, this.maxList);
    for (let i = 0; i < shown; i++) parts.push(show(items[i]!));
    if (items.length > shown) parts.push(`...(+${items.length - shown} more)`);
    return `${open}${parts.join(separator)}${close}`;
  }

  /** Prints a graph (header on the current line) and every subgraph inside it, without recursion. */
  private printGraphBlock(root: Graph, rootDepth: number, rootHeader = true): void {
    const stack: Array<GraphFrame | NodeFrame> = [];
    const openGraph = (graph: Graph, depth: number): void => {
      this.printGraphHeader(graph, depth);
      stack.push({ kind: 'graph', nodes: graph.nodes, next: 0, depth });
    };
    if (rootHeader) openGraph(root, rootDepth);
    else {
      // A function body: `{ nodes }` without a graph signature.
      this.write('{');
      this.newline();
      stack.push({ kind: 'graph', nodes: root.nodes, next: 0, depth: rootDepth });
    }
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.kind === 'graph') {
        if (frame.next >= frame.nodes.length) {
          stack.pop();
          // The closing brace; the enclosing node's text (if any) continues on this line.
          this.write(`${this.indent(frame.depth)}}`);
          if (stack.length === 0 && frame.depth === rootDepth) this.newline();
          continue;
        }
        const node = frame.nodes[frame.next++]!;
        const pieces = this.printNodeStart(node, frame.depth + 1);
        if (pieces.length === 1) {
          this.write(pieces[0] as string);
          this.newline();
        } else {
          stack.push({ kind: 'node', pieces, next: 0, depth: frame.depth + 1 });
        }
        continue;
      }
      if (frame.next >= frame.pieces.length) {
        stack.pop();
        this.newline();
        continue;
      }
      const piece = frame.pieces[frame.next++]!;
      if (typeof piece === 'string') this.write(piece);
      else openGraph(piece, frame.depth);
    }
  }

  private printGraphHeader(graph: Graph, depth: number): void {
    this.write(`${this.name(graph.name)} ${this.valueInfos(graph.inputs)} => ${this.valueInfos(graph.outputs)}`);
    const declarations = graph.initializers.length + graph.valueInfo.length + graph.sparseInitializers.length;
    if (declarations > 0) {
      // One declaration per line: a model with 10,000 weights stays readable.
      this.newline();
      this.write(`${this.indent(depth + 1)}<`);
      const items: string[] = [];
      for (const t of graph.initializers) items.push(this.initializer(t));
      for (const s of graph.sparseInitializers) items.push(this.sparseInitializer(s));
      for (const vi of graph.valueInfo) items.push(this.valueInfo(vi));
      items.forEach((item, i) => {
        this.newline();
        this.write(`${this.indent(depth + 2)}${item}${i < items.length - 1 ? ',' : ''}`);
      });
      this.newline();
      this.write(`${this.indent(depth + 1)}>`);
      this.newline();
      this.write(`${this.indent(depth)}{`);
    } else {
      this.write(' {');
    }
    this.newline();
  }

  /** The node's text up to (and between) its subgraphs; records its line and op range. */
  private printNodeStart(node: Node, depth: number): Array<string | Graph> {
    const path = this.paths.get(node);
    const line = this.lines.length;
    let head = this.indent(depth);
    if (node.name !== '') head += `[${this.name(node.name)}] `;
    if (node.outputs.length > 0) head += `${this.ids(node.outputs)} `;
    head += '= ';
    const op = printedOpName(node, this.maxString);
    if (path !== undefined) {
      this.nodeLines.set(path, line);
      this.opRanges.set(path, { line, start: this.current.length + head.length, end: this.current.length + head.length + op.length });
    }
    head += op;
    const hasGraphs = node.attributes.some((a) => a.g !== undefined || a.graphs.length > 0);
    // The rest of a line without subgraphs moves nothing that comes after it.
    if (this.options.layoutOnly && !hasGraphs) return [head];
    const inputs = ` (${this.ids(node.inputs)})`;
    if (node.attributes.length === 0) return [head + inputs];
    if (!hasGraphs) return [`${head} ${this.attributes(node.attributes).join('')}${inputs}`];
    // As onnx.printer does: a node with subgraphs puts its inputs first and its attributes after.
    return this.attributes(node.attributes, `${head}${inputs} `);
  }

  /** Ids separated by ", ". An empty name (an omitted optional input) prints as nothing, as `(X, , B)`, except
   *  first, where only the quoted form `""` is unambiguous. */
  private ids(names: string[]): string {
    let first = true;
    return this.list(names, (n) => {
      const shown = n === '' ? (first ? '""' : '') : this.name(n);
      first = false;
      return shown;
    }, ', ', '', '');
  }

  /** `<a = 1, g = graph {…}>` as pieces: strings, with the subgraphs between them. */
  private attributes(attrs: Attribute[], prefix = ''): Array<string | Graph> {
    const pieces: Array<string | Graph> = [];
    let text = `${prefix}<`;
    attrs.forEach((attr, i) => {
      if (i > 0) text += ', ';
      for (const part of this.attribute(attr)) {
        if (typeof part === 'string') text += part;
        else {
          pieces.push(text, part);
          text = '';
        }
      }
    });
    pieces.push(`${text}>`);
    return pieces;
  }

  /** One attribute; the type is written only where the value alone does not tell it. */
  private attribute(attr: Attribute): Array<string | Graph> {
    const name = isIdentifier(attr.name) ? attr.name : this.str(attr.name);
    const typeName = ATTRIBUTE_TYPE_NAMES.get(attr.type) ?? 'undefined';
    if (attr.refAttrName !== undefined) return [`${name}: ${typeName} = @${this.name(attr.refAttrName)}`];
    const typed = (value: string): string => `${name}: ${typeName} = ${value}`;
    const plain = (value: string): string => `${name} = ${value}`;
    const graphs = attr.g ? [attr.g, ...attr.graphs] : attr.graphs;
    const wellFormed = (attr.type === AttributeType.GRAPH && attr.graphs.length === 0) || (attr.type === AttributeType.GRAPHS && !attr.g);
    if (graphs.length > 0 && !wellFormed) {
      // A declared type that contradicts the payload (a corrupt or hostile file): the graphs are still printed,
      // since the traversal visits them and every node they hold needs its line.
      const parts: Array<string | Graph> = [`${name}: ${typeName} = [`];
      graphs.forEach((g, i) => parts.push(...(i > 0 ? [', '] : []), g));
      parts.push(']');
      return parts;
    }
    switch (attr.type) {
      case AttributeType.FLOAT:
        return [plain(floatLiteral(attr.f ?? 0))];
      case AttributeType.INT:
        return [plain(formatInteger(attr.i))];
      case AttributeType.STRING:
        return [plain(this.str(attr.s ?? ''))];
      case AttributeType.TENSOR:
        return [plain(attr.t ? this.tensorConstant(attr.t) : '...')];
      case AttributeType.GRAPH:
        return attr.g ? [`${name} = `, attr.g] : [typed('...')];
      case AttributeType.FLOATS:
        return [attr.floats.length === 0 ? typed('[]') : plain(this.list(attr.floats, floatLiteral))];
      case AttributeType.INTS:
        return [attr.ints.length === 0 ? typed('[]') : plain(this.list(attr.ints, formatInteger))];
      case AttributeType.STRINGS:
        return [attr.strings.length === 0 ? typed('[]') : plain(this.list(attr.strings, (s) => this.str(s)))];
      case AttributeType.TENSORS:
        return [attr.tensors.length === 0 ? typed('[]') : plain(this.list(attr.tensors, (t) => this.tensorConstant(t)))];
      case AttributeType.GRAPHS: {
        if (attr.graphs.length === 0) return [typed('[]')];
        const parts: Array<string | Graph> = [`${name} = [`];
        attr.graphs.forEach((g, i) => parts.push(...(i > 0 ? [', '] : []), g));
        parts.push(']');
        return parts;
      }
      case AttributeType.SPARSE_TENSOR:
        return [typed(attr.sparseTensor ? this.sparseValue(attr.sparseTensor) : '...')];
      case AttributeType.SPARSE_TENSORS:
        return [typed(this.list(attr.sparseTensors, (s) => this.sparseValue(s)))];
      case AttributeType.TYPE_PROTO:
        return [typed(attr.tp ? this.type(attr.tp) : '...')];
      case AttributeType.TYPE_PROTOS:
        return [typed(this.list(attr.typeProtos, (t) => this.type(t)))];
      default:
        return [typed('...')];
    }
  }

  private valueInfos(infos: ValueInfo[]): string {
    return this.list(infos, (vi) => this.valueInfo(vi), ', ', '(', ')');
  }

  private valueInfo(vi: ValueInfo): string {
    const type = vi.type ? this.type(vi.type) : '';
    return type === '' ? this.name(vi.name) : `${type} ${this.name(vi.name)}`;
  }

  private type(type: TypeInfo): string {
    switch (type.kind) {
      case 'tensor':
        return this.tensorType(type.elemType, type.shape);
      case 'sparse_tensor':
        return `sparse_tensor(${this.tensorType(type.elemType, type.shape)})`;
      case 'sequence':
        return `seq(${type.elemType ? this.type(type.elemType) : ''})`;
      case 'optional':
        return `optional(${type.elemType ? this.type(type.elemType) : ''})`;
      case 'map':
        return `map(${this.elemType(type.keyType)}, ${type.valueType ? this.type(type.valueType) : ''})`;
      case 'opaque': {
        const parts = [type.domain, type.name].filter((p) => p !== '').map((p) => (isQualifiedId(p) ? p : this.str(p)));
        return `opaque(${parts.join(', ')})`;
      }
      default:
        return '';
    }
  }

  private elemType(elemType: number): string {
    return DATA_TYPE_NAMES.get(elemType) ?? 'undefined';
  }

  /** `float[N, 128]`; a scalar is `float`, an unknown shape `float[]` (as onnx.printer writes them). */
  private tensorType(elemType: number, shape: Dimension[] | undefined): string {
    const base = this.elemType(elemType);
    if (shape === undefined) return `${base}[]`;
    if (shape.length === 0) return base;
    return `${base}${this.list(shape, (d) => this.dimension(d))}`;
  }

  private dimension(dim: Dimension): string {
    if (dim.value !== undefined) return formatInteger(dim.value);
    if (dim.param !== undefined) return this.name(dim.param);
    return '?';
  }

  private tensorShape(t: Tensor): string {
    const base = this.elemType(t.dataType);
    return t.dims.length === 0 ? base : `${base}${this.list(t.dims, formatInteger)}`;
  }

  /** `float[128, 10] W = ...`: the type and shape, the values only when small and cheap to read,
   *  the external-data entries when the bytes live in another file. */
  private initializer(t: Tensor): string {
    return `${this.tensorShape(t)} ${this.name(t.name)} = ${this.tensorData(t)}`;
  }

  /** A tensor-valued attribute: `float[2] {1, 2}`. */
  private tensorConstant(t: Tensor): string {
    const name = t.name === '' ? '' : ` ${this.name(t.name)}`;
    const data = this.tensorData(t);
    return `${this.tensorShape(t)}${name} ${data}`;
  }

  private tensorData(t: Tensor): string {
    if (t.payload.kind === 'external') return this.stringPairs(t.externalData);
    const values = this.smallTensorValues(t);
    if (values === undefined) return '...';
    return this.list(values, (v) => this.element(t.dataType, v), ', ', '{', '}');
  }

  private smallTensorValues(t: Tensor): TensorValues | undefined {
    if (elementCountAtMost(t.dims, this.maxConstant) === undefined) return undefined;
    if (t.payload.kind === 'empty') return [];
    if (t.payload.kind === 'values') return t.payload.values;
    const read = this.options.readTensorValues ?? ((tensor: Tensor) => readSmallTensor(this.model, tensor, this.maxConstant));
    if (read === false) return undefined;
    try {
      return read(t);
    } catch {
      // A value that cannot be read is shown as `...`; the reader reports the fault elsewhere.
      return undefined;
    }
  }

  private element(dataType: number, value: number | bigint | string): string {
    if (typeof value === 'string') return this.str(value);
    if (typeof value === 'bigint') return value.toString();
    if (dataType === DataType.FLOAT) return formatFloat32(value);
    if (dataType === DataType.DOUBLE || dataType === DataType.FLOAT16 || dataType === DataType.BFLOAT16) return formatDouble(value);
    return Number.isInteger(value) ? String(value) : formatDouble(value);
  }

  private sparseInitializer(s: SparseTensor): string {
    return `${this.sparseValue(s)}  # sparse`;
  }

  private sparseValue(s: SparseTensor): string {
    const values = s.values;
    const name = values && values.name !== '' ? ` ${this.name(values.name)}` : '';
    const base = values ? this.elemType(values.dataType) : 'undefined';
    const dims = s.dims.length === 0 ? '' : this.list(s.dims, formatInteger);
    return `sparse_tensor(${base}${dims})${name} = ...`;
  }

  private printFunction(fn: OnnxFunction): void {
    this.write('<');
    this.newline();
    const entries = [`domain: ${this.str(fn.domain)}`];
    if (fn.overload !== '') entries.push(`overload: ${this.str(fn.overload)}`);
    entries.push(`opset_import: ${this.opsets(fn.opsetImport)}`);
    if (fn.docString !== '') entries.push(`doc_string: ${this.str(fn.docString)}`);
    entries.forEach((entry, i) => {
      this.write(`${INDENT}${entry}${i < entries.length - 1 ? ',' : ''}`);
      this.newline();
    });
    this.write('>');
    this.newline();
    this.write(this.name(fn.name));
    const attrs = [
      ...fn.attribute.map((a) => this.name(a)),
      ...fn.attributeProto.map((a) => this.attribute(a).filter((p): p is string => typeof p === 'string').join('')),
    ];
    if (attrs.length > 0) this.write(` <${attrs.join(', ')}>`);
    this.write(` (${this.ids(fn.inputs)}) => (${this.ids(fn.outputs)})`);
    if (fn.valueInfo.length > 0) this.write(` <${fn.valueInfo.map((vi) => this.valueInfo(vi)).join(', ')}>`);
    // The body is a graph without a signature: print its nodes with the same machinery.
    const body: Graph = { name: '', nodes: fn.nodes, initializers: [], sparseInitializers: [], inputs: [], outputs: [], valueInfo: [], quantizationAnnotation: [], docString: '', metadataProps: [] };
    this.newline();
    this.printGraphBlock(body, 0, false);
  }
}

/** Values of a small tensor from the model's source; int64/uint64 exactly (a Slice end of INT64_MAX must not
 *  print as 9223372036854775808). */
function readSmallTensor(model: Model, tensor: Tensor, maxElements: number): TensorValues | undefined {
  if (tensor.dataType === DataType.INT64 || tensor.dataType === DataType.UINT64) {
    const count = elementCountAtMost(tensor.dims, maxElements);
    if (count === undefined) return undefined;
    const bytes = readTensorBytes(model, tensor);
    if (bytes.length < count * 8) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const values: bigint[] = [];
    for (let i = 0; i < count; i++) values.push(tensor.dataType === DataType.INT64 ? view.getBigInt64(i * 8, true) : view.getBigUint64(i * 8, true));
    return values;
  }
  return readTensorNumbers(model, tensor, maxElements);
}

/** The element count when it is at most `limit`, else undefined (hostile dims cannot overflow this). */
function elementCountAtMost(dims: number[], limit: number): number | undefined {
  let count = 1;
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 0) return undefined;
    count *= d;
    if (count > limit) return undefined;
  }
  return count;
}
