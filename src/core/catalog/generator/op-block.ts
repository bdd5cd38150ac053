// Parses one operator section of ONNX's generated docs (Changelog.md, Changelog-ml.md, ContribOperators.md):
// the description, then `#### Version`, `#### Attributes`, `#### Inputs (a - b)`, `#### Outputs (a - b)` and
// `#### Type Constraints`, each an HTML definition list. The section and header layout is the caller's business.
import type { AttributeDefault, AttributeKind, AttributeSchema, FormalParam, OpSchema, TypeConstraint } from '../types';
import { UNBOUNDED_ARITY } from '../types';
import { CatalogSourceError } from './errors';
import { decodeEntities, firstParagraph, firstSentence, parseDefinitionList, splitTopLevel } from './markdown';

/**
 * What an op section says about one version of an op: the fields of `OpSchema` that the section itself holds
 * (domain, name and support level come from the header; isFunction from elsewhere).
 */
export interface OpBlock extends Pick<OpSchema,
  'sinceVersion' | 'deprecated' | 'doc' | 'inputs' | 'outputs' | 'minInputs' | 'maxInputs' | 'minOutputs' | 'maxOutputs' |
  'attributes' | 'typeConstraints'> {
  /** "No versioning maintained for experimental ops." (ORT contrib experimental ops). */
  unversioned: boolean;
}

export interface BlockLocation {
  file: string;
  /** 1-based line number of `lines[0]`. */
  firstLine: number;
}

const DOC_SUMMARY_LENGTH = 600;
const PARAM_SUMMARY_LENGTH = 240;

export function parseOpBlock(lines: string[], where: BlockLocation): OpBlock {
  const fail = (index: number, expected: string): never => {
    throw new CatalogSourceError(where.file, where.firstLine + index, expected, lines[index] ?? '<end of section>');
  };
  const sections = splitSections(lines);
  const block: OpBlock = {
    sinceVersion: 0, deprecated: false, unversioned: false,
    doc: firstParagraph(decodeEntities(dedent(sections.preamble.lines)), DOC_SUMMARY_LENGTH),
    inputs: [], outputs: [], minInputs: 0, maxInputs: 0, minOutputs: 0, maxOutputs: 0,
    attributes: [], typeConstraints: [],
  };
  let sawVersion = false;
  let inputRange: [number, number] | undefined;
  let outputRange: [number, number] | undefined;
  for (const section of sections.headed) {
    const { title, start } = section;
    const body = section.lines;
    const at = (i: number) => start + 1 + i;
    if (title === 'Version') {
      sawVersion = true;
      const text = body.join(' ');
      const since = /has been (available|deprecated) since version (\d+) of /.exec(text);
      if (since) {
        block.sinceVersion = Number(since[2]);
        block.deprecated = since[1] === 'deprecated';
      } else if (/No versioning maintained for experimental ops/.test(text)) {
        block.unversioned = true;
        block.sinceVersion = 1;
      } else fail(start, '"…since version N of …" under #### Version');
    } else if (title === 'Attributes') {
      const dl = parseDefinitionList(body);
      if (dl.badLine !== undefined) fail(at(dl.badLine), 'an attribute <dt>/<dd>');
      block.attributes = dl.items.map((item) => parseAttribute(item.term, item.definition) ?? fail(at(item.lineIndex), 'attribute "<tt>name</tt> : type [(required)|(default is v)]"'));
    } else if (/^(Inputs|Outputs)( \(.*\))?$/.test(title)) {
      const isInputs = title.startsWith('Inputs');
      let range: [number, number] | undefined;
      const m = /\((\d+) - (\d+|∞)\)$/.exec(title);
      if (m) range = [Number(m[1]), m[2] === '∞' ? UNBOUNDED_ARITY : Number(m[2])];
      else if (title.includes('(')) fail(start, 'an arity "(min - max)"');
      const dl = parseDefinitionList(body);
      if (dl.badLine !== undefined) fail(at(dl.badLine), 'an input/output <dt>/<dd>');
      const params = dl.items.map((item) => parseFormalParam(item.term, item.definition) ?? fail(at(item.lineIndex), 'param "<tt>name</tt> [(flags)] : type"'));
      if (isInputs) {
        block.inputs = params;
        inputRange = range;
      } else {
        block.outputs = params;
        outputRange = range;
      }
    } else if (title === 'Type Constraints') {
      const dl = parseDefinitionList(body);
      if (dl.badLine !== undefined) fail(at(dl.badLine), 'a type constraint <dt>/<dd>');
      block.typeConstraints = dl.items.map((item) => parseTypeConstraint(item.term, item.definition) ?? fail(at(item.lineIndex), 'type constraint "<tt>T</tt> : tensor(…), …"'));
    } else {
      fail(start, 'one of #### Version / Attributes / Inputs / Outputs / Type Constraints');
    }
  }
  if (!sawVersion) fail(0, 'a #### Version section in this operator');
  [block.minInputs, block.maxInputs] = inputRange ?? [block.inputs.length, block.inputs.length];
  [block.minOutputs, block.maxOutputs] = outputRange ?? [block.outputs.length, block.outputs.length];
  setMinArity(block.inputs, block.minInputs);
  setMinArity(block.outputs, block.minOutputs);
  return block;
}

