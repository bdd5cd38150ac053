// Does a node fit the schema in force? Attributes (unknown name, missing required, wrong type), input and output
// arity (count, required inputs left empty), and element types the schema's constraints allow. When the schema in
// force differs from the one the model was written against (a retarget), an attribute that became an input, or an
// input that became an attribute, is named as such: that is the change the user has to make.
import { AttributeType, type Attribute, type Node } from '../onnx/model';
import { UNBOUNDED_ARITY, type AttributeKind, type AttributeSchema, type FormalParam, type OpSchema } from '../catalog';
import type { NodeValues } from '../onnx/node-values';
import { formalAt } from './value-types';
import { compactType, isConcreteType, schemaIndex, type SchemaIndex } from './schema-index';

export interface SchemaIssue {
  code: 'invalid-attribute' | 'arity' | 'invalid-type';
  /** The attribute, input or output concerned. */
  subject?: string;
  message: string;
}

export interface SchemaCheckContext {
  /** Type strings of the node's inputs and outputs where known: one entry per input and output, in order. */
  inputTypes: Array<string | undefined>;
  outputTypes: Array<string | undefined>;
  /** The node's value ids (its list's table, node-values.ts) and its place in the list: which inputs are empty. */
  values: NodeValues;
  index: number;
  /** The schema the node resolves to under the model's own imports, when it differs from `schema` (retarget). */
  original?: OpSchema;
  /** The opset `schema` was resolved at, for messages. */
  opset: number;
}

const KIND_OF: Record<number, AttributeKind> = {
  [AttributeType.FLOAT]: 'float', [AttributeType.INT]: 'int', [AttributeType.STRING]: 'string',
  [AttributeType.TENSOR]: 'tensor', [AttributeType.GRAPH]: 'graph', [AttributeType.SPARSE_TENSOR]: 'sparse_tensor',
  [AttributeType.TYPE_PROTO]: 'type_proto', [AttributeType.FLOATS]: 'floats', [AttributeType.INTS]: 'ints',
  [AttributeType.STRINGS]: 'strings', [AttributeType.TENSORS]: 'tensors', [AttributeType.GRAPHS]: 'graphs',
  [AttributeType.SPARSE_TENSORS]: 'sparse_tensors', [AttributeType.TYPE_PROTOS]: 'type_protos',
};

/** "ReduceMean-18", "com.microsoft::Gelu-1": the name-version spelling of ONNX's own docs. */
export function schemaLabel(schema: OpSchema): string {
  return `${schema.domain === '' ? '' : `${schema.domain}::`}${schema.name}-${schema.sinceVersion}`;
}

/** Runs once per node of a big graph: one issues array, no closures or per-check arrays on the path that finds nothing. */
export function checkNodeAgainstSchema(node: Node, schema: OpSchema, ctx: SchemaCheckContext): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const index = schemaIndex(schema);
  checkAttributes(node, schema, ctx, index, issues);
  checkInputs(node, schema, ctx, issues);
  checkOutputs(schema, ctx, issues);
  checkTypes(schema, ctx, index, issues);
  return issues;
}

function hasAttribute(node: Node, name: string): boolean {
  const attributes = node.attributes;
  for (let i = 0; i < attributes.length; i++) if (attributes[i]!.name === name) return true;
  return false;
}

// The checks below run for every node: indexed loops and no closures, which V8 would allocate (with a context
// holding the parameters they capture) at every call, issue or not. Labels are built only for a message.
function checkAttributes(node: Node, schema: OpSchema, ctx: SchemaCheckContext, index: SchemaIndex, issues: SchemaIssue[]): void {
  const declared = index.attributes;
  const attributes = node.attributes;
  for (let a = 0; a < attributes.length; a++) {
    const attr = attributes[a]!;
    const spec = declared.get(attr.name);
    if (!spec) {
      issues.push({ code: 'invalid-attribute', subject: attr.name, message: unknownAttributeMessage(attr, schema, ctx) });
      continue;
    }
    const kind = attributeKind(attr);
    if (spec.type !== 'unknown' && kind !== undefined && kind !== spec.type) {
      issues.push({ code: 'invalid-attribute', subject: attr.name, message: `Attribute '${attr.name}' is ${article(kind)} ${kind}; ${schemaLabel(schema)} expects ${article(spec.type)} ${spec.type}.` });
    }
  }
  const required = index.requiredAttributes;
  for (let r = 0; r < required.length; r++) {
    if (!hasAttribute(node, required[r]!.name)) missingAttribute(node, schema, ctx, required[r]!, issues);
  }
}

