// Facts about TensorProto data types that the reader, the summary and the builder share.
import { DataType } from './model';

const NAMES: Record<number, string> = Object.fromEntries(Object.entries(DataType).map(([name, value]) => [value, name.toLowerCase()]));

/** ONNX's spelling of a data type ("float", "int64", "float8e4m3fn", …); unknown values as "type<N>". */
export function dataTypeName(dataType: number): string {
  return NAMES[dataType] ?? `type${dataType}`;
}

/** Bits per element in raw_data; undefined for STRING and UNDEFINED (no fixed width). */
export function dataTypeBits(dataType: number): number | undefined {
  switch (dataType) {
    case DataType.UINT2: case DataType.INT2: return 2;
    case DataType.UINT4: case DataType.INT4: case DataType.FLOAT4E2M1: return 4;
    case DataType.UINT8: case DataType.INT8: case DataType.BOOL: case DataType.FLOAT8E4M3FN: case DataType.FLOAT8E4M3FNUZ:
    case DataType.FLOAT8E5M2: case DataType.FLOAT8E5M2FNUZ: case DataType.FLOAT8E8M0: return 8;
    case DataType.UINT16: case DataType.INT16: case DataType.FLOAT16: case DataType.BFLOAT16: return 16;
    case DataType.FLOAT: case DataType.INT32: case DataType.UINT32: return 32;
    case DataType.INT64: case DataType.UINT64: case DataType.DOUBLE: case DataType.COMPLEX64: return 64;
    case DataType.COMPLEX128: return 128;
    default: return undefined;
  }
}

/** Number of elements of a tensor of these dims (1 for a scalar); undefined when a dim is negative or absurd. */
export function elementCount(dims: readonly number[]): number | undefined {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) return undefined;
    n *= d;
    if (!Number.isSafeInteger(n)) return undefined;
  }
  return n;
}

/** Bytes that `count` elements occupy in raw_data (sub-byte types packed, rounded up). */
export function byteSize(dataType: number, count: number): number | undefined {
  const bits = dataTypeBits(dataType);
  return bits === undefined ? undefined : Math.ceil((count * bits) / 8);
}
