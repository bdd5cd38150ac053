// The one error type for unusable ONNX input. Every failure of the reader — truncated varint, a length past the
// end of its message, a wrong wire type, a file that is not an ONNX model, nesting beyond the bound, an I/O error —
// becomes an OnnxReadError naming the file, the byte offset and what was expected there.

export class OnnxReadError extends Error {
  /** The model file (absolute path) or the label of an in-memory model. */
  readonly file: string;
  /** Byte offset in `file` where reading failed. */
  readonly offset: number;
  /** What the reader expected to find there, in words ("a varint", "an ONNX ModelProto", …). */
  readonly expected: string;
  /** What it found instead, when that helps (e.g. "a PNG image"). */
  readonly found: string | undefined;
  /** What most likely happened, in plain words, when the reader can tell (a file cut short): views show it first. */
  readonly hint: string | undefined;

  constructor(file: string, offset: number, expected: string, found?: string, hint?: string) {
    super(`${file}: byte ${offset}: expected ${expected}${found !== undefined ? `, found ${found}` : ''}`);
    this.name = 'OnnxReadError';
    this.file = file;
    this.offset = offset;
    this.expected = expected;
    this.found = found;
    this.hint = hint;
  }
}