function missingAttribute(node: Node, schema: OpSchema, ctx: SchemaCheckContext, spec: AttributeSchema, issues: SchemaIssue[]): void {
  // Given as an input that must become this attribute: checkInputs names that move; saying "missing" too is noise.
  const asInput = ctx.original ? ctx.original.inputs.findIndex((p) => p.name === spec.name) : -1;
  if (asInput >= 0 && (node.inputs[asInput] ?? '') !== '') return;
  const was = ctx.original && !ctx.original.attributes.some((a) => a.name === spec.name) ? ` (${schemaLabel(ctx.original)} had no such attribute)` : '';
  issues.push({ code: 'invalid-attribute', subject: spec.name, message: `Required attribute '${spec.name}' (${spec.type}) of ${schemaLabel(schema)} is missing${was}.` });
}

function unknownAttributeMessage(attr: Attribute, schema: OpSchema, ctx: SchemaCheckContext): string {
  const label = schemaLabel(schema);
  const asInput = schema.inputs.findIndex((p) => p.name === attr.name);
  if (asInput >= 0) {
    const input = schema.inputs[asInput]!;
    const value = attributeValueText(attr);
    return `${label} (in force at opset ${ctx.opset}) takes '${attr.name}' as input ${asInput} (${input.typeStr}${input.option === 'optional' ? ', optional' : ''}), not as an attribute: ` +
      `move the attribute${value ? ` value ${value}` : ''} to a constant input.`;
  }
  const known = schema.attributes.map((a) => a.name);
  return `${label} has no attribute '${attr.name}'${known.length > 0 ? ` (it has: ${known.join(', ')})` : ' (it takes no attributes)'}.`;
}

function checkInputs(node: Node, schema: OpSchema, ctx: SchemaCheckContext, issues: SchemaIssue[]): void {
  const count = ctx.inputTypes.length;
  if (count > schema.maxInputs) tooManyInputs(schema, ctx, count, issues);
  else if (count < schema.minInputs) tooFewInputs(node, schema, count, issues);
  const firstInput = ctx.values.inStart[ctx.index]!;
  for (let i = 0; i < count; i++) {
    if (ctx.values.inIds[firstInput + i]! >= 0) continue;
    const formal = formalAt(schema.inputs, i);
    if (formal && formal.option === 'single') {
      issues.push({ code: 'arity', subject: formal.name, message: `Input ${i} '${formal.name}' of ${schemaLabel(schema)} is required, but the node leaves it empty.` });
    }
  }
}

function tooManyInputs(schema: OpSchema, ctx: SchemaCheckContext, count: number, issues: SchemaIssue[]): void {
  // Extra inputs that the target schema expects as attributes: name the move, one issue per input.
  const extra = Array.from({ length: count - schema.maxInputs }, (_n, k) => schema.maxInputs + k);
  const moved = extra.filter((i) => movedToAttribute(i, schema, ctx.original) !== undefined);
  for (const i of moved) {
    const name = movedToAttribute(i, schema, ctx.original)!;
    issues.push({ code: 'invalid-attribute', subject: name, message: `Input ${i} '${name}' of ${schemaLabel(ctx.original!)} is the attribute '${name}' in ${schemaLabel(schema)} (in force at opset ${ctx.opset}): it must become an attribute.` });
  }
  if (moved.length < extra.length) {
    issues.push({ code: 'arity', subject: 'inputs', message: `${schemaLabel(schema)} takes ${range(schema.minInputs, schema.maxInputs)} input${schema.maxInputs === 1 ? '' : 's'}; the node has ${count}.` });
  }
}

