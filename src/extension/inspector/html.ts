// The inspector's HTML: a strict Content Security Policy (no inline script or style, scripts only with the nonce),
// and every string that comes from a model escaped. Pure: data in, markup out.
import { clip } from '../../core/clip';
import { severityRank, type Finding } from '../../core/coverage/findings';
import { terminalSafe } from '../../core/coverage/terminal-safe';
import type { CoverageReport, DecompositionMatch } from '../../core/coverage/report';
import type { ModelSummary } from '../../core/onnx/summary';
import { formatScale, formatZeroPoint } from '../quantization-markdown';
import type { DecompositionPictures, Picture } from './subgraph';
import { plural } from '../../core/plural';

export interface InspectorResources {
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

export interface InspectorView {
  fileName: string;
  fileSize: number;
  readMs: number;
  summary: ModelSummary;
  report?: CoverageReport;
  /** Pictures per decomposition (same order as report.decompositions). */
  pictures: Array<DecompositionPictures | undefined>;
  /** The human title of a decomposition pattern. */
  patternTitle: (pattern: string) => string;
}

const MAX_FINDING_ROWS = 300;
const MAX_HISTOGRAM_ROWS = 40;
const MAX_PICTURES = 24;
/** Longest model string shown whole (names, types, messages); the rest is cut with an ellipsis. */
const MAX_SHOWN_CHARS = 1000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A model string as page text: controls and bidi overrides made visible (\uXXXX) so they cannot reorder or hide
 *  what is read, cut to `max` characters, then escaped. Attribute values sent back (data-node) use escapeHtml. */
function shown(text: string, max = MAX_SHOWN_CHARS): string {
  return escapeHtml(clip(terminalSafe(text), max));
}

export function renderInspector(view: InspectorView, res: InspectorResources): string {
  return page(res, `
    ${header(view)}
    ${coverageSection(view)}
    ${decompositionSection(view)}
    ${modelSection(view)}
  `);
}

/** Shown at once while the model is read, checked and its decompositions laid out (a second or two on first open). */
export function renderLoading(fileName: string, res: InspectorResources): string {
  return page(res, `
    <header class="head"><h1>${escapeHtml(fileName)}</h1></header>
    <p class="muted loading" role="status">Reading the model and drawing its decomposed ops…</p>`);
}

/** `hint`: what most likely happened, in plain words (OnnxReadError.hint), shown before the reader's precise message. */
export function renderError(fileName: string, message: string, res: InspectorResources, hint?: string): string {
  return page(res, `
    <header class="head"><h1>${escapeHtml(fileName)}</h1></header>
    <section class="card error-card" role="alert">
      <h2><span class="codicon">✗</span> This file cannot be read as an ONNX model</h2>
      ${hint ? `<p class="error-hint">${escapeHtml(hint)}</p>` : ''}
      <pre class="message">${escapeHtml(message)}</pre>
    </section>`);
}

function page(res: InspectorResources, body: string): string {
  const csp = [
    "default-src 'none'",
    `img-src ${res.cspSource} data:`,
    `style-src ${res.cspSource}`,
    `font-src ${res.cspSource}`,
    `script-src 'nonce-${res.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(res.styleUri)}">
<title>ONNX Model Inspector</title>
</head>
<body>
<main class="inspector">${body}</main>
<script nonce="${res.nonce}" src="${escapeHtml(res.scriptUri)}"></script>
</body>
</html>`;
}

function header(view: InspectorView): string {
  const s = view.summary;
  const producer = [s.producer.name, s.producer.version].filter(Boolean).join(' ') || 'unknown producer';
  const opsets = s.opsetImport.map((o) => `<span class="chip">${shown(o.domain || 'ai.onnx')} <b>${o.version}</b></span>`).join('');
  const target = view.report?.target;
  const runtime = target?.runtimeName ?? 'no runtime (schemas only)';
  const opset = target ? (target.opset === null ? 'no ai.onnx import' : `opset ${target.opset}`) : '';
  return `
  <header class="head">
    <div class="title">
      <h1>${shown(view.fileName)}</h1>
      <div class="meta">IR ${s.irVersion} · ${shown(producer)} · ${formatBytes(view.fileSize)} file · read in ${view.readMs.toFixed(0)} ms</div>
      <div class="chips">${opsets}</div>
    </div>
    <div class="actions">
      <button class="primary" data-command="check" title="Check op coverage against the target">▶ Check Op Coverage</button>
      <button data-command="runtime" title="Select the target runtime">${shown(runtime)}</button>
      <button data-command="opset" title="Select the target opset">${shown(opset || 'opset')}</button>
      <button data-command="text" title="Show the model in ONNX's textual syntax">Show as Text</button>
    </div>
  </header>`;
}

function coverageSection(view: InspectorView): string {
  const report = view.report;
  if (!report) return `<section class="card"><h2>Coverage</h2><p class="muted">Not checked yet.</p></section>`;
  const s = report.summary;
  const verdict = s.errors > 0 ? 'bad' : s.warnings > 0 ? 'warn' : 'good';
  const runtime = report.target.runtimeName ?? 'the ONNX schemas';
  const opset = report.target.opset === null ? '' : ` at opset ${report.target.opset}`;
  const headline = s.errors > 0
    ? `${s.unsupportedOps.length || s.errors} op${(s.unsupportedOps.length || s.errors) === 1 ? '' : 's'} cannot run on ${shown(runtime)}${opset}`
    : s.warnings > 0 ? `Runs on ${shown(runtime)}${opset}, with ${s.warnings} warning${s.warnings === 1 ? '' : 's'}` : `Every node runs on ${shown(runtime)}${opset}`;
  const retarget = report.retarget && report.retarget.fusedOpsOffered.length > 0
    ? `<p class="hint">Opset ${report.retarget.toOpset} offers ${report.retarget.fusedOpsOffered.map((f) => `<code>${shown(f.op)}</code>${f.matches ? ` (replaces ${f.matches} here)` : ''}`).join(', ')}.</p>`
    : '';
  // Decomposed ops have their own section with pictures; the list holds everything else.
  const listed = report.findings.filter((f) => f.code !== 'decomposed-op').sort(bySeverity);
  const rows = listed.slice(0, MAX_FINDING_ROWS).map(findingRow).join('');
  const more = listed.length > MAX_FINDING_ROWS ? `<p class="muted">… and ${listed.length - MAX_FINDING_ROWS} more in the Problems panel.</p>` : '';
  return `
  <section class="card coverage ${verdict}" data-verdict="${verdict}">
    <div class="verdict">
      <span class="badge ${verdict}">${verdict === 'good' ? '✓' : verdict === 'warn' ? '!' : '✗'}</span>
      <div><h2>${headline}</h2>
      <div class="counts"><span>${s.nodesChecked} nodes checked</span><span>${s.ok} ok</span><span class="n-error">${plural(s.errors, 'error')}</span><span class="n-warning">${plural(s.warnings, 'warning')}</span><span class="n-info">${s.infos} info</span></div>
      ${s.unsupportedOps.length ? `<p>Cannot run: ${s.unsupportedOps.map((o) => `<code>${shown(o)}</code>`).join(' ')}</p>` : ''}
      ${retarget}</div>
    </div>
    ${rows ? `<ul class="findings">${rows}</ul>${more}` : ''}
  </section>`;
}

function findingRow(f: Finding): string {
  const icon = f.severity === 'error' ? '✗' : f.severity === 'warning' ? '!' : 'i';
  return `<li class="finding ${f.severity}" data-command="reveal" data-node="${escapeHtml(f.nodePath)}" tabindex="0" title="Show this node in the model's text">
    <span class="sev ${f.severity}">${icon}</span>
    <div><div class="what"><code class="code">${shown(f.code)}</code> <code>${shown(f.op)}</code> <span class="node">${shown(f.node)}</span></div>
    <div class="message">${shown(f.message)}</div></div></li>`;
}

function decompositionSection(view: InspectorView): string {
  const matches = view.report?.decompositions ?? [];
  if (matches.length === 0) return '';
  const cards = matches.slice(0, MAX_PICTURES).map((m, i) => decompositionCard(view, m, view.pictures[i])).join('');
  const more = matches.length > MAX_PICTURES ? `<p class="muted">… and ${matches.length - MAX_PICTURES} more in the ONNX Model view.</p>` : '';
  return `<section class="card"><h2>Decomposed ops <span class="count">${matches.length}</span></h2>
    <p class="muted">Chains of primitive ops the exporter wrote for one operator. Each is drawn beside the single op that should replace it.</p>
    ${quantizationTotalsLine(view.report!)}
    ${cards}${more}</section>`;
}

function decompositionCard(view: InspectorView, match: DecompositionMatch, pictures: DecompositionPictures | undefined): string {
  const options = match.replacements.map((r) => {
    const op = `${r.domain ? `${r.domain}::` : ''}${r.op}`;
    const state = r.domain === 'custom' ? 'custom op' : r.availableInTarget ? `opset ${r.sinceOpset}, available` : `needs opset ${r.sinceOpset}`;
    const runtime = r.runtimeSupported === null ? '' : r.runtimeSupported ? ' · runtime ✓' : ' · runtime ✗';
    return `<li class="${r.availableInTarget ? 'available' : ''}"><code>${shown(op)}</code> <span class="muted">${shown(state + runtime)}</span></li>`;
  }).join('');
  const params = Object.entries(match.params).map(([k, v]) => `<span class="chip">${shown(k)} = ${shown(typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v))}</span>`).join('');
  const first = match.nodes[0] ?? '';
  return `<article class="decomposition">
    <header><h3>${shown(view.patternTitle(match.pattern))}${match.scope ? ` <span class="muted">at</span> <code>${shown(match.scope)}</code>` : ''}</h3>
      <button data-command="source" data-node="${escapeHtml(first)}" title="Open the PyTorch module that produced these nodes">Go to PyTorch Source</button></header>
    <div class="chips">${params}</div>
    ${pictures ? `<div class="pictures">
      <figure><figcaption>As exported: ${plural(match.nodes.length, 'node')}</figcaption>${svg(pictures.decomposed)}</figure>
      <div class="arrow" aria-hidden="true">→</div>
      <figure class="replacement"><figcaption>As one op: <code>${shown(pictures.replacementOp)}</code></figcaption>${svg(pictures.replacement)}</figure>
    </div>` : ''}
    ${quantizationBlock(match)}
    <ul class="replacements">${options}</ul>
  </article>`;
}

/** The model's totals: what its decompositions cost a statically quantized deployment. */
function quantizationTotalsLine(report: CoverageReport): string {
  const q = report.quantization;
  if (q.decomposedConstructs === 0) return '';
  const pairs = q.qdqPairsInsideChains > 0 ? ` The model is already quantized: ${q.qdqPairsInsideChains} Q/DQ pair${q.qdqPairsInsideChains === 1 ? '' : 's'} sit inside these chains.` : '';
  return `<p class="quantization-totals" data-extra="${q.extraActivationQuantizers}" data-activations="${q.activationTensors}"><span class="q-icon" aria-hidden="true">⚖</span> Quantized: ${shown(q.message)}.${shown(pairs)}</p>`;
}

/** One decomposition's quantization sentence and, for QDQ models, the Q/DQ pairs inside its chain with their scales. */
function quantizationBlock(match: DecompositionMatch): string {
  const q = match.quantization;
  const rows = q.scales.map((p) => `<tr><td class="name">${shown(p.tensor)}</td><td class="num">${shown(formatScale(p))}</td><td class="num">${shown(formatZeroPoint(p))}</td></tr>`).join('');
  const table = rows
    ? `<table class="qdq-scales"><caption>Q/DQ pairs inside the chain <span class="count">${q.qdqPairs}</span></caption>
      <thead><tr><th>Quantized tensor</th><th class="num">Scale</th><th class="num">Zero point</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return `<div class="quantization"><p class="q-message">Quantized: ${shown(q.message)}.</p>${table}</div>`;
}

function svg(picture: Picture): string {
  const wires = picture.wires.map((w) => `<polyline class="wire" points="${w.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}" marker-end="url(#arrow)"/>`).join('');
  const boxes = picture.boxes.map((b) => {
    const cx = b.x + b.width / 2;
    if (b.kind === 'value') {
      return `<g class="value"><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="${b.height / 2}"/><text x="${cx}" y="${b.y + b.height / 2 + 4}">${shown(b.label)}</text></g>`;
    }
    const attrs = b.nodePath ? ` data-command="reveal" data-node="${escapeHtml(b.nodePath)}" tabindex="0"` : '';
    const title = b.sublabel ? `<title>${shown(b.sublabel)}</title>` : '';
    return `<g class="${b.kind}"${attrs}>${title}<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="5"/><text class="op" x="${cx}" y="${b.y + (b.sublabel ? 14 : b.height / 2 + 4)}">${shown(b.label)}</text>${b.sublabel ? `<text class="name" x="${cx}" y="${b.y + 27}">${shown(b.sublabel)}</text>` : ''}</g>`;
  }).join('');
  return `<svg class="graph" viewBox="0 0 ${Math.ceil(picture.width)} ${Math.ceil(picture.height)}" width="${Math.ceil(picture.width)}" height="${Math.ceil(picture.height)}" role="img">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>${wires}${boxes}</svg>`;
}

function modelSection(view: InspectorView): string {
  const s = view.summary;
  const io = (title: string, values: Array<{ name: string; type: string; initializer?: true }>) => `
    <div><h3>${title} <span class="count">${values.filter((v) => !v.initializer).length}</span></h3>
    <table class="values">${values.filter((v) => !v.initializer).map((v) => `<tr><td class="name">${shown(v.name)}</td><td><code>${shown(v.type)}</code></td></tr>`).join('')}</table></div>`;
  const histogram = Object.entries(s.opHistogram).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = histogram[0]?.[1] ?? 1;
  const bars = histogram.slice(0, MAX_HISTOGRAM_ROWS).map(([op, n]) => `<tr><td><code>${shown(op)}</code></td><td class="bar-cell"><meter min="0" max="${max}" value="${n}"></meter></td><td class="num">${n}</td></tr>`).join('');
  const rest = histogram.length > MAX_HISTOGRAM_ROWS ? `<p class="muted">… and ${histogram.length - MAX_HISTOGRAM_ROWS} more op types.</p>` : '';
  const metadata = Object.entries(s.metadata);
  return `
  <section class="card model">
    <h2>Model</h2>
    <div class="stats">
      <div><b>${s.nodeCount}</b><span>nodes${s.nodeCounts.subgraphs ? ` (${s.nodeCounts.subgraphs} in subgraphs)` : ''}</span></div>
      <div><b>${Object.keys(s.opHistogram).length}</b><span>op types</span></div>
      <div><b>${s.initializers.count}</b><span>initializer${s.initializers.count === 1 ? '' : 's'}${s.initializers.external ? ` (${s.initializers.external} external)` : ''}</span></div>
      <div><b>${formatBytes(s.initializers.bytes)}</b><span>of weights (not loaded)</span></div>
      ${s.functions.length ? `<div><b>${s.functions.length}</b><span>functions</span></div>` : ''}
    </div>
    <div class="io">${io('Inputs', s.inputs)}${io('Outputs', s.outputs)}</div>
    <h3>Op histogram</h3>
    <table class="histogram">${bars}</table>${rest}
    ${metadata.length ? `<h3>Metadata</h3><table class="values">${metadata.map(([k, v]) => `<tr><td class="name">${shown(k)}</td><td>${shown(v, 300)}</td></tr>`).join('')}</table>` : ''}
  </section>`;
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}
