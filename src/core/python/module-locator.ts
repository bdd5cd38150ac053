// Finds, in Python sources, where a PyTorch submodule comes from: the `self.<attribute> = SomeClass(...)`
// assignments and the `class SomeClass` definitions. Uses the core's tree-sitter parser and syntax helpers;
// pure core: it reads plain strings, so the extension and tests share it.
import { parsePython } from './parser';
import { descendants, dottedName, field } from './syntax';
import type { Position } from './types';

export interface ModuleAssignment {
  /** The class the attribute is an instance of, as written (`LlamaRMSNorm`, `nn.LayerNorm`). */
  callee: string;
  /** Where `self.<attribute>` is assigned. */
  at: Position;
}

export interface ClassDefinition {
  name: string;
  /** The class name in `class Name(...)`. */
  at: Position;
}

export interface PythonOutline {
  assignments: Map<string, ModuleAssignment[]>;
  classes: ClassDefinition[];
}

/** Every `self.x = Callee(...)` (by attribute name) and every class definition of one file. */
export async function outlinePython(source: string): Promise<PythonOutline> {
  const tree = await parsePython(source);
  try {
    const assignments = new Map<string, ModuleAssignment[]>();
    const classes: ClassDefinition[] = [];
    for (const node of descendants(tree.rootNode)) {
      if (node.type === 'class_definition') {
        const name = field(node, 'name');
        if (name) classes.push({ name: name.text, at: { line: name.startPosition.row, character: name.startPosition.column } });
      } else if (node.type === 'assignment') {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left?.type !== 'attribute' || field(left, 'object')?.text !== 'self' || right?.type !== 'call') continue;
        const attribute = field(left, 'attribute')?.text;
        const callee = dottedName(field(right, 'function'));
        if (!attribute || !callee) continue;
        const list = assignments.get(attribute) ?? [];
        list.push({ callee, at: { line: left.startPosition.row, character: left.startPosition.column } });
        assignments.set(attribute, list);
      }
    }
    return { assignments, classes };
  } finally {
    tree.delete();
  }
}

/** The attribute a module path ends in: `layers.0.input_layernorm` → `input_layernorm` (indices skipped). */
export function lastModuleAttribute(modulePath: string[]): string | undefined {
  for (let i = modulePath.length - 1; i >= 0; i--) {
    const part = modulePath[i]!;
    if (part !== '' && !/^\d+$/.test(part)) return part;
  }
  return undefined;
}
