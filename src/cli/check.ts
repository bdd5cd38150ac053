// `onnx-coverage check <model...> [--opset N] [--runtime ID] [--format text|json|sarif]`
// Checks each model in turn; an unusable file is reported on stderr and the others are still checked.
// Exit: 2 when any input was unusable, else 1 when any model has an error finding, else 0.
import type { CliIO, Command } from './command';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './command';
import { readModelFile } from '../core/onnx/reader';
import { OnnxReadError } from '../core/onnx/errors';
import { checkModel, CoverageOptionError } from '../core/coverage/engine';
import { formatText } from '../core/coverage/format-text';
import { formatJson } from '../core/coverage/format-json';
import { formatSarif } from '../core/coverage/format-sarif';
import type { CoverageReport } from '../core/coverage/report';

declare const VERSION: string;

type Format = 'text' | 'json' | 'sarif';

interface CheckArgs {
  models: string[];
  opset?: number;
  runtime?: string;
  format: Format;
}

const USAGE = `Usage: onnx-coverage check <model.onnx...> [--opset N] [--runtime ID] [--format text|json|sarif]

Checks every node (main graph, If/Loop/Scan subgraphs, model-local functions) against the ONNX operator
schemas in force and, with --runtime, against that runtime's kernel table.

  --opset N        validate against ai.onnx opset N instead of the model's own import (retarget check)
  --runtime ID     ort-cpu, ort-cuda, ort-dml, tensorrt, openvino, … ('onnx-coverage check --runtime list')
  --format F       text (default), json (one object per model, one per line), sarif (SARIF 2.1.0, one log)

Severity: error = the target cannot run the node as written; warning = it may, but needs a decision;
info = fine, worth knowing. Exit 0 no error finding, 1 at least one, 2 unusable input.
`;

export function parseCheckArgs(args: string[]): CheckArgs | string {
  const parsed: CheckArgs = { models: [], format: 'text' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (flag) {
      case '--opset': {
        const value = takeValue();
        if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1) return `--opset needs a positive whole number, got ${value === undefined ? 'nothing' : `'${value}'`}`;
        parsed.opset = Number(value);
        break;
      }
      case '--runtime': {
        const value = takeValue();
        if (!value) return '--runtime needs a runtime id';
        parsed.runtime = value;
        break;
      }
      case '--format': {
        const value = takeValue();
        if (value !== 'text' && value !== 'json' && value !== 'sarif') return `--format must be text, json or sarif, got ${value === undefined ? 'nothing' : `'${value}'`}`;
        parsed.format = value;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return `unknown option '${arg}'`;
        parsed.models.push(arg);
    }
  }
  return parsed;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'check op coverage of models against an opset and a runtime (text, JSON, SARIF)',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCheckArgs(args);
    if (typeof parsed === 'string') {
      io.stderr(`onnx-coverage check: ${parsed}\n\n${USAGE}`);
      return EXIT_UNUSABLE;
    }
    if (parsed.models.length === 0) {
      io.stderr(`onnx-coverage check: no model given\n\n${USAGE}`);
      return EXIT_UNUSABLE;
    }
    const reports: CoverageReport[] = [];
    let unusable = false;
    for (const path of parsed.models) {
      let report: CoverageReport;
      try {
        report = checkModel(readModelFile(path), { opset: parsed.opset, runtime: parsed.runtime, label: path });
      } catch (error) {
        if (error instanceof CoverageOptionError) {
          // Bad options are the same for every model: say it once and stop.
          io.stderr(`onnx-coverage check: ${error.message}\n`);
          return EXIT_UNUSABLE;
        }
        unusable = true;
        io.stderr(`onnx-coverage check: ${describeReadFailure(path, error)}\n`);
        continue;
      }
      reports.push(report);
      if (parsed.format === 'text') io.stdout(`${formatText(report)}\n`);
      if (parsed.format === 'json') io.stdout(`${formatJson(report)}\n`);
    }
    if (parsed.format === 'sarif') io.stdout(`${formatSarif(reports, { toolVersion: typeof VERSION === 'string' ? VERSION : '0.0.0' })}\n`);
    if (parsed.format === 'text' && parsed.models.length > 1) io.stdout(`${overallLine(reports, parsed.models.length)}\n`);
    if (unusable) return EXIT_UNUSABLE;
    return reports.some((r) => r.summary.errors > 0) ? EXIT_FINDINGS : EXIT_OK;
  },
};

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
