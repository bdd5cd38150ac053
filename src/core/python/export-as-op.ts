// "Export as one op": a torch.autograd.Function beside the module whose forward is the module's own math
// (self.* turned into arguments, single-return helpers inlined) and whose symbolic emits the one replacement op;
// the module's forward calls it while torch.onnx exports, so training and eager numbers are untouched.
import { writesAttribute, type ReplacementInfo } from '../patterns/rule-info';
import type { ClassInfo, MethodInfo } from './classes';
import { indentStep, insertAt, spellOrImport, type AnalysisContext } from './context';
import { customOpsetEdits } from './export-call';
import type { ModuleMatch } from './module-patterns';
import { readParameters } from './parameters';
import { isAtomic, isVariableUse, render, RenderTooDeepError, type RenderRules, type RenderScope } from './render';
import type { SelfAttribute } from './self-attributes';
import { field, namedChildren, nodesOfType, unparenthesize, type Node } from './syntax';
import type { ForwardTerms, Term } from './terms';
import type { PythonFix, TextEdit } from './types';
import { LINE_BREAK } from './source-text';

export interface ExportAsOpRequest {
  info: ClassInfo;
  forward: MethodInfo;
  terms: ForwardTerms;
  match: ModuleMatch;
  attributes: Map<string, SelfAttribute>;
  /** The replacement with the domain and op name the fix writes. */
  replacement: ReplacementInfo;
  title: string;
  preferred: boolean;
}

const ATTRIBUTE_TYPES = new Set(['attribute']);
const IDENTIFIER_TYPES = new Set(['identifier']);
const ASSIGNMENT_TYPES = new Set(['assignment', 'augmented_assignment']);

const ROLE_PARAMETER_NAMES: Record<string, string> = { X: 'x', scale: 'scale', B: 'bias', cos: 'cos', sin: 'sin' };

/** Null when the module cannot be rewritten cleanly (a submodule call, a branchy helper, a nested class…). */
export function exportAsOpFix(context: AnalysisContext, request: ExportAsOpRequest): PythonFix | null {
  try {
    return buildFix(context, request);
  } catch (error) {
    if (error instanceof RenderTooDeepError) return null;
    throw error;
  }
}

