// `onnx-coverage python <file.py...> [--fix] [--format text|json] [--domain D] [--op-name N] [--target T] [--opset N]`
// Lists the Python diagnostics of each file; --fix applies every preferred fix in place and says what changed.
// Exit: 2 when any input was unusable, else 1 when an error-severity diagnostic remains, else 0.
import { closeSync, readFileSync, writeFileSync } from 'node:fs';
import { choice, flag, parseArgs, positiveInt, text } from './args';
import type { CliIO, Command } from './command';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './command';
import { expandFolders, forEachUsable, Unusable } from './inputs';
import { failUsage, writeJson } from './output';
import { PYTHON_HELP } from './python-help';
import { terminalEscaped } from '../core/coverage/terminal-safe';
import { openForReading } from '../core/open-for-reading';
import { analyzePython, fixAllPython, type AppliedFix, type PythonAnalysisOptions, type PythonDiagnostic, type StubTarget } from '../core/python';

const NAME = PYTHON_HELP.name;

interface PythonArgs {
  files: string[];
  fix: boolean;
  format: 'text' | 'json';
  options: PythonAnalysisOptions;
}


const OPTIONS = {
  fix: flag(),
  format: choice('text', 'json'),
  domain: text('a domain name such as custom or com.example', { pattern: /^[A-Za-z_][\w.]*$/ }),
  'op-name': text('an identifier', { pattern: /^[A-Za-z_]\w*$/ }),
  target: choice<StubTarget>('custom', 'onnx', 'ort'),
  opset: positiveInt(),
};

export function parsePythonArgs(args: string[]): PythonArgs | string {
  const parsed = parseArgs(args, { options: OPTIONS, positional: 'Python file' });
  if (typeof parsed === 'string') return parsed;
  const { fix, format = 'text', domain, 'op-name': opName, target, opset } = parsed.options;
  return { files: parsed.positionals, fix, format, options: { domain, opName, target, opset } };
}

interface FileResult {
  file: string;
  diagnostics: PythonDiagnostic[];
  applied?: AppliedFix[];
}

/** A file's UTF-8 text without its byte order mark, and the mark (if any) to write back on --fix. */
interface PythonSource {
  text: string;
  bom: string;
}

/** Reads a file as UTF-8 text, or says why it cannot be used. */
function readSource(file: string): PythonSource | Unusable {
  const unusable = (reason: string) => new Unusable(`${file}: ${reason}`);
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Only a regular file, and never left waiting on a FIFO.
    const opened = openForReading(file);
    fd = opened.fd;
    if (opened.kind === 'directory') return unusable('is a directory');
    if (opened.kind !== 'file') return unusable('not a regular file (a FIFO or device)');
    bytes = readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return unusable(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  try {
    // ignoreBOM keeps the mark in the text (the decoder would drop it silently), so --fix can write it back.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return unusable(`byte offset ${Buffer.byteLength(text.slice(0, nul))}: expected Python source text, found a NUL byte (a binary file?)`);
    return text.startsWith('\uFEFF') ? { text: text.slice(1), bom: '\uFEFF' } : { text, bom: '' };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return unusable(`byte offset ${offset}: expected UTF-8 Python source, found an invalid byte sequence`);
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (overlongs and surrogates included). */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

export const pythonCommand: Command = {
  ...PYTHON_HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parsePythonArgs(args);
    if (typeof parsed === 'string') return failUsage(io, NAME, parsed, PYTHON_HELP.usage);
    const results: FileResult[] = [];
    const allUsable = await forEachUsable(expandFolders(parsed.files, ['.py']), NAME, io, readSource, async ({ text: source, bom }, file) => {
      if (parsed.fix) {
        const fixed = await fixAllPython(source, parsed.options);
        if (fixed.text !== source) writeFileSync(file, bom + fixed.text, 'utf8');
        results.push({ file, diagnostics: fixed.remaining, applied: fixed.applied });
      } else {
        results.push({ file, diagnostics: await analyzePython(source, parsed.options) });
      }
    });
    if (parsed.format === 'json') writeJson(io, { files: results });
    else io.stdout(formatText(results, parsed.fix));
    if (!allUsable) return EXIT_UNUSABLE;
    return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
  },
};

function formatText(results: FileResult[], fixing: boolean): string {
  const lines: string[] = [];
  for (const { file: path, diagnostics, applied } of results) {
    // The name comes from the disk (a folder walk): shown escaped, it cannot drive the terminal.
    const file = terminalEscaped(path);
    for (const fix of applied ?? []) lines.push(`${file}:${fix.line + 1}: fixed ${fix.code} in ${fix.className}: ${fix.title}`);
    for (const d of diagnostics) {
      lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.code}: ${d.message}`);
      for (const fix of d.fixes) lines.push(`    fix${fix.preferred ? ' (preferred)' : ''}: ${fix.title}`);
    }
    if (fixing && (applied ?? []).length === 0 && diagnostics.length === 0) lines.push(`${file}: nothing to fix`);
    else if (!fixing && diagnostics.length === 0) lines.push(`${file}: no findings`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
