// The machine report: one JSON object per model (one per line when several models are checked).
// Field order follows the documented shape: model, opsetImport, target, nodes, findings, decompositions; the
// summary and the retarget section follow. Findings keep their location fields for editors and scripts.
import type { CoverageReport } from './report';

export interface JsonReport {
  model: string;
  opsetImport: Array<{ domain: string; version: number }>;
  target: { opset: number | null; runtime: string | null; runtimeName?: string };
  nodes: number;
  findings: Array<{
    severity: string;
    code: string;
    node: string;
    op: string;
    message: string;
    nodePath: string;
    scopeKind: string;
    scopePath: string;
    subject?: string;
    decomposition?: number;
  }>;
  decompositions: CoverageReport['decompositions'];
  quantization: CoverageReport['quantization'];
  summary: CoverageReport['summary'];
  retarget?: CoverageReport['retarget'];
}

export function toJsonReport(report: CoverageReport): JsonReport {
  const json: JsonReport = {
    model: report.model,
    opsetImport: report.opsetImport.map((o) => ({ domain: o.domain, version: o.version })),
    target: { opset: report.target.opset, runtime: report.target.runtime, ...(report.target.runtimeName ? { runtimeName: report.target.runtimeName } : {}) },
    nodes: report.nodes,
    findings: report.findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      node: f.node,
      op: f.op,
      message: f.message,
      nodePath: f.nodePath,
      scopeKind: f.scopeKind,
      scopePath: f.scopePath,
      ...(f.subject !== undefined ? { subject: f.subject } : {}),
      ...(f.decomposition !== undefined ? { decomposition: f.decomposition } : {}),
    })),
    decompositions: report.decompositions,
    quantization: report.quantization,
    summary: report.summary,
  };
  if (report.retarget) json.retarget = report.retarget;
  return json;
}

/** One line of JSON (no newline at the end). */
export function formatJson(report: CoverageReport): string {
  return JSON.stringify(toJsonReport(report));
}
