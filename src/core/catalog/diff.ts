// What changed between two versions of one op: attributes, inputs, outputs, allowed types, deprecation.
import type { AttributeSchema, OpSchema, SchemaDiff } from './types';

export function diffSchemas(older: OpSchema, newer: OpSchema): SchemaDiff {
  const names = (list: { name: string }[]) => new Set(list.map((x) => x.name));
  const added = <T extends { name: string }>(a: T[], b: T[]) => b.filter((x) => !names(a).has(x.name)).map((x) => x.name);
  const attributesChanged: SchemaDiff['attributesChanged'] = [];
  for (const before of older.attributes) {
    const after = newer.attributes.find((a) => a.name === before.name);
    if (after) {
      const change = describeAttributeChange(before, after);
      if (change) attributesChanged.push({ name: before.name, change });
    }
  }
  const typesAdded: SchemaDiff['typesAdded'] = [];
  const typesRemoved: SchemaDiff['typesRemoved'] = [];
  for (const constraint of new Set([...older.typeConstraints, ...newer.typeConstraints].map((c) => c.name))) {
    const before = new Set(older.typeConstraints.find((c) => c.name === constraint)?.allowedTypes ?? []);
    const after = new Set(newer.typeConstraints.find((c) => c.name === constraint)?.allowedTypes ?? []);
    const gained = [...after].filter((t) => !before.has(t));
    const lost = [...before].filter((t) => !after.has(t));
    if (gained.length) typesAdded.push({ constraint, types: gained });
    if (lost.length) typesRemoved.push({ constraint, types: lost });
  }
  return {
    op: newer.name, domain: newer.domain, fromVersion: older.sinceVersion, toVersion: newer.sinceVersion,
    attributesAdded: added(older.attributes, newer.attributes),
    attributesRemoved: added(newer.attributes, older.attributes),
    attributesChanged,
    inputsAdded: added(older.inputs, newer.inputs),
    inputsRemoved: added(newer.inputs, older.inputs),
    outputsAdded: added(older.outputs, newer.outputs),
    outputsRemoved: added(newer.outputs, older.outputs),
    typesAdded, typesRemoved,
    deprecatedChanged: older.deprecated !== newer.deprecated,
  };
}

function describeAttributeChange(before: AttributeSchema, after: AttributeSchema): string | undefined {
  const notes: string[] = [];
  if (before.type !== after.type) notes.push(`type ${before.type} → ${after.type}`);
  if (before.required !== after.required) notes.push(after.required ? 'now required' : 'no longer required');
  const fmt = (v: AttributeSchema['default']) => (v === undefined ? 'none' : JSON.stringify(v));
  if (fmt(before.default) !== fmt(after.default)) notes.push(`default ${fmt(before.default)} → ${fmt(after.default)}`);
  return notes.length ? notes.join(', ') : undefined;
}

/** True when nothing listed in the diff changed (descriptions aside). */
export function isEmptyDiff(diff: SchemaDiff): boolean {
  return [diff.attributesAdded, diff.attributesRemoved, diff.attributesChanged, diff.inputsAdded, diff.inputsRemoved,
    diff.outputsAdded, diff.outputsRemoved, diff.typesAdded, diff.typesRemoved].every((l) => l.length === 0) && !diff.deprecatedChanged;
}

/** One line per change, for the CLI's --history and hovers: "+attr axis", "-input B", "T +tensor(bfloat16)". */
export function describeDiff(diff: SchemaDiff): string[] {
  const lines: string[] = [];
  const push = (prefix: string, names: string[]) => names.forEach((n) => lines.push(`${prefix} ${n}`));
  push('+attribute', diff.attributesAdded);
  push('-attribute', diff.attributesRemoved);
  diff.attributesChanged.forEach((c) => lines.push(`~attribute ${c.name}: ${c.change}`));
  push('+input', diff.inputsAdded);
  push('-input', diff.inputsRemoved);
  push('+output', diff.outputsAdded);
  push('-output', diff.outputsRemoved);
  diff.typesAdded.forEach((t) => lines.push(`+types ${t.constraint}: ${t.types.join(', ')}`));
  diff.typesRemoved.forEach((t) => lines.push(`-types ${t.constraint}: ${t.types.join(', ')}`));
  if (diff.deprecatedChanged) lines.push('deprecation changed');
  return lines;
}
