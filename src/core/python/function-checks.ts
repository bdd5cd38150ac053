// Checks on torch.autograd.Function subclasses: a symbolic must exist (or forward is inlined into primitive ops),
// be a @staticmethod, and give its g.op output a type (or the exported node has no type or shape).
import { definesName, findMethod, type ClassInfo, type MethodInfo } from './classes';
import { endOfLine, indentStep, insertAt, replaceRange, type AnalysisContext } from './context';
import { customOpsetEdits } from './export-call';
import { readParameters } from './parameters';
import { symbolicStub } from './symbolic-stub';
import { dottedName, nodesOfType, field, namedChildren, stringValue, unparenthesize, type Node } from './syntax';
import type { PythonDiagnostic, PythonFix } from './types';

export function checkAutogradFunction(context: AnalysisContext, info: ClassInfo): PythonDiagnostic[] {
  const forward = findMethod(info, 'forward');
  if (!forward) return [];
  if (!definesName(info, 'symbolic')) return [missingSymbolic(context, info, forward)];
  const symbolic = info.methods.get('symbolic');
  if (!symbolic) return []; // inherited or assigned: checked where it is written
  const out: PythonDiagnostic[] = [];
  if (!symbolic.isStatic) out.push(notStatic(context, info, symbolic));
  out.push(...missingSetType(context, info, symbolic));
  return out;
}

function diagnosticBase(context: AnalysisContext, info: ClassInfo) {
  return { range: context.text.range(info.nameNode.startIndex, info.nameNode.endIndex), className: info.name };
}

function missingSymbolic(context: AnalysisContext, info: ClassInfo, forward: MethodInfo): PythonDiagnostic {
  const opName = context.options.opName ?? info.name;
  const opType = `${context.options.domain}::${opName}`;
  const fixes: PythonFix[] = [];
  // Only a forward written in this class can be mirrored next to itself.
  const stub = info.methods.get('forward') === forward ? symbolicStub({ forward: forward.node, names: context.names, opType }) : null;
  if (stub) {
    const indent = context.text.indentOf(forward.statement.startIndex);
    const step = indentStep(context, forward.statement, field(forward.node, 'body'));
    const { eol } = context.text;
    const body = stub.lines.map((line) => (line.body ? indent + step : indent) + line.text).join(eol);
    fixes.push({
      title: `Add symbolic emitting ${opType}`,
      preferred: true,
      edits: [insertAt(context, endOfLine(context, forward.statement.endIndex), `${eol}${eol}${body}`), ...customOpsetEdits(context, context.options.domain)],
    });
  }
  return {
    ...diagnosticBase(context, info),
    code: 'missing-symbolic',
    severity: 'warning',
    message: `${info.name} has forward but no symbolic: torch.onnx.export will inline its forward into primitive ops instead of one ${opType} node.`,
    fixes,
  };
}

const SELF_NAMES = new Set(['self', 'cls']);
const SETTYPE_SCAN_TYPES = new Set(['call', 'assignment', 'return_statement']);
const NESTED_SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);

function notStatic(context: AnalysisContext, info: ClassInfo, symbolic: MethodInfo): PythonDiagnostic {
  const parameters = readParameters(symbolic.node);
  const first = parameters[0];
  const takesSelf = first !== undefined && SELF_NAMES.has(first.name);
  const isClassMethod = symbolic.decorators.some((d) => d === 'classmethod' || d.endsWith('.classmethod'));
  const fixes: PythonFix[] = [];
  if (!isClassMethod && first) {
    const edits = [insertAt(context, symbolic.statement.startIndex, `@staticmethod${context.text.eol}${context.text.indentOf(symbolic.statement.startIndex)}`)];
    if (takesSelf) {
      const second = parameters[1];
      edits.push(replaceRange(context, first.node.startIndex, second ? second.node.startIndex : first.node.endIndex, ''));
    }
    fixes.push({ title: takesSelf ? `Make symbolic a @staticmethod without '${first.name}'` : 'Make symbolic a @staticmethod', preferred: true, edits });
  }
  return {
    ...diagnosticBase(context, info),
    code: 'symbolic-not-static',
    // `def symbolic(self, g, ...)` receives the graph in the wrong parameter; `def symbolic(g, ...)` only works by accident.
    severity: takesSelf || isClassMethod ? 'error' : 'warning',
    message: `${info.name}.symbolic is not a @staticmethod: torch.onnx calls it as ${info.name}.symbolic(g, *inputs).`,
    fixes,
  };
}