function buildFix(context: AnalysisContext, request: ExportAsOpRequest): PythonFix | null {
  const { info, forward, terms, match, replacement } = request;
  if (terms.opaqueSelfCalls.length > 0 || insideClassBody(info)) return null;
  const forwardParameters = readParameters(forward.node);
  const selfName = forwardParameters[0]?.name;
  const inputs = forwardParameters.slice(1);
  if (!selfName || inputs.some((p) => p.shape !== 'plain')) return null;
  const helpers = new Map<string, Node>();
  for (const name of terms.inlinedMethods) {
    const expression = singleReturnExpression(info.methods.get(name)?.node ?? null);
    if (!expression) return null;
    helpers.set(name, info.methods.get(name)!.node);
  }
  const body = field(forward.node, 'body');
  if (!body) return null;
  const statements = namedChildren(body);
  const firstCode = statements.findIndex((s) => !isDocstring(s));
  if (firstCode < 0) return null;
  const firstStatement = statements[firstCode]!;
  if (context.text.positionAt(firstStatement.startIndex).line === context.text.positionAt(forward.node.startIndex).line) return null;

  // Function parameters: forward's own, then the captured roles that are not parameters, then scalar self attributes.
  const taken = new Set([...inputs.map((p) => p.name), ...assignedNames(body)]);
  const parameters: { name: string; argument: string }[] = inputs.map((p) => ({ name: p.name, argument: p.name }));
  const roleNames = new Map<string, string>(); // role → parameter name
  const replacedText = new Map<string, string>(); // source text of a role expression → parameter name
  for (const [role, termOfRole] of Object.entries(match.roles)) {
    if (termOfRole.k === 'param') {
      roleNames.set(role, termOfRole.name);
      continue;
    }
    const node = unparenthesize(termOfRole.node);
    if (!onlyReadsSelfAndInputs(node, selfName, inputs.map((p) => p.name), context)) return null;
    const preferredName = termOfRole.k === 'self' ? termOfRole.name : (ROLE_PARAMETER_NAMES[role] ?? role.toLowerCase());
    const name = freshName(preferredName, taken);
    taken.add(name);
    roleNames.set(role, name);
    replacedText.set(node.text, name);
    parameters.push({ name, argument: node.text });
  }
  const scalarNames = new Map<string, string>(); // self attribute → parameter name
  const scopeNodes = [body, ...[...helpers.values()].map((h) => field(h, 'body')!)];
  for (const root of scopeNodes) {
    for (const node of nodesOfType(root, ATTRIBUTE_TYPES)) {
      if (!isSelf(field(node, 'object'), root === body ? selfName : helperSelf(node, helpers))) continue;
      if (replacedText.has(node.text) || insideReplaced(node, replacedText)) continue;
      const name = field(node, 'attribute')!.text;
      if (node.parent?.type === 'call' && field(node.parent, 'function')?.id === node.id) {
        if (helpers.has(name)) continue;
        return null;
      }
      if (scalarNames.has(name)) continue;
      if (request.attributes.get(name)?.kind !== 'scalar') return null; // a tensor or submodule the op would not see
      const parameter = freshName(name, taken);
      taken.add(parameter);
      scalarNames.set(name, parameter);
      parameters.push({ name: parameter, argument: `${selfName}.${name}` });
    }
  }

  const roleLengths = new Set([...replacedText.keys()].map((text) => text.length));
  const symbolic = symbolicCall(request, roleNames, scalarNames);
  if (!symbolic) return null;

  const rules: RenderRules = {
    source: context.text.text,
    replace: (node, scope) => {
      // A role expression, with one level of parentheses around it dropped: `output * (1.0 + w)` → `output * scale`.
      const inner = node.type === 'parenthesized_expression' ? (namedChildren(node)[0] ?? node) : node;
      const role = roleLengths.has(inner.endIndex - inner.startIndex) ? replacedText.get(inner.text) : undefined;
      if (role !== undefined && (node.type === 'parenthesized_expression' || !isParenthesized(node))) return role;
      if (node.type === 'attribute' && isSelf(field(node, 'object'), scope.bindings ? null : selfName, scope)) {
        const scalar = scalarNames.get(field(node, 'attribute')!.text);
        if (scalar !== undefined) return scalar;
      }
      if (node.type === 'call') return inlineHelperCall(node, scope);
      return undefined;
    },
  };
  const inlineHelperCall = (call: Node, scope: RenderScope): string | undefined => {
    const callee = field(call, 'function');
    if (callee?.type !== 'attribute' || !isSelf(field(callee, 'object'), scope.bindings ? null : selfName, scope)) return undefined;
    const helper = helpers.get(field(callee, 'attribute')!.text);
    if (!helper) return undefined;
    const helperParameters = readParameters(helper).slice(1);
    const args = namedChildren(field(call, 'arguments')!);
    const bindings = new Map<string, string>();
    bindings.set(readParameters(helper)[0]!.name, '\u0000self'); // the helper's self: attributes are replaced above
    helperParameters.forEach((parameter, i) => {
      const argument = args[i];
      const text = argument ? render(argument, rules, scope) : parameter.defaultValue?.text ?? 'None';
      bindings.set(parameter.name, argument && !isAtomic(unparenthesize(argument)) ? `(${text})` : text);
    });
    return `(${render(singleReturnExpression(helper)!, rules, { bindings })})`;
  };

  const { text } = context;
  const eol = text.eol;
  const classIndent = text.indentOf(info.statement.startIndex);
  const classStep = indentStep(context, info.statement, info.body);
  const methodStep = indentStep(context, forward.statement, body);
  const memberIndent = classIndent + classStep;
  const bodyIndent = memberIndent + methodStep;
  const moduleBodyIndent = text.indentOf(firstStatement.startIndex);
  let functionBody = '';
  let cursor = firstStatement.startIndex;
  for (const statement of statements.slice(firstCode)) {
    functionBody += text.text.slice(cursor, statement.startIndex) + render(statement, rules, { bindings: null });
    cursor = statement.endIndex;
  }
  if (functionBody.includes('\u0000')) return null; // a helper's self escaped into the body: not a clean rewrite
  const bodyLines = functionBody.split(LINE_BREAK).map((line, i) => (i === 0 ? bodyIndent + line : line.startsWith(moduleBodyIndent) ? bodyIndent + line.slice(moduleBodyIndent.length) : line.trimEnd()));

  const functionBase = spellOrImport(context, 'torch.autograd.Function');
  const exportCheck = spellOrImport(context, 'torch.onnx.is_in_onnx_export');
  const functionName = freshClassName(`${info.name}Op`, context);
  const signature = parameters.map((p) => p.name).join(', ');
  const graph = parameters.some((p) => p.name === 'g') ? 'graph' : 'g';
  const blank = classIndent === '' ? [''] : [];
  const functionLines = [
    `${classIndent}class ${functionName}(${functionBase.spelling}):`,
    `${memberIndent}"""${info.name}'s math as one ${symbolic.opType} node at ONNX export (added by ONNX Op Coverage)."""`,
    '',
    `${memberIndent}@staticmethod`,
    `${memberIndent}def forward(ctx, ${signature}):`,
    ...bodyLines,
    '',
    `${memberIndent}@staticmethod`,
    `${memberIndent}def symbolic(${graph}, ${signature}):`,
    `${bodyIndent}return ${symbolic.call(graph)}`,
    '',
    ...blank,
    '',
  ];
  const guardIndent = moduleBodyIndent;
  const guard = [
    `${guardIndent}if ${exportCheck.spelling}():`,
    `${guardIndent}${methodStep}return ${functionName}.apply(${parameters.map((p) => p.argument).join(', ')})`,
    '',
  ].join(eol);
  const edits: TextEdit[] = [
    ...functionBase.edits,
    ...exportCheck.edits,
    insertAt(context, text.lineStartOf(info.statement.startIndex), functionLines.join(eol)),
    insertAt(context, text.lineStartOf(firstStatement.startIndex), guard),
    ...customOpsetEdits(context, replacement.domain),
  ];
  return { title: request.title, preferred: request.preferred, edits: dedupe(edits) };
}

