// `onnx-coverage`: the command-line twin of the extension. Each subcommand lives in its own file.
import type { CliIO, Command } from './command';
import { EXIT_UNUSABLE, lazyCommand } from './command';
import { checkCommand } from './check';
import { inspectCommand } from './inspect';
import { PYTHON_HELP } from './python-help';
import { schemaCommand } from './schema';

// Subcommands register here, one line each. The python command is a chunk of its own in the build (tree-sitter
// is 40% of the code), loaded only when it runs, so the model commands start without compiling it.
const commands: Command[] = [
  inspectCommand,
  checkCommand,
  schemaCommand,
  lazyCommand(PYTHON_HELP, async () => (await import('./python')).pythonCommand),
];

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? EXIT_UNUSABLE : 0;
  }
  if (name === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`onnx-coverage: unknown command '${name}'\n\n${usage()}`);
    return EXIT_UNUSABLE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Commands turn expected bad input into messages themselves; this is the last line of defence.
    io.stderr(`onnx-coverage ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_UNUSABLE;
  }
}

declare const VERSION: string;

function usage(): string {
  const width = Math.max(0, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: onnx-coverage <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'onnx-coverage <command> --help' for a command's options.\n`;
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: that is not an error of ours, so leave quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
