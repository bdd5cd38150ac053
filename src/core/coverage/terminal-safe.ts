// Model strings (names, op types, domains) reach the terminal through the text report. A name may carry escape
// sequences, carriage returns, bidi overrides or 200 KB of text: each is shown escaped (\uXXXX) and cut, so the
// report stays readable and cannot rewrite the user's terminal. JSON and SARIF are data: JSON.stringify escapes.
import type { CoverageReport } from './report';

/** C0/C1 controls (line feeds included: the view adds its own), DEL, zero-width and bidi controls, separators, BOM, lone surrogates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Longest run without a space shown whole; longer runs (a 200 KB node name) are cut with a count. */
const LONGEST_WORD = 160;

export function terminalSafe(text: string): string {
  return terminalEscaped(text).replace(new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g'), (word) => `${word.slice(0, LONGEST_WORD)}…(+${word.length - LONGEST_WORD} chars)`);
}

/** The text with every unsafe character shown as \uXXXX, nothing cut (stderr messages naming a long path). */
export function terminalEscaped(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A copy of the report whose every model-derived string the text view prints is terminal-safe. */
export function terminalSafeReport(report: CoverageReport): CoverageReport {
  return {
    ...report,
    model: terminalSafe(report.model),
    opsetImport: report.opsetImport.map((o) => ({ domain: terminalSafe(o.domain), version: o.version })),
    findings: report.findings.map((f) => ({ ...f, node: terminalSafe(f.node), op: terminalSafe(f.op), message: terminalSafe(f.message), nodePath: terminalSafe(f.nodePath) })),
    decompositions: report.decompositions.map((d) => ({ ...d, nodes: d.nodes.map(terminalSafe), scope: d.scope === null ? null : terminalSafe(d.scope) })),
    quantization: { ...report.quantization, message: terminalSafe(report.quantization.message) },
    summary: { ...report.summary, unsupportedOps: report.summary.unsupportedOps.map(terminalSafe) },
  };
}
