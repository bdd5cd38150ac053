// What names mean in one Python file: `import torch as th`, `from torch.autograd import Function as F`,
// `Fn = torch.autograd.Function` all resolve to qualified names, and generated code spells names the way the file does.
import { dottedName, field, fields, namedChildren, nodesOfType, type Node } from './syntax';

const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement']);
const FUNCTION_TYPES = new Set(['function_definition']);

/** Qualified names that mean the same class under another module path. */
const CANONICAL: Record<string, string> = {
  'torch.autograd.function.Function': 'torch.autograd.Function',
  'torch.nn.modules.module.Module': 'torch.nn.Module',
  'torch.nn.modules.Module': 'torch.nn.Module',
};

export class NameResolver {
  /** Local name → qualified name it was bound to by an import or a module-level alias. */
  private readonly bindings = new Map<string, string>();
  /** End offset of the last module-level import (where a new import line goes), or -1. */
  readonly lastImportEnd: number;
  /** Offset where a new import goes when the file has none: after a module docstring and `from __future__`. */
  readonly firstStatementStart: number;

  constructor(root: Node) {
    let lastImportEnd = -1;
    for (const node of nodesOfType(root, IMPORT_TYPES, FUNCTION_TYPES)) {
      if (node.type === 'import_statement') this.bindImport(node);
      else this.bindFromImport(node);
    }
    const statements = namedChildren(root);
    for (const statement of statements) {
      if (statement.type === 'import_statement' || statement.type === 'import_from_statement' || statement.type === 'future_import_statement') lastImportEnd = statement.endIndex;
      else if (statement.type === 'expression_statement') this.bindAlias(statement);
    }
    this.lastImportEnd = lastImportEnd;
    const first = statements.find((s) => !(s.type === 'expression_statement' && namedChildren(s)[0]?.type === 'string'));
    this.firstStatementStart = first ? first.startIndex : root.endIndex;
  }

  private bindImport(node: Node): void {
    for (const name of fields(node, 'name')) {
      if (name.type === 'aliased_import') {
        const module = dottedName(field(name, 'name'));
        const alias = field(name, 'alias')?.text;
        if (module && alias) this.bindings.set(alias, module);
      } else {
        // `import torch.nn` binds `torch`.
        const module = dottedName(name);
        const head = module?.split('.')[0];
        if (head) this.bindings.set(head, head);
      }
    }
  }

  private bindFromImport(node: Node): void {
    const module = dottedName(field(node, 'module_name'));
    if (!module) return; // relative imports name local code, not torch
    for (const name of fields(node, 'name')) {
      if (name.type === 'aliased_import') {
        const imported = dottedName(field(name, 'name'));
        const alias = field(name, 'alias')?.text;
        if (imported && alias) this.bindings.set(alias, `${module}.${imported}`);
      } else {
        const imported = dottedName(name);
        if (imported) this.bindings.set(imported, `${module}.${imported}`);
      }
    }
  }

  /** `Fn = torch.autograd.Function` at module level. */
  private bindAlias(statement: Node): void {
    const assignment = namedChildren(statement)[0];
    if (assignment?.type !== 'assignment') return;
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    if (left?.type !== 'identifier' || !right) return;
    const qualified = this.qualify(right);
    if (qualified) this.bindings.set(left.text, qualified);
  }

  /** The qualified name an identifier/attribute chain refers to, or null when its root is not an import. */
  qualify(node: Node | null): string | null {
    const dotted = dottedName(node);
    if (!dotted) return null;
    return this.qualifyDotted(dotted);
  }

  qualifyDotted(dotted: string): string | null {
    const [head, ...rest] = dotted.split('.');
    const bound = this.bindings.get(head!);
    if (!bound) return null;
    const full = [bound, ...rest].join('.');
    return CANONICAL[full] ?? full;
  }

  /** How this file can write `qualified` with what it already imports, or null if it cannot. */
  spell(qualified: string): string | null {
    let best: string | null = null;
    for (const [local, bound] of this.bindings) {
      const canonicalBound = CANONICAL[bound] ?? bound;
      let candidate: string | null = null;
      if (canonicalBound === qualified) candidate = local;
      else if (qualified.startsWith(`${bound}.`)) candidate = local + qualified.slice(bound.length);
      if (candidate && (best === null || candidate.length < best.length)) best = candidate;
    }
    return best;
  }

  isBound(name: string): boolean {
    return this.bindings.has(name);
  }
}
