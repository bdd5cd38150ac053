// `onnx-coverage check <model...> [--opset N] [--runtime ID] [--format text|json|sarif]`
// Checks each model in turn; an unusable file is reported on stderr and the others are still checked.
// Exit: 2 when any input was unusable, else 1 when any model has an error finding, else 0.
import { choice, parseArgs, positiveInt, text } from './args';
import type { CliIO, Command } from './command';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './command';
import { expandFolders, forEachUsable, Unusable } from './inputs';
import { failUsage, writeError, writeLine } from './output';
import { readModelFile } from '../core/onnx/reader';
import { OnnxReadError } from '../core/onnx/errors';
import { checkModel, CoverageOptionError } from '../core/coverage/engine';
import { formatText } from '../core/coverage/format-text';
import { formatJson } from '../core/coverage/format-json';
import { formatSarif } from '../core/coverage/format-sarif';
import type { CoverageReport } from '../core/coverage/report';

declare const VERSION: string;

const NAME = 'check';

const OPTIONS = {
  opset: positiveInt(),
  runtime: text('a runtime id'),
  format: choice('text', 'json', 'sarif'),
};

interface CheckArgs {
  models: string[];
  opset?: number;
  runtime?: string;
  format: 'text' | 'json' | 'sarif';
}

const USAGE = `Usage: onnx-coverage check <model.onnx|folder...> [--opset N] [--runtime ID] [--format text|json|sarif]

Checks every node (main graph, If/Loop/Scan subgraphs, model-local functions) against the ONNX operator
schemas in force and, with --runtime, against that runtime's kernel table. A folder stands for every .onnx
file below it.

  --opset N        validate against ai.onnx opset N instead of the model's own import (retarget check)
  --runtime ID     ort-cpu, ort-cuda, ort-dml, tensorrt, openvino, … ('onnx-coverage check --runtime list')
  --format F       text (default), json (one object per model, one per line), sarif (SARIF 2.1.0, one log)

Severity: error = the target cannot run the node as written; warning = it may, but needs a decision;
info = fine, worth knowing. Exit 0 no error finding, 1 at least one, 2 unusable input.
`;

export function parseCheckArgs(args: string[]): CheckArgs | string {
  const parsed = parseArgs(args, { options: OPTIONS, positional: 'model' });
  if (typeof parsed === 'string') return parsed;
  const { opset, runtime, format = 'text' } = parsed.options;
  return { models: parsed.positionals, opset, runtime, format };
}

export const checkCommand: Command = {
  name: NAME,
  summary: 'Check op coverage of models against an opset and a runtime (text, JSON, SARIF)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCheckArgs(args);
    if (typeof parsed === 'string') return failUsage(io, NAME, parsed, USAGE);
    const reports: CoverageReport[] = [];
    const inputs = expandFolders(parsed.models, ['.onnx']);
    let allUsable: boolean;
    try {
      allUsable = await forEachUsable(inputs, NAME, io, (path) => checkFile(path, parsed), (report) => {
        reports.push(report);
        if (parsed.format === 'text') writeLine(io, formatText(report));
        if (parsed.format === 'json') writeLine(io, formatJson(report));
      });
    } catch (error) {
      if (!(error instanceof CoverageOptionError)) throw error;
      // Bad options are the same for every model: say it once and stop.
      writeError(io, NAME, error.message);
      return EXIT_UNUSABLE;
    }
    if (parsed.format === 'sarif') writeLine(io, formatSarif(reports, { toolVersion: typeof VERSION === 'string' ? VERSION : '0.0.0' }));
    if (parsed.format === 'text' && inputs.length > 1) writeLine(io, overallLine(reports, inputs.length));
    if (!allUsable) return EXIT_UNUSABLE;
    return reports.some((r) => r.summary.errors > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** The model's report, or why the file is unusable; a CoverageOptionError (bad --opset/--runtime) is thrown. */
function checkFile(path: string, args: CheckArgs): CoverageReport | Unusable {
  try {
    return checkModel(readModelFile(path), { opset: args.opset, runtime: args.runtime, label: path });
  } catch (error) {
    if (error instanceof CoverageOptionError) throw error;
    return new Unusable(describeReadFailure(path, error));
  }
}

function describeReadFailure(path: string, error: unknown): string {
  if (error instanceof OnnxReadError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const named = message.includes(path) ? message : `${path}: ${message}`;
  // Anything but a read error is a bug of ours, not the user's file: say so rather than blame the model.
  return error instanceof Error && 'code' in error ? named : `internal error while checking ${named}`;
}

function overallLine(reports: CoverageReport[], given: number): string {
  const notOk = reports.filter((r) => r.summary.errors > 0).length;
  const unreadable = given - reports.length;
  const parts = [`${reports.length - notOk} OK`, `${notOk} NOT OK`];
  if (unreadable > 0) parts.push(`${unreadable} unreadable`);
  return `${given} models checked: ${parts.join(', ')}`;
}
