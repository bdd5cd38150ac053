// The contract every `onnx-coverage` subcommand follows. Commands write through `io` (so tests can
// capture output) and return the process exit code: 0 ok, 1 findings of error severity, 2 unusable input.
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  name: string;
  /** One line for `onnx-coverage --help`. */
  summary: string;
  /** The full usage text for `onnx-coverage <name> --help`. */
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
