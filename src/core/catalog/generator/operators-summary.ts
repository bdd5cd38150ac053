// Parses the summary tables at the top of ONNX's Operators.md / Operators-ml.md: per domain, each op's
// since-versions, whether it is deprecated, experimental, and whether its newest version is a function.
// The catalog takes `isFunction` and `experimental` from here (the Changelog does not say), and the tests compare
// the catalog's op/version sets against these tables.
import { CatalogSourceError } from './errors';

export interface SummaryEntry {
  /** "" for ai.onnx. */
  domain: string;
  name: string;
  /** Since-versions, descending as listed. */
  versions: number[];
  deprecated: boolean;
  experimental: boolean;
  /** Listed under **Function**: the newest version has a function body. */
  isFunction: boolean;
  /** The "Function version" column: opset versions of the function bodies. */
  functionVersions: number[];
}

const DOMAIN_HEADING = /^### (\S+)( \(default\))?$/;
const ROW = /^\|(<sub>experimental<\/sub> )?<a href="#([^"]+)">([^<]+)<\/a>( \(deprecated\))?\|(.*?)\|(?:([\d, ]*)\|)?$/;

export function parseOperatorsSummary(text: string, file: string): SummaryEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: SummaryEntry[] = [];
  let domain: string | undefined;
  let inFunctions = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.startsWith('## ') && entries.length > 0) break; // the per-op sections start here
    const heading = DOMAIN_HEADING.exec(line);
    if (heading) {
      domain = heading[1] === 'ai.onnx' ? '' : heading[1];
      inFunctions = false;
      continue;
    }
    if (domain === undefined || !line.startsWith('|')) continue;
    if (line.startsWith('|**Operator**') || line.startsWith('|-|')) continue;
    if (line.startsWith('|**Function**')) {
      inFunctions = true;
      continue;
    }
    const m = ROW.exec(line);
    if (!m) throw new CatalogSourceError(file, index + 1, 'a summary row "|<a href="#Op">Op</a>|<a …>N</a>, …|"', line);
    const versions = [...m[5].matchAll(/>(\d+)<\/a>/g)].map((v) => Number(v[1]));
    if (versions.length === 0) throw new CatalogSourceError(file, index + 1, 'at least one since-version link', line);
    const qualified = m[3];
    entries.push({
      domain,
      name: domain !== '' && qualified.startsWith(`${domain}.`) ? qualified.slice(domain.length + 1) : qualified,
      versions,
      deprecated: m[4] !== undefined,
      experimental: m[1] !== undefined,
      isFunction: inFunctions,
      functionVersions: (m[6] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number),
    });
  }
  return entries;
}
