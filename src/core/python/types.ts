// The editor-agnostic results of analysing a Python file: diagnostics with quick fixes as plain text edits.
// Positions are 0-based lines and UTF-16 characters, as VS Code (and LSP) count them.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface PythonFix {
  title: string;
  /** Exactly one fix per diagnostic is preferred: the one `--fix` and "Fix all" apply. */
  preferred: boolean;
  edits: TextEdit[];
}

export type PythonDiagnosticCode =
  | 'missing-symbolic'
  | 'missing-settype'
  | 'symbolic-not-static'
  | 'decomposable-module'
  | 'syntax-error';

export type PythonSeverity = 'error' | 'warning' | 'information';

export interface PythonDiagnostic {
  code: PythonDiagnosticCode;
  severity: PythonSeverity;
  message: string;
  /** The class name (or, for a syntax error, the broken text). */
  range: Range;
  /** The class the diagnostic is about; "" for a syntax error outside any class. */
  className: string;
  /** For `decomposable-module`: the decomposition rule id (e.g. "rms_norm"). */
  pattern?: string;
  fixes: PythonFix[];
}

/** Where the single op of an "Export as one op" fix comes from. */
export type StubTarget = 'custom' | 'onnx' | 'ort';

export interface PythonAnalysisOptions {
  /** Domain of generated custom ops; default "custom". */
  domain?: string;
  /** Op name of generated custom ops; default the class name. */
  opName?: string;
  /** Replacement op for decomposable modules; default "custom". */
  target?: StubTarget;
  /** Opset the model will be exported with; default the `opset_version` of the file's `torch.onnx.export` call, else 17. */
  opset?: number;
}

export const DEFAULT_DOMAIN = 'custom';
export const DEFAULT_EXPORT_OPSET = 17;
