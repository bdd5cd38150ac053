// The contract every `onnx-coverage` subcommand follows. Commands write through `io` (so tests can
// capture output) and return the process exit code: 0 ok, 1 findings of error severity, 2 unusable input.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommandHelp {
  name: string;
  /** One line for `onnx-coverage --help`. */
  summary: string;
  /** The full usage text for `onnx-coverage <name> --help`. */
  usage: string;
}

export interface Command extends CommandHelp {
  run(args: string[], io: CliIO): Promise<number>;
}

/** A command whose code is loaded when it runs, not when the CLI starts: `help` is all the CLI needs until then. */
export function lazyCommand(help: CommandHelp, load: () => Promise<Command>): Command {
  return { ...help, run: async (args, io) => (await load()).run(args, io) };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
