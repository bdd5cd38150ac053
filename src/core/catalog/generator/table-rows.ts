// Markdown pipe-table helpers for the runtime tables.

/** Cells of a `| a | b | c |` row, trimmed; a missing trailing `|` (TensorRT's matrix) is tolerated. */
export function splitTableRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  return body.split('|').map((c) => c.trim());
}

export function isSeparatorRow(line: string): boolean {
  return /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line.trim());
}

/** `ai.onnx` → "", anything else unchanged (the catalog's normalized domain). */
export function normalizeTableDomain(domain: string): string {
  return domain === 'ai.onnx' ? '' : domain;
}

/** "[6, 12]" → 6..12, "13+" → 13..open, "13" → 13..13, "7-12" → 7..12. Null when the cell is something else. */
export function parseVersionRange(cell: string): { from: number; to: number | null } | null {
  const text = cell.trim();
  let m = /^\[(\d+),\s*(\d+)\]$/.exec(text) ?? /^(\d+)\s*-\s*(\d+)$/.exec(text);
  if (m) return { from: Number(m[1]), to: Number(m[2]) };
  m = /^(\d+)\+$/.exec(text);
  if (m) return { from: Number(m[1]), to: null };
  m = /^(\d+)$/.exec(text);
  if (m) return { from: Number(m[1]), to: Number(m[1]) };
  return null;
}
