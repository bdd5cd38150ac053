// The classes of a file and what they are to torch: autograd Functions, nn.Modules, or neither.
// Nested and decorated classes count; inheritance from another class of the same file is followed.
import type { NameResolver } from './imports';
import { decoratorExpression, decoratorsOf, nodesOfType, dottedName, field, namedChildren, statementOf, type Node } from './syntax';

const CLASS_TYPES = new Set(['class_definition']);

export type ClassKind = 'autograd-function' | 'module' | 'other';

export interface MethodInfo {
  name: string;
  /** The function_definition. */
  node: Node;
  /** The statement in the class body: the decorated_definition when decorated. */
  statement: Node;
  decorators: string[];
  isStatic: boolean;
  parameters: Node[];
}

export interface ClassInfo {
  name: string;
  node: Node;
  nameNode: Node;
  /** The statement holding the class (its decorated_definition when decorated). */
  statement: Node;
  body: Node | null;
  kind: ClassKind;
  /** Local base classes, nearest first. */
  localBases: ClassInfo[];
  methods: Map<string, MethodInfo>;
  /** Names bound in the class body by assignment (`symbolic = staticmethod(fn)`). */
  assignedNames: Set<string>;
  /** A syntax error inside the class: it is reported, not analysed. */
  broken: boolean;
}

const BASE_KINDS: Record<string, ClassKind> = {
  'torch.autograd.Function': 'autograd-function',
  'torch.autograd.function.InplaceFunction': 'autograd-function',
  'torch.nn.Module': 'module',
};

export function collectClasses(root: Node, names: NameResolver): ClassInfo[] {
  const classes: ClassInfo[] = [];
  for (const node of nodesOfType(root, CLASS_TYPES)) {
    const nameNode = field(node, 'name');
    if (!nameNode) continue;
    const body = field(node, 'body');
    const info: ClassInfo = {
      name: nameNode.text, node, nameNode, statement: statementOf(node), body, kind: 'other', localBases: [],
      methods: new Map(), assignedNames: new Set(), broken: node.hasError || node.isMissing,
    };
    if (body) collectMembers(body, info);
    classes.push(info);
  }
  resolveKinds(classes, names);
  return classes;
}

function collectMembers(body: Node, info: ClassInfo): void {
  for (const statement of namedChildren(body)) {
    const definition = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (definition?.type === 'function_definition') {
      const name = field(definition, 'name')?.text;
      if (!name) continue;
      const decorators = decoratorsOf(definition).map((d) => dottedName(decoratorExpression(d)) ?? decoratorExpression(d)?.text ?? '');
      const parameters = namedChildren(field(definition, 'parameters') ?? definition).filter((p) => p.parent?.type === 'parameters');
      info.methods.set(name, {
        name, node: definition, statement, decorators, parameters,
        isStatic: decorators.some((d) => d === 'staticmethod' || d.endsWith('.staticmethod')),
      });
    } else if (statement.type === 'expression_statement') {
      const assignment = namedChildren(statement)[0];
      const left = assignment?.type === 'assignment' ? field(assignment, 'left') : null;
      if (left?.type === 'identifier') info.assignedNames.add(left.text);
    }
  }
}

function resolveKinds(classes: ClassInfo[], names: NameResolver): void {
  const byName = new Map<string, ClassInfo>();
  for (const info of classes) if (!byName.has(info.name)) byName.set(info.name, info);
  for (const info of classes) {
    for (const base of superclassExpressions(info.node)) {
      const local = base.type === 'identifier' && !names.isBound(base.text) ? byName.get(base.text) : undefined;
      if (local && local !== info) info.localBases.push(local);
    }
  }
  const resolving = new Set<ClassInfo>();
  const kindOf = (info: ClassInfo): ClassKind => {
    if (info.kind !== 'other' || resolving.has(info)) return info.kind;
    resolving.add(info);
    for (const base of superclassExpressions(info.node)) {
      const qualified = names.qualify(base);
      const direct = qualified ? BASE_KINDS[qualified] : undefined;
      if (direct) {
        info.kind = direct;
        break;
      }
    }
    if (info.kind === 'other') {
      for (const base of info.localBases) {
        const inherited = kindOf(base);
        if (inherited !== 'other') {
          info.kind = inherited;
          break;
        }
      }
    }
    resolving.delete(info);
    return info.kind;
  };
  for (const info of classes) kindOf(info);
}

function superclassExpressions(node: Node): Node[] {
  const list = field(node, 'superclasses');
  if (!list) return [];
  return namedChildren(list).filter((child) => child.type !== 'keyword_argument');
}

/** A method of the class or of a local base class. */
export function findMethod(info: ClassInfo, name: string, seen = new Set<ClassInfo>()): MethodInfo | undefined {
  if (seen.has(info)) return undefined;
  seen.add(info);
  const own = info.methods.get(name);
  if (own) return own;
  for (const base of info.localBases) {
    const inherited = findMethod(base, name, seen);
    if (inherited) return inherited;
  }
  return undefined;
}

/** Whether the class or a local base binds `name` at all (method or assignment). */
export function definesName(info: ClassInfo, name: string, seen = new Set<ClassInfo>()): boolean {
  if (seen.has(info)) return false;
  seen.add(info);
  if (info.methods.has(name) || info.assignedNames.has(name)) return true;
  return info.localBases.some((base) => definesName(base, name, seen));
}
