// The shared ways a subcommand speaks: messages on stderr prefixed by the command (so they stand out among other
// tools' output in CI logs), bad usage as exit 2 with the usage text, JSON as one document or one line per item.
import { terminalEscaped } from '../core/coverage/terminal-safe';
import type { CliIO } from './command';
import { EXIT_UNUSABLE } from './command';

/** One message on stderr: `onnx-coverage <command>: <message>`. Escaped: it may name a file from a folder walk. */
export function writeError(io: CliIO, command: string, message: string): void {
  io.stderr(`onnx-coverage ${command}: ${terminalEscaped(message)}\n`);
}

/** Bad usage: the message, a blank line, the usage text, and exit 2. */
export function failUsage(io: CliIO, command: string, message: string, usage: string): number {
  io.stderr(`onnx-coverage ${command}: ${message}\n\n${usage}`);
  return EXIT_UNUSABLE;
}

/** A whole-run JSON document, indented for reading. */
export function writeJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** One compact JSON object on its own line (JSON Lines), so a run over many inputs streams and greps well. */
export function writeJsonLine(io: CliIO, value: unknown): void {
  writeLine(io, JSON.stringify(value));
}

/** `text` as one line of stdout. */
export function writeLine(io: CliIO, text: string): void {
  io.stdout(`${text}\n`);
}