/** Every `return` of symbolic that hands back a g.op(...) whose output type is never set. */
function missingSetType(context: AnalysisContext, info: ClassInfo, symbolic: MethodInfo): PythonDiagnostic[] {
  const graph = readParameters(symbolic.node).find((p) => !SELF_NAMES.has(p.name))?.name;
  const body = field(symbolic.node, 'body');
  if (!graph || !body) return [];
  const statements = [...nodesOfType(body, SETTYPE_SCAN_TYPES, NESTED_SCOPE_TYPES)];
  const typed = new Set<string>(); // variables that get `.setType(...)` somewhere
  const assignedOp = new Map<string, Node>(); // variable → last g.op call assigned to it
  for (const node of statements) {
    if (node.type === 'call' && isSetType(node)) {
      const receiver = field(field(node, 'function')!, 'object');
      if (receiver?.type === 'identifier') typed.add(receiver.text);
    }
    if (node.type === 'assignment') {
      const left = field(node, 'left');
      const right = field(node, 'right');
      if (left?.type === 'identifier' && right && isGraphOp(unparenthesize(right), graph)) assignedOp.set(left.text, unparenthesize(right));
    }
  }
  const untyped: Node[] = [];
  for (const node of statements) {
    if (node.type !== 'return_statement') continue;
    const value = namedChildren(node)[0];
    if (!value) continue;
    const expression = unparenthesize(value);
    if (isGraphOp(expression, graph)) untyped.push(expression);
    else if (expression.type === 'identifier' && !typed.has(expression.text)) {
      const call = assignedOp.get(expression.text);
      if (call) untyped.push(call);
    }
  }
  if (untyped.length === 0) return [];
  const fixes: PythonFix[] = [];
  const edits = untyped.map((call) => setTypeEdit(context, call));
  if (edits.every((edit) => edit !== null)) {
    fixes.push({ title: 'Add .setType(...) to the returned node', preferred: true, edits: [...new Map(edits.map((e) => [`${e.range.start.line}:${e.range.start.character}`, e])).values()] });
  }
  return [{
    ...diagnosticBase(context, info),
    code: 'missing-settype',
    severity: 'warning',
    // Measured with torch 1.13: the exporter copies the traced type onto the value symbolic returns, but that is
    // the exporter's guess, not the op's contract; ONNX shape inference knows nothing of a custom op.
    message: `${info.name}.symbolic returns ${opTypeOf(untyped[0]!) ?? 'g.op(...)'} without .setType(...): the node's output type and shape are left to the exporter's guess; ONNX shape inference cannot type a custom op.`,
    fixes,
  }];
}

function isGraphOp(node: Node, graph: string): boolean {
  if (node.type !== 'call') return false;
  const callee = dottedName(field(node, 'function'));
  return callee === `${graph}.op`;
}

function isSetType(call: Node): boolean {
  const callee = field(call, 'function');
  return callee?.type === 'attribute' && field(callee, 'attribute')?.text === 'setType';
}

function opTypeOf(call: Node): string | null {
  const first = namedChildren(field(call, 'arguments') ?? call)[0];
  const value = stringValue(first ?? null);
  return value ? `g.op("${value}", ...)` : null;
}

/** `.setType(<first input>.type())` after the call; null for multi-output nodes or nodes without an input. */
function setTypeEdit(context: AnalysisContext, call: Node) {
  const args = namedChildren(field(call, 'arguments') ?? call);
  if (args.some((arg) => arg.type === 'keyword_argument' && field(arg, 'name')?.text === 'outputs')) return null;
  const input = args.slice(1).find((arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat');
  if (!input) return null;
  const simple = input.type === 'identifier' || input.type === 'attribute' || input.type === 'subscript' || input.type === 'call';
  return insertAt(context, call.endIndex, `.setType(${simple ? input.text : `(${input.text})`}.type())`);
}
