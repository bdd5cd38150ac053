// Parses TensorRT's ONNX-parser support matrix (onnx-tensorrt docs/operators.md): the headline
// "TensorRT X supports operators in the inclusive range of opset A to opset B", then
// `| Op | Y/N | FP32, FP16, … | restrictions` rows (often without a trailing `|`).
import type { RuntimeRow } from '../data-format';
import { CatalogSourceError } from './errors';
import { isSeparatorRow, splitTableRow } from './table-rows';

/** TensorRT's type names → ONNX spellings. FP8 in TensorRT is E4M3; FP4 is E2M1. */
const TENSORRT_TYPES: Record<string, string> = {
  FP32: 'tensor(float)', FLOAT32: 'tensor(float)', FP16: 'tensor(float16)', FLOAT16: 'tensor(float16)',
  BF16: 'tensor(bfloat16)', BFLOAT16: 'tensor(bfloat16)', DOUBLE: 'tensor(double)',
  INT32: 'tensor(int32)', INT64: 'tensor(int64)', INT8: 'tensor(int8)', UINT8: 'tensor(uint8)', INT4: 'tensor(int4)',
  BOOL: 'tensor(bool)', FP8: 'tensor(float8e4m3fn)', FP4: 'tensor(float4e2m1)',
};

export interface TensorRtMatrix {
  /** As the headline says, e.g. "10.15". */
  headlineVersion: string;
  opsetRange: [number, number];
  ops: Record<string, RuntimeRow[]>;
}

export function parseTensorRtOperators(text: string, file: string): TensorRtMatrix {
  const lines = text.split(/\r?\n/);
  let headline: RegExpExecArray | null = null;
  const ops: Record<string, RuntimeRow[]> = {};
  let inMatrix = false;
  lines.forEach((line, index) => {
    headline ??= /^TensorRT (\S+) supports operators in the inclusive range of opset (\d+) to opset (\d+)\b/.exec(line);
    if (line.startsWith('## Operator Support Matrix')) inMatrix = true;
    if (!inMatrix || !line.startsWith('|') || isSeparatorRow(line) || line.startsWith('| Operator ')) return;
    const [op, supported, typesCell = '', ...rest] = splitTableRow(line);
    if (!/^\w+$/.test(op) || (supported !== 'Y' && supported !== 'N')) throw new CatalogSourceError(file, index + 1, 'a row "| Op | Y/N | types | restrictions"', line);
    const row: RuntimeRow = { supported: supported === 'Y' };
    const typeNames = typesCell.split(',').map((t) => t.trim()).filter(Boolean);
    let note = rest.join('|').trim();
    if (typeNames.every((t) => TENSORRT_TYPES[t])) {
      if (typeNames.length > 0) row.types = typeNames.map((t) => TENSORRT_TYPES[t]);
    } else note = [typesCell, note].filter(Boolean).join(' '); // prose in the types column (e.g. a "Not supported" explanation)
    if (note) row.note = note;
    (ops[op] ??= []).push(row);
  });
  const found = headline as RegExpExecArray | null;
  if (!found) throw new CatalogSourceError(file, 1, 'a headline "TensorRT X supports operators in the inclusive range of opset A to opset B"', lines[4] ?? '');
  return { headlineVersion: found[1], opsetRange: [Number(found[2]), Number(found[3])], ops };
}

/** The newest release named in onnx-tensorrt's Changelog.md ("# TensorRT 10.1 GA Release - 2024-6-17" → "10.1 GA"). */
export function latestTensorRtRelease(changelog: string, file: string): string {
  const m = /^# TensorRT (\S+ \S+) Release\b/m.exec(changelog);
  if (!m) throw new CatalogSourceError(file, 1, 'a heading "# TensorRT X GA Release"', changelog.split('\n', 1)[0]);
  return m[1];
}