function tooFewInputs(node: Node, schema: OpSchema, count: number, issues: SchemaIssue[]): void {
  const missingParams = schema.inputs.slice(count).filter((p) => p.option === 'single');
  const missing = missingParams.map((p) => `'${p.name}'`);
  // Missing only because the node still has them as attributes: checkAttributes names that move.
  const moved = missingParams.every((p) => node.attributes.some((a) => a.name === p.name));
  if (!moved || missingParams.length === 0) issues.push({ code: 'arity', subject: 'inputs', message: `${schemaLabel(schema)} takes ${range(schema.minInputs, schema.maxInputs)} inputs; the node has ${count}${missing.length > 0 ? ` (missing ${missing.join(', ')})` : ''}.` });
}

/** When input `index` of the original schema is named X and the target schema has an attribute X, returns X. */
function movedToAttribute(index: number, schema: OpSchema, original: OpSchema | undefined): string | undefined {
  const formal = original?.inputs[index];
  return formal && schema.attributes.some((a) => a.name === formal.name) ? formal.name : undefined;
}

function checkOutputs(schema: OpSchema, ctx: SchemaCheckContext, issues: SchemaIssue[]): void {
  const count = ctx.outputTypes.length;
  if (count >= schema.minOutputs && count <= schema.maxOutputs) return;
  issues.push({ code: 'arity', subject: 'outputs', message: `${schemaLabel(schema)} has ${range(schema.minOutputs, schema.maxOutputs)} output${schema.maxOutputs === 1 ? '' : 's'}; the node has ${count}.` });
}

function checkTypes(schema: OpSchema, ctx: SchemaCheckContext, index: SchemaIndex, issues: SchemaIssue[]): void {
  for (let i = 0; i < ctx.inputTypes.length; i++) checkType(schema, ctx, index, issues, 'Input', i, formalAt(schema.inputs, i), ctx.inputTypes[i]);
  for (let i = 0; i < ctx.outputTypes.length; i++) checkType(schema, ctx, index, issues, 'Output', i, formalAt(schema.outputs, i), ctx.outputTypes[i]);
}

function checkType(
  schema: OpSchema, ctx: SchemaCheckContext, index: SchemaIndex, issues: SchemaIssue[],
  kind: 'Input' | 'Output', position: number, formal: FormalParam | undefined, type: string | undefined,
): void {
  if (!formal || !type) return;
  const compact = compactType(type);
  const ofConstraint = index.allowed.get(formal.typeStr);
  if (ofConstraint ? ofConstraint.has(compact) : !isConcreteType(formal.typeStr) || compactType(formal.typeStr) === compact) return;
  const by = ofConstraint ? `${formal.typeStr} allows ${listTypes(index.constraints.get(formal.typeStr)!.allowedTypes)}` : `it must be ${formal.typeStr}`;
  issues.push({ code: 'invalid-type', subject: formal.name, message: `${kind} ${position} '${formal.name}' is ${type}, which ${schemaLabel(schema)} (in force at opset ${ctx.opset}) does not allow: ${by}.` });
}

/** The attribute's kind from its declared type, or from the field that is set when the type is missing. */
export function attributeKind(attr: Attribute): AttributeKind | undefined {
  if (attr.type !== AttributeType.UNDEFINED) return KIND_OF[attr.type];
  if (attr.f !== undefined) return 'float';
  if (attr.i !== undefined) return 'int';
  if (attr.s !== undefined) return 'string';
  if (attr.t) return 'tensor';
  if (attr.g) return 'graph';
  if (attr.floats.length > 0) return 'floats';
  if (attr.ints.length > 0) return 'ints';
  if (attr.strings.length > 0) return 'strings';
  return undefined;
}

function attributeValueText(attr: Attribute): string | undefined {
  if (attr.ints.length > 0) return `[${attr.ints.join(', ')}]`;
  if (attr.floats.length > 0) return `[${attr.floats.join(', ')}]`;
  if (attr.i !== undefined) return String(attr.i);
  if (attr.f !== undefined) return String(attr.f);
  return undefined;
}

function range(min: number, max: number): string {
  if (max === UNBOUNDED_ARITY) return `at least ${min}`;
  return min === max ? `${min}` : `${min} to ${max}`;
}

function listTypes(types: string[]): string {
  const shown = types.slice(0, 8).join(', ');
  return types.length > 8 ? `${shown}, … (${types.length} types)` : shown;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
