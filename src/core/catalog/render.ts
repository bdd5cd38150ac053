// Markdown for hovers and reports: signature, doc summary, inputs/outputs, attributes with the node's actual values
// beside the defaults, type constraints, the since-version and a line when a newer version exists.
// Everything taken from a model (node names, attribute values, unknown attribute names) is escaped.
import { clip } from '../clip';
import type { Attribute, Node, Tensor } from '../onnx/model';
import { AttributeType } from '../onnx/model';
import { domainLabel, opHistory } from './resolve';
import type { AttributeDefault, FormalParam, OpSchema } from './types';

export interface RenderOptions {
  /** Since-versions newer than `schema` (default: looked up in the catalog). */
  newerVersions?: number[];
  /** The model's imported opset for the op's domain, shown beside the since-version. */
  opsetVersion?: number;
  /** Include per-parameter descriptions (default true; hovers may want them off). */
  descriptions?: boolean;
  /** Cap on the allowed types listed per constraint (default 12; the rest are counted). */
  maxTypes?: number;
}

const MAX_VALUE_ITEMS = 16;
const MAX_VALUE_CHARS = 120;

export function renderSchemaMarkdown(schema: OpSchema, node?: Node, options: RenderOptions = {}): string {
  const descriptions = options.descriptions ?? true;
  const maxTypes = options.maxTypes ?? 12;
  const newer = options.newerVersions ?? opHistory(schema.domain, schema.name).map((s) => s.sinceVersion).filter((v) => v > schema.sinceVersion);
  const out: string[] = [];
  const flags = [schema.deprecated ? 'deprecated' : '', schema.supportLevel === 'experimental' ? 'experimental' : '', schema.isFunction ? 'function' : ''].filter(Boolean);
  const opset = options.opsetVersion !== undefined ? ` (resolved at opset ${options.opsetVersion})` : '';
  out.push(`**${schema.name}**-${schema.sinceVersion} · ${domainLabel(schema.domain)} · since opset ${schema.sinceVersion}${opset}${flags.length ? ` · ${flags.join(', ')}` : ''}`);
  if (node?.name) out.push('', `Node: ${escapeMarkdown(node.name, MAX_VALUE_CHARS)}`);
  out.push('', `\`${signature(schema)}\``);
  if (schema.doc) out.push('', schema.doc);
  if (newer.length > 0) {
    out.push('', `A newer version exists: ${schema.name}-${newer[newer.length - 1]} (opset ${newer[newer.length - 1]}${newer.length > 1 ? `; also ${newer.slice(0, -1).join(', ')}` : ''}).`);
  }
  const arity = (min: number, max: number) => (min === max ? `${min}` : `${min} to ${max >= 2147483647 ? '∞' : max}`);
  if (schema.inputs.length) {
    out.push('', `**Inputs** (${arity(schema.minInputs, schema.maxInputs)})`, ...schema.inputs.map((p) => paramLine(p, descriptions)));
  }
  if (schema.outputs.length) {
    out.push('', `**Outputs** (${arity(schema.minOutputs, schema.maxOutputs)})`, ...schema.outputs.map((p) => paramLine(p, descriptions)));
  }
  if (schema.attributes.length || (node && node.attributes.length)) {
    out.push('', '**Attributes**');
    for (const attribute of schema.attributes) {
      const given = node?.attributes.find((a) => a.name === attribute.name);
      const parts = [`- \`${attribute.name}\` : ${attribute.type}`];
      if (attribute.required) parts.push('required');
      if (attribute.default !== undefined) parts.push(`default ${formatDefault(attribute.default)}`);
      if (node) parts.push(given ? `**this node: ${formatAttributeValue(given)}**` : attribute.required ? '**missing on this node**' : 'not set on this node');
      let line = parts.join(', ');
      if (descriptions && attribute.description) line += ` — ${attribute.description}`;
      out.push(line);
    }
    for (const extra of node?.attributes.filter((a) => !schema.attributes.some((s) => s.name === a.name)) ?? []) {
      out.push(`- ${escapeMarkdown(extra.name, MAX_VALUE_CHARS)}: **not an attribute of ${schema.name}-${schema.sinceVersion}** (this node: ${formatAttributeValue(extra)})`);
    }
  }
  if (schema.typeConstraints.length) {
    out.push('', '**Type constraints**');
    for (const c of schema.typeConstraints) {
      const shown = c.allowedTypes.slice(0, maxTypes).join(', ');
      const more = c.allowedTypes.length > maxTypes ? `, … (${c.allowedTypes.length - maxTypes} more)` : '';
      out.push(`- \`${c.name}\`: ${shown}${more}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** `Add(A: T, B: T) → (C: T)`; optional params get `?`, variadic ones `...`. */
export function signature(schema: OpSchema): string {
  const param = (p: FormalParam) => `${p.option === 'variadic' ? '...' : ''}${p.name}${p.option === 'optional' ? '?' : ''}: ${p.typeStr}`;
  return `${schema.name}(${schema.inputs.map(param).join(', ')}) → (${schema.outputs.map(param).join(', ')})`;
}

function paramLine(p: FormalParam, descriptions: boolean): string {
  const flags = [p.option !== 'single' ? p.option : '', p.heterogeneous ? 'heterogeneous' : '', p.minArity !== undefined && p.minArity !== 1 ? `min ${p.minArity}` : ''].filter(Boolean);
  return `- \`${p.name}\` : ${p.typeStr}${flags.length ? ` (${flags.join(', ')})` : ''}${descriptions && p.description ? ` — ${p.description}` : ''}`;
}

function formatDefault(value: AttributeDefault): string {
  return `\`${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}\``;
}

/** A node's attribute value as escaped Markdown text (never trusted: it comes from the model). */
export function formatAttributeValue(attribute: Attribute): string {
  const list = (items: (number | string)[]) => {
    const shown = items.slice(0, MAX_VALUE_ITEMS).map((v) => (typeof v === 'string' ? quote(v) : String(v)));
    return `[${shown.join(', ')}${items.length > MAX_VALUE_ITEMS ? `, … (${items.length} items)` : ''}]`;
  };
  let text: string;
  switch (attribute.type) {
    case AttributeType.FLOAT: text = String(attribute.f ?? 0); break;
    case AttributeType.INT: text = String(attribute.i ?? 0); break;
    case AttributeType.STRING: text = quote(attribute.s ?? ''); break;
    case AttributeType.TENSOR: text = attribute.t ? describeTensor(attribute.t) : 'tensor'; break;
    case AttributeType.GRAPH: text = attribute.g ? `graph ${quote(attribute.g.name)} (${attribute.g.nodes.length} nodes)` : 'graph'; break;
    case AttributeType.FLOATS: text = list(attribute.floats); break;
    case AttributeType.INTS: text = list(attribute.ints); break;
    case AttributeType.STRINGS: text = list(attribute.strings); break;
    case AttributeType.TENSORS: text = `${attribute.tensors.length} tensors`; break;
    case AttributeType.GRAPHS: text = `${attribute.graphs.length} graphs`; break;
    case AttributeType.SPARSE_TENSOR: text = 'sparse tensor'; break;
    case AttributeType.SPARSE_TENSORS: text = `${attribute.sparseTensors.length} sparse tensors`; break;
    case AttributeType.TYPE_PROTO: text = 'type'; break;
    case AttributeType.TYPE_PROTOS: text = `${attribute.typeProtos.length} types`; break;
    default: text = `attribute type ${attribute.type}`;
  }
  if (attribute.refAttrName) text = `ref → ${quote(attribute.refAttrName)}`;
  return escapeMarkdown(text, MAX_VALUE_CHARS);
}

function describeTensor(t: Tensor): string {
  return `tensor [${t.dims.join('×')}] of data type ${t.dataType}`;
}

function quote(s: string): string {
  return JSON.stringify(clip(s, MAX_VALUE_CHARS));
}

/** Longest text escapeMarkdown passes whole: model strings (names, doc strings, messages naming them) can be
 *  megabytes, and a hover or tooltip is rendered whole. */
const MAX_MARKDOWN_CHARS = 2000;

/** Escapes text for Markdown rendered by VS Code (which also renders some HTML): no links, code, tags or emphasis,
 *  and no `$(icon)` (our Markdown strings support theme icons: a node named `$(error)` must not draw one; the
 *  escape is VS Code's own, as MarkdownString.appendText makes it). Text longer than `max` characters is cut with
 *  an ellipsis (never inside a surrogate pair). */
export function escapeMarkdown(text: string, max = MAX_MARKDOWN_CHARS): string {
  return clip(text, max)
    .replace(/(\\)?\$\([a-z0-9-]+?(?:~[a-z0-9-]*?)?\)/gi, (icon, escaped: string | undefined) => (escaped ? icon : `\\${icon}`))
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}
