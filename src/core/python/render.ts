// Re-emits Python source of a subtree with some nodes replaced: `self.eps` → `eps`, a helper call → its inlined
// return expression with arguments substituted. Everything not replaced is copied byte for byte.
import { field, type Node } from './syntax';

export interface RenderRules {
  /** The whole file's text (the tree's source). */
  source: string;
  /** Text for a node, or undefined to copy it (recursing into its children). */
  replace(node: Node, scope: RenderScope): string | undefined;
}

export interface RenderScope {
  /** Inside an inlined helper: its parameter names → the argument text. */
  bindings: Map<string, string> | null;
}

/** Thrown for code nested deeper than a rewrite should ever need to go; the fix is then not offered. */
export class RenderTooDeepError extends Error {
  constructor() {
    super('expression nested too deeply to rewrite');
    this.name = 'RenderTooDeepError';
  }
}

const MAX_RENDER_DEPTH = 400;

export function render(node: Node, rules: RenderRules, scope: RenderScope, depth = 0): string {
  if (depth > MAX_RENDER_DEPTH) throw new RenderTooDeepError();
  const replaced = rules.replace(node, scope);
  if (replaced !== undefined) return replaced;
  if (scope.bindings && node.type === 'identifier' && isVariableUse(node)) {
    const bound = scope.bindings.get(node.text);
    if (bound !== undefined) return bound;
  }
  const children = node.children.filter((c): c is Node => c !== null);
  if (children.length === 0) return node.text;
  const { source } = rules;
  let out = '';
  let cursor = node.startIndex;
  for (const child of children) {
    out += source.slice(cursor, child.startIndex) + render(child, rules, scope, depth + 1);
    cursor = child.endIndex;
  }
  return out + source.slice(cursor, node.endIndex);
}

/** An identifier read as a variable: not an attribute name (`x.name`) nor a keyword (`f(name=...)`). */
export function isVariableUse(identifier: Node): boolean {
  const parent = identifier.parent;
  if (!parent) return true;
  if (parent.type === 'attribute' && field(parent, 'attribute')?.id === identifier.id) return false;
  if (parent.type === 'keyword_argument' && field(parent, 'name')?.id === identifier.id) return false;
  return true;
}

/** Whether an expression can take a method call or operator without parentheses. */
export function isAtomic(node: Node): boolean {
  return ['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression', 'integer', 'float', 'string', 'list', 'tuple', 'dictionary'].includes(node.type);
}
