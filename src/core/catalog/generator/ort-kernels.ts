// Parses ONNX Runtime's OperatorKernels.md: one section per execution provider, `**Operator Domain:**` rows, then
// `|Op|params|version|types|` rows and `|||version|types|` continuation rows for further kernels of the same op.
import type { RuntimeRow } from '../data-format';
import { CatalogSourceError } from './errors';
import { splitTopLevel } from './markdown';
import { normalizeTableDomain, parseVersionRange, splitTableRow } from './table-rows';

export interface KernelTable {
  /** e.g. "CPUExecutionProvider". */
  provider: string;
  domains: Record<string, Record<string, RuntimeRow[]>>;
}

export function parseOperatorKernels(text: string, file: string): KernelTable[] {
  const tables: KernelTable[] = [];
  let table: KernelTable | undefined;
  let domain: string | undefined;
  let op: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const fail = (expected: string): never => {
      throw new CatalogSourceError(file, index + 1, expected, line);
    };
    const section = /^## Operators implemented by (\w+)$/.exec(line);
    if (section) {
      table = { provider: section[1], domains: {} };
      tables.push(table);
      domain = op = undefined;
      return;
    }
    if (!table || !line.startsWith('|')) return;
    if (line.startsWith('| Op Name') || line.startsWith('|---')) return;
    if (/^\|\s*\|$/.test(line)) return; // the blank "| |" row closing each domain block
    const domainRow = /^\|\*\*Operator Domain:\*\* \*([^*]+)\*\|/.exec(line);
    if (domainRow) {
      domain = normalizeTableDomain(domainRow[1]);
      table.domains[domain] ??= {};
      op = undefined;
      return;
    }
    const cells = splitTableRow(line);
    if (cells.length !== 4 || domain === undefined) fail('a kernel row "|Op|params|version|types|" under an Operator Domain row');
    if (cells[0] !== '') op = cells[0];
    if (op === undefined) fail('an op name before continuation rows');
    const range = parseVersionRange(cells[2]);
    if (!range) fail('an opset version "N", "[a, b]" or "N+"');
    const row: RuntimeRow = { range: cells[2], from: range!.from, to: range!.to, types: parseKernelTypes(cells[3]) ?? fail('types "**T** = tensor(…), …<br/> …"') };
    ((table.domains[domain!] ??= {})[op!] ??= []).push(row);
  });
  return tables;
}

/** `**T** = tensor(double), tensor(float)<br/> **T1** = tensor(bool)` → { T: [...], T1: [...] }; "" → {}. */
function parseKernelTypes(cell: string): Record<string, string[]> | null {
  const types: Record<string, string[]> = {};
  for (const part of cell.split(/<br\/?>/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^\*\*([^*]+)\*\* = (.+)$/.exec(part);
    if (!m) return null;
    types[m[1]] = splitTopLevel(m[2]);
  }
  return types;
}
