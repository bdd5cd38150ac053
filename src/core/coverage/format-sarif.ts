// SARIF 2.1.0 for CI systems and code-scanning UIs: one run for all checked models; one rule per finding code;
// one result per finding with its level, the model file as the artifact location and the node path as a logical
// location (a model has no lines to point at, so the node's stable path is the precise place).
import { FINDING_CODES, FINDING_RULES, type Finding, type FindingCode, type Severity } from './findings';
import type { CoverageReport } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  toolVersion: string;
}

export function formatSarif(reports: CoverageReport[], options: SarifOptions): string {
  return JSON.stringify(toSarif(reports, options), null, 2);
}

export function toSarif(reports: CoverageReport[], options: SarifOptions): Record<string, unknown> {
  const ruleIndex = new Map<FindingCode, number>(FINDING_CODES.map((code, i) => [code, i]));
  const results = reports.flatMap((report, artifactIndex) => report.findings.map((f) => toResult(f, report, artifactIndex, ruleIndex.get(f.code)!)));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'onnx-coverage',
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            rules: FINDING_CODES.map((code) => ({
              id: code,
              name: ruleName(code),
              shortDescription: { text: FINDING_RULES[code].summary },
              defaultConfiguration: { level: LEVEL[FINDING_RULES[code].severity] },
            })),
          },
        },
        artifacts: reports.map((r) => ({ location: { uri: toUri(r.model) }, roles: ['analysisTarget'] })),
        results,
        properties: {
          // Per model: what it was checked against, the counts, the quantization totals and what a retarget offers.
          targets: reports.map((r) => ({ model: r.model, opset: r.target.opset, runtime: r.target.runtime, summary: r.summary, quantization: r.quantization, ...(r.retarget ? { retarget: r.retarget } : {}) })),
        },
      },
    ],
  };
}

function toResult(f: Finding, report: CoverageReport, artifactIndex: number, ruleIndex: number): Record<string, unknown> {
  const logicalLocations = f.nodePath === ''
    ? [{ name: f.node || 'model', kind: 'module' }]
    : [{ name: f.node, fullyQualifiedName: f.nodePath, kind: 'element' }];
  const properties: Record<string, unknown> = { op: f.op, node: f.node, nodePath: f.nodePath, scopeKind: f.scopeKind, scopePath: f.scopePath };
  if (f.subject !== undefined) properties.subject = f.subject;
  if (f.decomposition !== undefined) properties.decomposition = report.decompositions[f.decomposition];
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(report.model), index: artifactIndex } }, logicalLocations }],
    partialFingerprints: { nodeFinding: `${f.code}|${f.op}|${f.nodePath}|${f.subject ?? ''}` },
    properties,
  };
}

/** "unknown-op" → "UnknownOp" (SARIF rule names are identifiers; ids stay the stable codes). */
function ruleName(code: string): string {
  return code.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase());
}

/** Relative paths stay relative (resolved against the CI checkout); absolute ones become file URIs. */
export function toUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encodeURI(slashed)}`;
  if (slashed.startsWith('/')) return `file://${encodeURI(slashed)}`;
  return encodeURI(slashed);
}
