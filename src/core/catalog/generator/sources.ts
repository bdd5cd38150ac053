// Reads ../shared/onnx-data/SOURCES.md's table: which repository and commit each folder came from, and the
// upstream version where the row states one (ONNX's VERSION_NUMBER, "ORT 1.27.0").
import type { UpstreamSource } from '../data-format';
import { CatalogSourceError } from './errors';

export function parseSources(text: string, file: string): UpstreamSource[] {
  const sources: UpstreamSource[] = [];
  text.split(/\r?\n/).forEach((line) => {
    const m = /^\| (\w+)\/ \| ([\w.-]+\/[\w.-]+) @ ([0-9a-f]{7,40})\b(.*?)\|/.exec(line);
    if (!m) return;
    const rest = m[4];
    const version = /VERSION_NUMBER ([\d.]+)/.exec(rest)?.[1] ?? /ORT ([\d.]+)/.exec(rest)?.[1] ?? /release ([\w.-]+)/.exec(rest)?.[1] ?? m[3].slice(0, 12);
    sources.push({ folder: m[1], repository: m[2], commit: m[3], version });
  });
  if (sources.length === 0) throw new CatalogSourceError(file, 1, 'table rows "| folder/ | owner/repo @ commit …|"', text.split('\n', 1)[0]);
  return sources;
}
