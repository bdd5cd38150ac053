// The one argument parser of the `onnx-coverage` subcommands. A command declares its options as data; the parser
// reads `--name value` and `--name=value`, boolean flags, any number of positionals (a lone `-` is a positional,
// as getopt has it), and returns either typed values or one message saying what is wrong with the command line.
// Turning that message into "exit 2 with usage" is `failUsage` in output.ts.

export interface FlagSpec {
  readonly kind: 'flag';
}
export interface PositiveIntSpec {
  readonly kind: 'positive-int';
}
export interface ChoiceSpec<C extends string = string> {
  readonly kind: 'choice';
  readonly choices: readonly C[];
}
export interface TextSpec {
  readonly kind: 'text';
  /** What the value is, for the error message: `--runtime needs <a runtime id>`. */
  readonly needs: string;
  /** A value must pass this test (anchor it with ^…$ to match the whole value). */
  readonly pattern?: RegExp;
  /** An empty value (`--domain=`) is accepted; by default it is an error like a missing one. */
  readonly allowEmpty?: boolean;
}
export type OptionSpec = FlagSpec | PositiveIntSpec | ChoiceSpec | TextSpec;

/** Options by name without the leading `--`, e.g. `{ opset: positiveInt(), json: flag() }`. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

export const flag = (): FlagSpec => ({ kind: 'flag' });
export const positiveInt = (): PositiveIntSpec => ({ kind: 'positive-int' });
export const choice = <const C extends string>(...choices: C[]): ChoiceSpec<C> => ({ kind: 'choice', choices });
export const text = (needs: string, rules: { pattern?: RegExp; allowEmpty?: boolean } = {}): TextSpec => ({ kind: 'text', needs, ...rules });

type ValueOf<S extends OptionSpec> =
  S extends FlagSpec ? boolean : S extends PositiveIntSpec ? number : S extends ChoiceSpec<infer C> ? C : string;

/** Flags are always present (false when not given); options with values are absent when not given. */
export type OptionValues<S extends OptionSpecs> =
  { -readonly [K in keyof S as S[K] extends FlagSpec ? K : never]: boolean } &
  { -readonly [K in keyof S as S[K] extends FlagSpec ? never : K]?: ValueOf<S[K]> };

export interface ParsedArgs<S extends OptionSpecs> {
  options: OptionValues<S>;
  positionals: string[];
}

export interface ArgsSpec<S extends OptionSpecs> {
  options: S;
  /** When set, at least one positional is required and its absence reads "no <positional> given". */
  positional?: string;
}

/** Parses `args` against `spec`: the values, or the first problem as a message (no usage text, no prefix). */
export function parseArgs<S extends OptionSpecs>(args: readonly string[], spec: ArgsSpec<S>): ParsedArgs<S> | string {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) if (option.kind === 'flag') values[name] = false;
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const option = arg.startsWith('--') && Object.hasOwn(spec.options, name) ? spec.options[name]! : undefined;
    if (option === undefined) return `unknown option ${arg}`;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (option.kind === 'flag') {
      if (inline !== undefined) return `--${name} takes no value, got ${quote(inline)}`;
      values[name] = true;
      continue;
    }
    // A value may itself start with `-` (a negative number, a file named -x): the next argument is taken as is.
    const raw = inline ?? args[++i];
    const value = readValue(name, option, raw);
    if (typeof value === 'object') return value.error;
    values[name] = value;
  }
  if (spec.positional !== undefined && positionals.length === 0) return `no ${spec.positional} given`;
  return { options: values as OptionValues<S>, positionals };
}

function readValue(name: string, option: Exclude<OptionSpec, FlagSpec>, raw: string | undefined): string | number | { error: string } {
  switch (option.kind) {
    case 'positive-int': {
      const number = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(number) || number < 1) return { error: `--${name} needs a positive whole number, got ${quote(raw)}` };
      return number;
    }
    case 'choice':
      if (raw === undefined || !option.choices.includes(raw)) return { error: `--${name} must be ${oneOf(option.choices)}, got ${quote(raw)}` };
      return raw;
    case 'text':
      if (raw === undefined || (raw === '' && !option.allowEmpty) || (option.pattern && !option.pattern.test(raw))) {
        return { error: `--${name} needs ${option.needs}, got ${quote(raw)}` };
      }
      return raw;
  }
}

function quote(value: string | undefined): string {
  return value === undefined ? 'nothing' : `'${value}'`;
}

/** "a, b or c". */
function oneOf(choices: readonly string[]): string {
  return choices.length < 2 ? choices.join('') : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
}
