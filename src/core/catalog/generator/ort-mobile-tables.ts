// Parses the CoreML / NNAPI execution-provider op lists: `|ai.onnx:Conv|note|` rows (one stray `ai.onnx.ReduceSum`
// upstream uses a dot instead of the colon; the domain is then the longest known prefix).
import type { RuntimeRow } from '../data-format';
import { CatalogSourceError } from './errors';
import { isSeparatorRow, normalizeTableDomain, splitTableRow } from './table-rows';

const KNOWN_DOMAINS = ['ai.onnx.ml', 'ai.onnx', 'com.microsoft'];

export function parseMobileOpList(text: string, file: string): Record<string, Record<string, RuntimeRow[]>> {
  const domains: Record<string, Record<string, RuntimeRow[]>> = {};
  let inBody = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.startsWith('|')) return;
    if (isSeparatorRow(line)) {
      inBody = true;
      return;
    }
    if (!inBody) return;
    const cells = splitTableRow(line);
    if (cells.length !== 2) throw new CatalogSourceError(file, index + 1, '2 cells "|domain:Op|note|"', line);
    const qualified = cells[0];
    let domain: string | undefined;
    let op: string | undefined;
    const colon = qualified.indexOf(':');
    if (colon > 0) [domain, op] = [qualified.slice(0, colon), qualified.slice(colon + 1)];
    else {
      domain = KNOWN_DOMAINS.find((d) => qualified.startsWith(`${d}.`));
      op = domain && qualified.slice(domain.length + 1);
    }
    if (!domain || !op || !/^\w+$/.test(op)) throw new CatalogSourceError(file, index + 1, 'an op "domain:Op"', qualified);
    const row: RuntimeRow = cells[1] ? { note: cells[1] } : {};
    ((domains[normalizeTableDomain(domain)] ??= {})[op] ??= []).push(row);
  });
  return domains;
}
