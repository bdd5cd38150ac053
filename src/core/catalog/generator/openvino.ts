// Parses OpenVINO's ONNX-frontend support TSV (a hand transcription of supported_ops.md): columns
// domain, op, supported_versions, defined_versions, limitation. An empty domain is ai.onnx; an empty
// supported_versions cell means the op is known but not converted.
import type { RuntimeRow } from '../data-format';
import { CatalogSourceError } from './errors';
import { normalizeTableDomain } from './table-rows';

const HEADER = ['domain', 'op', 'supported_versions', 'defined_versions', 'limitation'];

export function parseOpenVinoTsv(text: string, file: string): Record<string, Record<string, RuntimeRow[]>> {
  const domains: Record<string, Record<string, RuntimeRow[]>> = {};
  const lines = text.split(/\r?\n/);
  if (lines[0] !== HEADER.join('\t')) throw new CatalogSourceError(file, 1, `the header ${HEADER.join('<TAB>')}`, lines[0] ?? '');
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split('\t');
    const versions = (cell: string) => cell.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
    const supported = versions(cells[2] ?? '');
    if (cells.length !== HEADER.length || !/^\w+$/.test(cells[1]) || supported.some((v) => !Number.isInteger(v))) {
      throw new CatalogSourceError(file, i + 2, '5 tab-separated cells: domain, Op, versions, versions, limitation', line);
    }
    const row: RuntimeRow = { versions: supported.sort((a, b) => b - a), supported: supported.length > 0 };
    if (cells[4].trim()) row.note = cells[4].trim();
    ((domains[normalizeTableDomain(cells[0].trim() || 'ai.onnx')] ??= {})[cells[1]] ??= []).push(row);
  });
  return domains;
}
