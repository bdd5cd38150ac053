// The human report: per model, findings grouped by problem (severity, then code), then by op, with node counts and
// the first few node names, then what a retarget offers and one summary line.
import { qualifiedOp } from '../onnx/model';
import { FINDING_RULES, severityRank, type Finding, type FindingCode, type Severity } from './findings';
import type { CoverageReport, DecompositionMatch } from './report';
import { terminalSafeReport } from './terminal-safe';
import { plural } from '../plural';
import { pushAll } from '../push-all';

const NAMES_SHOWN = 3;
const SEVERITY_HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
const SEVERITY_MARK: Record<Severity, string> = { error: '✗', warning: '!', info: 'i' };

export function formatText(unsafeReport: CoverageReport): string {
  const report = terminalSafeReport(unsafeReport);
  const out: string[] = [];
  out.push(report.model);
  out.push(`  ${describeTarget(report)}`);
  const s = report.summary;
  out.push(`  ${plural(s.nodesChecked, 'node')} checked, ${s.ok} ok`);

  for (const severity of ['error', 'warning', 'info'] as const) {
    const ofSeverity = report.findings.filter((f) => f.severity === severity);
    if (ofSeverity.length === 0) continue;
    out.push('', `  ${SEVERITY_HEADING[severity]}`);
    for (const [code, findings] of groupBy(ofSeverity, (f) => f.code)) {
      pushAll(out, formatCodeGroup(code as FindingCode, severity, findings, report));
    }
  }

  if (report.quantization.decomposedConstructs > 0) {
    out.push('', `  Quantization: ${report.quantization.message}`);
  }

  if (report.retarget && report.retarget.fusedOpsOffered.length > 0) {
    const r = report.retarget;
    out.push('', `  Fused ops opset ${r.toOpset} offers that opset ${r.fromOpset} lacks:`);
    for (const f of r.fusedOpsOffered) {
      const use = f.matches > 0 ? `replaces ${plural(f.matches, 'decomposed construct')} found here (${f.patterns.join(', ')})` : `for ${f.patterns.join(', ')} (none found here)`;
      out.push(`    ${qualifiedOp(f.domain, f.op)} (opset ${f.sinceOpset}) ${use}`);
    }
  }

  out.push('', `  ${summaryLine(report)}`);
  return `${out.join('\n')}\n`;
}

/** "2 errors, 1 warning, 3 info · cannot run: my_domain::CustomReLU" — also the last line of each model's report. */
export function summaryLine(report: CoverageReport): string {
  const s = report.summary;
  const verdict = s.errors === 0 ? (s.warnings === 0 ? 'OK' : 'OK with warnings') : 'NOT OK';
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.infos} info`;
  const blocked = s.unsupportedOps.length > 0 ? ` · cannot run: ${s.unsupportedOps.join(', ')}` : '';
  return `${verdict}: ${counts}${blocked}`;
}

function describeTarget(report: CoverageReport): string {
  const imports = report.opsetImport.map((o) => `${o.domain === '' ? 'ai.onnx' : o.domain} ${o.version}`).join(', ') || 'no opset imports';
  const modelOpset = report.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version;
  const parts = [`imports ${imports}`];
  if (report.target.opset !== null && report.target.opset !== modelOpset) parts.push(`checked against opset ${report.target.opset}`);
  if (report.target.runtime !== null) parts.push(`runtime ${report.target.runtimeName ?? report.target.runtime}`);
  return parts.join(' · ');
}

function formatCodeGroup(code: FindingCode, severity: Severity, findings: Finding[], report: CoverageReport): string[] {
  const lines: string[] = [];
  const byOp = groupBy(findings, (f) => f.op);
  const nodeCount = new Set(findings.map((f) => f.nodePath || f.node)).size;
  // A finding about the whole model (an import, its training graphs) has no op or node to count.
  const modelLevel = findings.every((f) => f.scopeKind === 'model');
  const scope = code === 'decomposed-op' ? ` — ${plural(findings.length, 'construct')}`
    : modelLevel || (code === 'opset-too-new' && nodeCount <= 1) ? '' : ` — ${plural(byOp.size, 'op')}, ${plural(nodeCount, 'node')}`;
  lines.push(`  ${SEVERITY_MARK[severity]} ${code}${scope}: ${FINDING_RULES[code].summary}`);
  for (const [op, ofOp] of byOp) {
    if (code === 'decomposed-op') {
      pushAll(lines, ofOp.map((f) => formatDecomposition(f, report.decompositions[f.decomposition ?? -1])));
      continue;
    }
    if (modelLevel) {
      for (const message of distinct(ofOp.map((f) => f.message))) pushAll(lines, wrap(message, '      '));
      continue;
    }
    const nodes = distinct(ofOp.map((f) => f.node));
    lines.push(`      ${op || '(model)'} — ${plural(nodes.length, 'node')}${nodes[0] ? `: ${firstNames(nodes)}` : ''}`);
    // Same op, different problems (two attributes, two types): one line per distinct message with its own nodes.
    const byMessage = groupBy(ofOp, (f) => f.message);
    for (const [message, same] of byMessage) {
      const names = distinct(same.map((f) => f.node));
      const who = byMessage.size > 1 && names.length < nodes.length ? ` (${firstNames(names)})` : '';
      pushAll(lines, wrap(`${message}${who}`, '          '));
    }
  }
  return lines;
}

function formatDecomposition(finding: Finding, match: DecompositionMatch | undefined): string {
  if (!match) return `      ${finding.message}`;
  const where = match.scope ? ` at ${match.scope}` : '';
  // A chain reads best as its ends: where it starts and the node whose output the fused op would produce.
  const span = match.nodes.length <= 2 ? match.nodes.join(', ') : `${match.nodes[0]} … ${match.nodes[match.nodes.length - 1]}`;
  return [`      ${match.pattern}${where} — ${plural(match.nodes.length, 'node')}: ${span}`, ...wrap(finding.message, '          ')].join('\n');
}

const WIDTH = 118;

/** Wraps a message at word boundaries so that each line, indent included, stays within WIDTH. */
export function wrap(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

function firstNames(names: string[]): string {
  const shown = names.slice(0, NAMES_SHOWN).join(', ');
  return names.length > NAMES_SHOWN ? `${shown}, … (+${names.length - NAMES_SHOWN} more)` : shown;
}

function distinct<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Groups keeping first-seen order, after sorting by severity so errors lead. */
function groupBy<T extends { severity?: Severity }>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const sorted = [...items].sort((a, b) => severityRank(a.severity ?? 'info') - severityRank(b.severity ?? 'info'));
  const groups = new Map<string, T[]>();
  for (const item of sorted) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
