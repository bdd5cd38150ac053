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

/** Every node below `root` (root included), depth first in source order, iteratively. */
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

/** Dotted text of an identifier/attribute chain (`torch.autograd.Function`), or null for anything else. */
export function dottedName(node: Node | null): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') {
    const object = dottedName(field(node, 'object'));
    const attribute = field(node, 'attribute');
    return object && attribute ? `${object}.${attribute.text}` : null;
  }
  if (node.type === 'dotted_name') return namedChildren(node).map((part) => part.text).join('.');
  return null;
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

export function isSyntaxBroken(node: Node): boolean {
  return node.hasError || node.isMissing;
}
