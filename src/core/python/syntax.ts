// Small helpers over tree-sitter-python nodes, so the analysis reads as Python concepts, not tree plumbing.
import type { Node } from 'web-tree-sitter';

export type { Node };

export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

export function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

export function fields(node: Node, name: string): Node[] {
  return node.childrenForFieldName(name).filter((child): child is Node => child !== null);
}

/**
 * The nodes below `root` (root included) whose type is in `types`, in source order, leaving out those inside a
 * node whose type is in `skip` (root excepted). The search runs inside tree-sitter (descendantsOfType), which
 * is far cheaper than stepping through every node from JavaScript.
 */
export function nodesOfType(root: Node, types: ReadonlySet<string>, skip?: ReadonlySet<string>): Node[] {
  const below = root.descendantsOfType([...types]).filter((node): node is Node => node !== null && node.id !== root.id);
  const found = types.has(root.type) ? [root, ...below] : below;
  if (!skip || skip.size === 0) return found;
  return found.filter((node) => {
    for (let current = node.parent; current && current.id !== root.id; current = current.parent) {
      if (skip.has(current.type)) return false;
    }
    return true;
  });
}

/** Every node below `root` (root included), depth first in source order, iteratively. Materialises every node:
 *  for whole files prefer nodesOfType, which searches inside tree-sitter. */
export function* descendants(root: Node, skip?: (node: Node) => boolean): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if (skip?.(node) && node !== root) continue;
    const children = node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

/** The definition a decorated_definition wraps, or the node itself. */
export function definitionOf(node: Node): Node {
  return node.type === 'decorated_definition' ? (field(node, 'definition') ?? node) : node;
}

/** The statement that holds a definition: its decorated_definition when it has decorators. */
export function statementOf(definition: Node): Node {
  return definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
}

export function decoratorsOf(definition: Node): Node[] {
  const wrapper = definition.parent;
  if (wrapper?.type !== 'decorated_definition') return [];
  return namedChildren(wrapper).filter((child) => child.type === 'decorator');
}

/** The expression of a decorator (`@staticmethod` → the identifier node). */
export function decoratorExpression(decorator: Node): Node | null {
  return namedChildren(decorator)[0] ?? null;
}

const MAX_DOTTED_PARTS = 64;

/** Dotted text of an identifier/attribute chain (`torch.autograd.Function`), or null for anything else. Iterative. */
export function dottedName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'dotted_name') return namedChildren(node).map((part) => part.text).join('.');
  const parts: string[] = [];
  let current: Node | null = node;
  while (current?.type === 'attribute') {
    if (parts.length >= MAX_DOTTED_PARTS) return null; // no real module path is this long
    const attribute = field(current, 'attribute');
    if (!attribute) return null;
    parts.push(attribute.text);
    current = field(current, 'object');
  }
  if (current?.type !== 'identifier') return null;
  parts.push(current.text);
  return parts.reverse().join('.');
}

/** The value of a string literal without prefixes or interpolation, else null. */
export function stringValue(node: Node | null): string | null {
  if (!node || node.type !== 'string') return null;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type === 'interpolation')) return null;
  return parts.filter((part) => part.type === 'string_content').map((part) => part.text).join('');
}

/** Strips redundant parentheses. */
export function unparenthesize(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}