interface SymbolicCall {
  opType: string;
  call(graph: string): string;
}

function symbolicCall(request: ExportAsOpRequest, roleNames: Map<string, string>, scalarNames: Map<string, string>): SymbolicCall | null {
  const { replacement, match } = request;
  const inputs: string[] = [];
  let missing = false;
  for (const role of replacement.inputs) {
    const name = roleNames.get(role);
    if (name === undefined) {
      missing = true;
      // A custom op takes what there is; a standard op may only drop trailing optional inputs (LayerNorm's bias).
      if (replacement.target !== 'custom' && role !== 'B') return null;
      continue;
    }
    if (missing && replacement.target !== 'custom') return null;
    inputs.push(name);
  }
  if (inputs.length === 0) return null;
  const attributes: string[] = [];
  for (const attribute of replacement.attributes) {
    const value = match.params[attribute.fromParam];
    // A standard or ORT op gets every attribute RULE_INFO lists: one the code does not supply (MultiHeadAttention's
    // num_heads) would leave the op computing something else. A custom op defines its own defaults.
    if (value === undefined && replacement.target !== 'custom') return null;
    // Absent, or the op's own default (a custom SiLU carries alpha only for QuickGELU's 1.702): not written.
    if (!writesAttribute(attribute, value)) continue;
    const suffix = attribute.type === 'float' ? 'f' : attribute.type === 'int' ? 'i' : 's';
    attributes.push(`${attribute.name}_${suffix}=${pythonValue(value, attribute.type, scalarNames)}`);
  }
  const opType = replacement.domain === '' ? replacement.op : `${replacement.domain}::${replacement.op}`;
  return {
    opType,
    call: (graph) => `${graph}.op(${[JSON.stringify(opType), ...inputs, ...attributes].join(', ')}).setType(${inputs[0]}.type())`,
  };
}

