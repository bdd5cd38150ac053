// Parses ONNX Runtime Web's operator tables: WebGPU (`| Op | ai.onnx(6-12,13+); com.microsoft(1+) | comments |`),
// WebNN (`| Op | ai.onnx(7-12, 13+) | webnnApi | comments |`) and WebGL (`| [Op](…) | [6-12](…), [13+](…) |`,
// an empty cell meaning "listed, not implemented").
import type { RuntimeRow } from '../data-format';
import { CatalogSourceError } from './errors';
import { isSeparatorRow, normalizeTableDomain, parseVersionRange, splitTableRow } from './table-rows';

export type OpRows = Record<string, Record<string, RuntimeRow[]>>;

/** WebGPU and WebNN: domain groups with version ranges, an optional API column, then comments. */
export function parseWebDomainTable(text: string, file: string, kind: 'webgpu' | 'webnn'): OpRows {
  const domains: OpRows = {};
  forEachBodyRow(text, (cells, index, line) => {
    const expectedCells = kind === 'webgpu' ? 3 : 4;
    if (cells.length !== expectedCells) throw new CatalogSourceError(file, index + 1, `${expectedCells} cells`, line);
    const [op, opsets] = cells;
    const note = [kind === 'webnn' && cells[2] ? `maps to WebNN ${cells[2]}` : '', cells[expectedCells - 1]].filter(Boolean).join('. ');
    // Groups are separated by ";" (WebGPU) or "," (WebNN): take each "domain(…)" and require nothing else between.
    const groups = [...opsets.matchAll(/([a-z][\w.]*)\(([^)]*)\)/g)];
    if (groups.length === 0 || opsets.replace(/([a-z][\w.]*)\(([^)]*)\)/g, '').replace(/[;,\s]/g, '') !== '') {
      throw new CatalogSourceError(file, index + 1, 'opset groups "domain(a-b, c+)" separated by ";" or ","', opsets);
    }
    for (const m of groups) {
      const rows = ((domains[normalizeTableDomain(m[1])] ??= {})[op] ??= []);
      for (const cell of m[2].split(',').map((c) => c.trim()).filter(Boolean)) {
        const range = parseVersionRange(cell);
        if (!range) throw new CatalogSourceError(file, index + 1, 'a version range "a-b", "a" or "a+"', cell);
        rows.push({ range: cell, from: range.from, to: range.to, ...(note ? { note } : {}) });
      }
    }
  });
  return domains;
}

/** WebGL: ai.onnx only; link-wrapped names and ranges. */
export function parseWebGlTable(text: string, file: string): OpRows {
  const ops: Record<string, RuntimeRow[]> = {};
  forEachBodyRow(text, (cells, index, line) => {
    if (cells.length !== 2) throw new CatalogSourceError(file, index + 1, '2 cells "| [Op](…) | [a-b](…), … |"', line);
    const name = /^\[([^\]]+)\]\([^)]*\)$/.exec(cells[0]);
    if (!name) throw new CatalogSourceError(file, index + 1, 'an op link "[Op](…)"', cells[0]);
    const rows: RuntimeRow[] = [];
    for (const link of cells[1].split(/,\s*(?=\[)/).map((c) => c.trim()).filter(Boolean)) {
      const m = /^\[([^\]]+)\]\([^)]*\)$/.exec(link);
      const range = m && parseVersionRange(m[1]);
      if (!m || !range) throw new CatalogSourceError(file, index + 1, 'a version link "[a-b](…)"', link);
      rows.push({ range: m[1], from: range.from, to: range.to });
    }
    ops[name[1]] = rows.length > 0 ? rows : [{ supported: false }];
  });
  return { '': ops };
}

/** Calls `visit` for each row of the first table after its header and separator rows. */
function forEachBodyRow(text: string, visit: (cells: string[], index: number, line: string) => void): void {
  let state: 'before' | 'header' | 'body' = 'before';
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim().startsWith('|')) {
      if (state === 'body') state = 'before';
      return;
    }
    if (state === 'before') state = 'header';
    else if (state === 'header' && isSeparatorRow(line)) state = 'body';
    else if (state === 'body') visit(splitTableRow(line), index, line);
  });
}