interface Section { title: string; start: number; lines: string[] }

function splitSections(lines: string[]): { preamble: Section; headed: Section[] } {
  const preamble: Section = { title: '', start: 0, lines: [] };
  const headed: Section[] = [];
  let current = preamble;
  lines.forEach((line, index) => {
    const heading = /^#### (.+)$/.exec(line);
    if (heading) {
      current = { title: decodeEntities(heading[1].trim()), start: index, lines: [] };
      headed.push(current);
    } else current.lines.push(line);
  });
  return { preamble, headed };
}

/** The docs indent descriptions by two spaces (from the C++ string literals); remove the common indent. */
function dedent(lines: string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** ONNX counts every leading formal param (optional ones included) toward min; the rest is the variadic's minimum. */
function setMinArity(params: FormalParam[], min: number): void {
  const last = params[params.length - 1];
  if (last?.option === 'variadic') last.minArity = Math.max(0, min - (params.length - 1));
}

const ATTRIBUTE_KINDS: Record<string, AttributeKind> = {
  'float': 'float', 'int': 'int', 'string': 'string', 'tensor': 'tensor', 'graph': 'graph',
  'sparse_tensor': 'sparse_tensor', 'type_proto': 'type_proto',
  'list of floats': 'floats', 'list of ints': 'ints', 'list of strings': 'strings', 'list of tensors': 'tensors',
  'list of graphs': 'graphs', 'list of sparse_tensors': 'sparse_tensors', 'list of type_protos': 'type_protos',
};

export function parseAttribute(term: string, definition: string): AttributeSchema | null {
  const m = /^<tt>([^<]+)<\/tt> : (.+?)(?: \((required|default is (.*))\))?$/.exec(term);
  if (!m) return null;
  const type = ATTRIBUTE_KINDS[m[2]];
  if (!type) return null;
  const attribute: AttributeSchema = { name: m[1], type, required: m[3] === 'required', description: summarizeParam(definition) };
  if (m[4] !== undefined) attribute.default = parseDefault(type, m[4]);
  return attribute;
}

/** Defaults as gen_doc.py prints them: `0`, `1e-05`, `(3.402823e+38)`, `NOTSET`, `['Tanh', 'Tanh']`, `['0', '2', '3']`. */
function parseDefault(type: AttributeKind, raw: string): AttributeDefault {
  const text = raw.trim();
  const number = (s: string): number | null => {
    const n = Number(s.replace(/^\((.*)\)$/, '$1'));
    return s.trim() !== '' && Number.isFinite(n) ? n : null;
  };
  if (type === 'int' || type === 'float') return number(text) ?? text;
  if (type === 'ints' || type === 'floats' || type === 'strings') {
    const list = /^\[(.*)\]$/.exec(text);
    if (!list) return text;
    const items = splitTopLevel(list[1]).map((s) => s.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1'));
    if (type === 'strings') return items;
    const numbers = items.map(number);
    return numbers.every((n): n is number => n !== null) ? numbers : items;
  }
  return text;
}

export function parseFormalParam(term: string, definition: string): FormalParam | null {
  const m = /^<tt>([^<]*)<\/tt>(?: \(([a-z, -]+)\))? : (.+)$/.exec(term);
  if (!m) return null;
  const flags = new Set((m[2] ?? '').split(',').map((f) => f.trim()).filter(Boolean));
  for (const flag of flags) if (!['optional', 'variadic', 'heterogeneous', 'differentiable', 'non-differentiable'].includes(flag)) return null;
  const param: FormalParam = {
    name: m[1],
    typeStr: m[3].trim(),
    option: flags.has('variadic') ? 'variadic' : flags.has('optional') ? 'optional' : 'single',
    description: summarizeParam(definition),
  };
  if (param.option === 'variadic') param.heterogeneous = flags.has('heterogeneous');
  if (flags.has('differentiable')) param.differentiability = 'differentiable';
  if (flags.has('non-differentiable')) param.differentiability = 'non-differentiable';
  return param;
}

export function parseTypeConstraint(term: string, definition: string): TypeConstraint | null {
  const m = /^<tt>([^<]+)<\/tt> : (.+)$/.exec(term);
  if (!m) return null;
  return { name: m[1], allowedTypes: splitTopLevel(m[2]), description: summarizeParam(definition) };
}

/** Parameter, attribute and constraint descriptions keep their first sentence (the catalog's size budget). */
function summarizeParam(definition: string): string {
  return firstSentence(definition, PARAM_SUMMARY_LENGTH);
}
