// `onnx-coverage inspect <model...> [--json]`: a model at a glance — IR version, producer, opset imports, typed
// inputs/outputs, node counts, initializers, op histogram (main graph + nested subgraphs; function bodies apart),
// metadata. Several models in one call (one JSON object per line with --json) so a corpus scans in one process.
// Exit 0 when every model was read, 2 when any was unusable (its message on stderr; the others still print).
import { flag, parseArgs } from './args';
import type { CliIO, Command } from './command';
import { EXIT_OK, EXIT_UNUSABLE } from './command';
import { expandFolders, forEachUsable, Unusable } from './inputs';
import { failUsage, writeJsonLine } from './output';
import { terminalSafe } from '../core/coverage/terminal-safe';
import { OnnxReadError, readModelFile } from '../core/onnx/reader';
import type { ModelSummary } from '../core/onnx/summary';
import { summarize } from '../core/onnx/summary';

const USAGE = `Usage: onnx-coverage inspect <model.onnx|folder>... [--json]

Summarises ONNX models (a folder: every .onnx file below it) without loading their weights: IR version, producer, opset imports, graph inputs and
outputs with types and shapes, node counts, initializer count and bytes, the op histogram ("Op" for the
default domain, "domain::Op" otherwise, counting nodes of nested subgraphs), model-local functions, metadata.

  --json    one JSON object per model, one per line: path, irVersion, producer {name, version},
            opsetImport [{domain, version}] (default domain ""), inputs/outputs [{name, type}],
            nodeCount, nodeCounts, initializers {count, bytes, external}, opHistogram, functions, metadata

Types read like tensor(float)[1,"seq",768]: numbers are fixed dims, quoted names symbolic dims, ? unknown dims;
no brackets means unknown rank, [] a scalar.

Exit 0 every model was read, 2 a model could not be read (the reason, with file and byte offset, on stderr).
`;

const NAME = 'inspect';
const OPTIONS = { json: flag() };

export const inspectCommand: Command = {
  name: NAME,
  summary: 'Summarise ONNX models: opsets, inputs/outputs, op histogram, initializers, metadata',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseArgs(args, { options: OPTIONS, positional: 'model' });
    if (typeof parsed === 'string') return failUsage(io, NAME, parsed, USAGE);
    const { json } = parsed.options;
    const allUsable = await forEachUsable(expandFolders(parsed.positionals, ['.onnx']), NAME, io, summarizeFile, (summary, path, index) => {
      if (json) writeJsonLine(io, { path, ...summary });
      else io.stdout(`${index > 0 ? '\n' : ''}${renderSummary(path, summary)}`);
    });
    return allUsable ? EXIT_OK : EXIT_UNUSABLE;
  },
};

/** The summary, or the reader's message (file and byte offset) when the file is not a readable model. */
function summarizeFile(path: string): ModelSummary | Unusable {
  try {
    // The summary needs no node names or value names: skipping them makes huge graphs much cheaper.
    return summarize(readModelFile(path, { detail: 'summary' }));
  } catch (error) {
    if (!(error instanceof OnnxReadError)) throw error;
    return new Unusable(error.message);
  }
}

const MAX_LISTED = 20;

export function renderSummary(path: string, s: ModelSummary): string {
  const rows: Array<[string, string]> = [
    ['IR version', String(s.irVersion)],
    ['producer', [s.producer.name, s.producer.version].filter(Boolean).join(' ') || '(none)'],
    ['opset imports', s.opsetImport.map((o) => `${o.domain === '' ? 'ai.onnx' : o.domain} ${o.version}`).join(', ') || '(none)'],
  ];
  const values = (label: string, list: Array<{ name: string; type: string }>, note = '') => {
    if (list.length === 0) rows.push([label, `(none)${note}`]);
    const shown = list.slice(0, MAX_LISTED);
    shown.forEach((v, i) => rows.push([i === 0 ? label : '', `${v.name}: ${v.type}${i === shown.length - 1 ? note : ''}`]));
    if (list.length > shown.length) rows.push(['', `… ${list.length - shown.length} more (see --json)`]);
  };
  // Old exporters (IR < 4) list every weight as a graph input too; the text view keeps those out of the way.
  const fedByInitializer = s.inputs.filter((v) => v.initializer).length;
  values('inputs', s.inputs.filter((v) => !v.initializer), fedByInitializer ? ` (+${fedByInitializer} inputs fed by initializers)` : '');
  values('outputs', s.outputs);
  const c = s.nodeCounts;
  rows.push(['nodes', `${s.nodeCount} (main graph ${c.mainGraph}, subgraphs ${c.subgraphs}; functions ${c.functions}${c.training ? `; training graphs ${c.training}` : ''})`]);
  rows.push(['initializers', `${s.initializers.count} (${formatBytes(s.initializers.bytes)}${s.initializers.external ? `, ${s.initializers.external} external` : ''})`]);
  rows.push(['ops', formatHistogram(s.opHistogram) || '(none)']);
  for (const [i, fn] of s.functions.entries()) {
    rows.push([i === 0 ? 'functions' : '', `${fn.domain}::${fn.name}${fn.overload ? `:${fn.overload}` : ''} (${formatHistogram(fn.opHistogram) || 'empty'})`]);
  }
  for (const [i, [key, value]] of Object.entries(s.metadata).entries()) rows.push([i === 0 ? 'metadata' : '', `${key} = ${oneLine(value)}`]);
  // reduce, not Math.max(...): one row per metadata entry, and a spread of 200,000 overflows the stack.
  const width = rows.reduce((max, [label]) => Math.max(max, label.length), 0);
  // Values hold model strings (names, producer, metadata): escaped and cut, they cannot drive the terminal.
  return `${terminalSafe(path)}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${terminalSafe(value)}`).join('\n')}\n`;
}

/** Most frequent first, then by name (code-point order: default-domain ops before `domain::Op`). */
function formatHistogram(histogram: Record<string, number>): string {
  return Object.entries(histogram).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([op, n]) => `${op} ${n}`).join(', ');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