function pythonValue(value: number | string | Term, type: 'float' | 'int' | 'string', scalarNames: Map<string, string>): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (type === 'int') return String(Math.trunc(value));
    const text = String(value);
    return /[.eE]/.test(text) || !Number.isFinite(value) ? text : `${text}.0`;
  }
  if (value.k === 'self') return scalarNames.get(value.name) ?? String(value.value ?? value.name);
  if (value.k === 'param') return value.name;
  if (value.k === 'num') return pythonValue(value.v, type, scalarNames);
  // Arithmetic on those (an attention scale: `1.0 / math.sqrt(head_dim)`), rebuilt from its terms, which may be
  // combined by the matcher rather than written so in the source.
  if (value.k === 'neg') return `(-${pythonValue(value.a, type, scalarNames)})`;
  if (value.k === 'bin') return `(${pythonValue(value.a, type, scalarNames)} ${value.op} ${pythonValue(value.b, type, scalarNames)})`;
  if (value.k === 'call' && value.args.length === 1) {
    const callee = field(value.node, 'function');
    if (callee) return `${callee.text}(${pythonValue(value.args[0]!, 'float', scalarNames)})`;
  }
  return value.node.text;
}

function singleReturnExpression(definition: Node | null): Node | null {
  const body = definition ? field(definition, 'body') : null;
  if (!body) return null;
  const statements = namedChildren(body).filter((s) => !isDocstring(s));
  if (statements.length !== 1 || statements[0]!.type !== 'return_statement') return null;
  return namedChildren(statements[0]!)[0] ?? null;
}

function isDocstring(statement: Node): boolean {
  return statement.type === 'expression_statement' && namedChildren(statement)[0]?.type === 'string';
}

function isSelf(node: Node | null, selfName: string | null, scope?: RenderScope): boolean {
  if (node?.type !== 'identifier') return false;
  if (scope?.bindings) return scope.bindings.get(node.text) === '\u0000self';
  return node.text === selfName;
}

/** The self parameter name of the helper holding `node`. */
function helperSelf(node: Node, helpers: Map<string, Node>): string | null {
  for (const helper of helpers.values()) {
    if (node.startIndex >= helper.startIndex && node.endIndex <= helper.endIndex) return readParameters(helper)[0]?.name ?? null;
  }
  return null;
}

function insideReplaced(node: Node, replacedText: Map<string, string>): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (replacedText.has(current.text)) return true;
    if (current.type === 'block') return false;
  }
  return false;
}

function isParenthesized(node: Node): boolean {
  return node.parent?.type === 'parenthesized_expression';
}

/** Reads only `self.*`, forward's inputs, literals and imported names: safe to evaluate at the top of forward. */
function onlyReadsSelfAndInputs(node: Node, selfName: string, inputs: string[], context: AnalysisContext): boolean {
  for (const identifier of nodesOfType(node, IDENTIFIER_TYPES)) {
    if (!isVariableUse(identifier)) continue;
    const name = identifier.text;
    if (name === selfName || inputs.includes(name) || context.names.isBound(name)) continue;
    return false;
  }
  return true;
}

function assignedNames(body: Node): string[] {
  const out: string[] = [];
  for (const node of nodesOfType(body, ASSIGNMENT_TYPES)) {
    const left = field(node, 'left');
    if (left) for (const id of nodesOfType(left, IDENTIFIER_TYPES)) out.push(id.text);
  }
  return out;
}

function freshName(name: string, taken: Set<string>): string {
  let candidate = name;
  while (taken.has(candidate) || candidate === 'ctx' || candidate === 'g') candidate = `${candidate}_`;
  return candidate;
}

function freshClassName(name: string, context: AnalysisContext): string {
  const used = new Set(context.classes.map((c) => c.name));
  let candidate = name;
  for (let i = 2; used.has(candidate) || context.names.isBound(candidate); i++) candidate = `${name}${i}`;
  return candidate;
}

function insideClassBody(info: ClassInfo): boolean {
  for (let current = info.statement.parent; current; current = current.parent) {
    if (current.type === 'class_definition') return true;
    if (current.type === 'function_definition') return false;
  }
  return false;
}

function dedupe(edits: TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((edit) => {
    const key = `${edit.range.start.line}:${edit.range.start.character}:${edit.range.end.line}:${edit.range.end.character}:${edit.newText}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
