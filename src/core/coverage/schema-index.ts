// Per-schema lookups built once and reused for every node of that op version: a 200,000-node model has a few
// dozen distinct schemas, so the per-node work stays small (no Map built per node, no type string re-normalized).
import type { AttributeSchema, OpSchema, TypeConstraint } from '../catalog';

export interface SchemaIndex {
  constraints: Map<string, TypeConstraint>;
  /** Constraint name → allowed types with spaces removed ("map(int64,float)"). */
  allowed: Map<string, Set<string>>;
  attributes: Map<string, AttributeSchema>;
  /** The attributes a node must give, so a node checks only those rather than scanning every declared one. */
  requiredAttributes: AttributeSchema[];
}

const indexes = new WeakMap<OpSchema, SchemaIndex>();

export function schemaIndex(schema: OpSchema): SchemaIndex {
  let index = indexes.get(schema);
  if (!index) {
    index = {
      constraints: new Map(schema.typeConstraints.map((c) => [c.name, c])),
      allowed: new Map(schema.typeConstraints.map((c) => [c.name, new Set(c.allowedTypes.map(compactType))])),
      attributes: new Map(schema.attributes.map((a) => [a.name, a])),
      requiredAttributes: schema.attributes.filter((a) => a.required),
    };
    indexes.set(schema, index);
  }
  return index;
}

/** Schema type strings are written with and without spaces ("map(int64, float)"); compare them without. */
export function compactType(type: string): string {
  return type.includes(' ') ? type.replace(/\s+/g, '') : type;
}

/** A formal parameter's type string that names a concrete type ("tensor(int64)") rather than a constraint. */
export function isConcreteType(typeStr: string): boolean {
  return typeStr.endsWith(')') && /^[a-z_]+\(/.test(typeStr);
}
