// Splits ONNX's Changelog.md / Changelog-ml.md and ORT's ContribOperators.md into operator sections and parses
// each with `parseOpBlock`. Changelog files: `# <domain>` headings, `## Version N of …` sections and
// `### <a name="Op-N"></a>**Op-N**` ops. ContribOperators.md: `## <domain>` headings and unversioned
// `### <a name="com.microsoft.Op">` ops.
import { CatalogSourceError } from './errors';
import type { OpBlock } from './op-block';
import { parseOpBlock } from './op-block';

export interface ParsedSchema {
  /** "" for ai.onnx. */
  domain: string;
  name: string;
  experimental: boolean;
  block: OpBlock;
}

const CHANGELOG_DOMAIN = /^# (\S+)( \(default\))?$/;
const CHANGELOG_VERSION = /^## Version (\d+) of (?:the default ONNX|the '([^']+)') operator set$/;
const CHANGELOG_OP = /^### (<sub>experimental<\/sub> )?<a name="([^"]+)-(\d+)"><\/a>\*\*([^*]+)-(\d+)\*\*( \(deprecated\))?<\/a>$/;

export interface ParsedChangelog {
  schemas: ParsedSchema[];
  /** Per domain, the newest "## Version N of … operator set" heading (a version may add no op). */
  latestOpset: Record<string, number>;
}

/** Parses Changelog.md or Changelog-ml.md: every version of every op of every domain in the file. */
export function parseChangelog(text: string, file: string): ParsedChangelog {
  const lines = text.split(/\r?\n/);
  const schemas: ParsedSchema[] = [];
  const latestOpset: Record<string, number> = {};
  let domain: string | undefined;
  let setVersion: number | undefined;
  let open: { domain: string; name: string; version: number; experimental: boolean; headerLine: number } | undefined;
  let bodyStart = 0;
  const close = (end: number) => {
    if (!open) return;
    const block = parseOpBlock(lines.slice(bodyStart, end), { file, firstLine: bodyStart + 1 });
    // "No versioning maintained for experimental ops": the version is the heading's (Upsample-1, FlexAttention-1).
    if (block.unversioned) block.sinceVersion = open.version;
    if (block.sinceVersion !== open.version) {
      throw new CatalogSourceError(file, open.headerLine + 1, `since version ${open.version} (from the heading)`, `since version ${block.sinceVersion}`);
    }
    schemas.push({ domain: open.domain, name: open.name, experimental: open.experimental || block.unversioned, block });
    open = undefined;
  };
  lines.forEach((line, index) => {
    if (!line.startsWith('#') || line.startsWith('####')) return;
    if (line.startsWith('# ')) {
      close(index);
      const m = CHANGELOG_DOMAIN.exec(line);
      if (!m) throw new CatalogSourceError(file, index + 1, 'a domain heading "# ai.onnx.ml"', line);
      domain = m[1] === 'ai.onnx' ? '' : m[1];
      setVersion = undefined;
    } else if (line.startsWith('## ')) {
      close(index);
      if (line === '## Operator Changelog') return;
      const m = CHANGELOG_VERSION.exec(line);
      if (!m || domain === undefined) throw new CatalogSourceError(file, index + 1, 'a heading "## Version N of … operator set" inside a domain', line);
      if ((m[2] ?? '') !== (domain === '' ? '' : domain)) throw new CatalogSourceError(file, index + 1, `an operator set of domain '${domain || 'ai.onnx'}'`, line);
      setVersion = Number(m[1]);
      latestOpset[domain] = Math.max(latestOpset[domain] ?? 0, setVersion);
    } else if (line.startsWith('### ')) {
      close(index);
      const m = CHANGELOG_OP.exec(line);
      if (!m || domain === undefined || setVersion === undefined) throw new CatalogSourceError(file, index + 1, 'an op heading "### <a name="Op-N"></a>**Op-N**</a>" inside a version section', line);
      const version = Number(m[3]);
      if (m[2] !== m[4] || version !== Number(m[5]) || version !== setVersion) throw new CatalogSourceError(file, index + 1, `an op of version ${setVersion} with matching anchor and title`, line);
      open = { domain, name: stripDomain(m[2], domain), version, experimental: m[1] !== undefined, headerLine: index };
      bodyStart = index + 1;
    }
  });
  close(lines.length);
  return { schemas, latestOpset };
}

const CONTRIB_DOMAIN = /^## ([a-z][\w.]*)$/;
const CONTRIB_OP = /^### (<sub>experimental<\/sub> )?<a name="([^"]+)"><\/a><a name="[^"]+">\*\*([^*]+)\*\*<\/a>$/;

/** Parses ORT's ContribOperators.md: one (unversioned-heading) section per op, grouped by `## <domain>`. */
export function parseContribOperators(text: string, file: string): ParsedSchema[] {
  const lines = text.split(/\r?\n/);
  const schemas: ParsedSchema[] = [];
  let domain: string | undefined;
  let open: { name: string; experimental: boolean; domain: string } | undefined;
  let bodyStart = 0;
  const close = (end: number) => {
    if (!open) return;
    const block = parseOpBlock(lines.slice(bodyStart, end), { file, firstLine: bodyStart + 1 });
    schemas.push({ domain: open.domain, name: open.name, experimental: open.experimental || block.unversioned, block });
    open = undefined;
  };
  lines.forEach((line, index) => {
    if (!line.startsWith('## ') && !line.startsWith('### ')) return;
    close(index);
    if (line.startsWith('## ')) {
      if (line === '## Contrib Operator Schemas') return;
      const m = CONTRIB_DOMAIN.exec(line);
      if (!m) throw new CatalogSourceError(file, index + 1, 'a domain heading "## com.microsoft"', line);
      domain = m[1];
      return;
    }
    const m = CONTRIB_OP.exec(line);
    if (!m || domain === undefined || m[2] !== m[3]) throw new CatalogSourceError(file, index + 1, 'an op heading "### <a name="domain.Op"></a>…**domain.Op**</a>" inside a domain', line);
    if (!m[2].startsWith(`${domain}.`)) throw new CatalogSourceError(file, index + 1, `an op of domain ${domain}`, line);
    open = { name: stripDomain(m[2], domain), experimental: m[1] !== undefined, domain };
    bodyStart = index + 1;
  });
  close(lines.length);
  return schemas;
}

function stripDomain(qualified: string, domain: string): string {
  return domain !== '' && qualified.startsWith(`${domain}.`) ? qualified.slice(domain.length + 1) : qualified;
}
