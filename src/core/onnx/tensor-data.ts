// Tensor payloads on request: the raw little-endian bytes of a tensor wherever the file keeps them (raw_data,
// a packed typed field, unpacked values, an external file), and small tensors decoded to JS numbers.
import type { ByteSource } from './byte-source';
import { registeredSource } from './byte-source';
import { byteSize, dataTypeBits, elementCount } from './data-types';
import { OnnxReadError } from './errors';
import { resolveExternalData } from './external-data';
import { FileByteSource, OpenFile } from './file-source';
import type { Model, Tensor, TensorDataField } from './model';
import { DataType } from './model';
import * as numeric from './numeric';
import { decodePackedNumbers, MAX_VARINT_BYTES, varintsToInt64LittleEndian } from './packed';

function sourceFor(model: Model): ByteSource {
  return registeredSource(model) ?? new FileByteSource(model.source.path, model.source.size);
}

/** The tensor's raw little-endian bytes (as raw_data would hold them). Bytes of an in-memory model are a view
 *  into it: do not modify. Throws OnnxReadError when the bytes cannot be read (refused external data, …). */
export function readTensorBytes(model: Model, tensor: Tensor): Uint8Array {
  return readTensorBytesUpTo(model, tensor, Number.POSITIVE_INFINITY);
}

/** readTensorBytes, but a fixed-width payload (raw_data, float_data, double_data, external data) is read only up
 *  to `limit` bytes: a scalar whose payload runs on for a gigabyte must cost its few bytes, not the gigabyte. */
function readTensorBytesUpTo(model: Model, tensor: Tensor, limit: number): Uint8Array {
  const payload = tensor.payload;
  switch (payload.kind) {
    case 'empty':
      return new Uint8Array(0);
    case 'inline': {
      if (payload.field === 'raw_data' || payload.field === 'float_data' || payload.field === 'double_data') return sourceFor(model).read(payload.offset, Math.min(payload.length, limit));
      // Varints: the values that fill `limit` bytes take at most MAX_VARINT_BYTES each on the wire, so a scalar
      // reads a few bytes of a long payload and decodes one value (the read may end inside a later varint).
      const width = bytesPerValue(tensor, payload.field);
      const maxValues = Math.ceil(limit / width);
      const bytes = sourceFor(model).read(payload.offset, Math.min(payload.length, maxValues * MAX_VARINT_BYTES));
      if (width === 8) return varintsToInt64LittleEndian(bytes, model.source.path, maxValues);
      return numbersToBytes(tensor, payload.field, decodePackedNumbers(payload.field, bytes, model.source.path, maxValues));
    }
    case 'values':
      if (payload.field === 'string_data') {
        throw new OnnxReadError(model.source.path, 0, `a numeric tensor for '${tensor.name}'`, 'a string tensor, which has no fixed-width bytes');
      }
      return numbersToBytes(tensor, payload.field, payload.values as number[]);
    case 'external': {
      const resolved = resolveExternalData(model, tensor);
      if (!resolved.ok) throw new OnnxReadError(model.source.path, 0, `readable external data for tensor '${tensor.name}'`, resolved.reason);
      const length = Math.min(resolved.length, limit);
      const file = OpenFile.open(resolved.path, { noFollow: true });
      try {
        const bytes = new Uint8Array(length);
        file.readInto(bytes, length, resolved.offset);
        return bytes;
      } finally {
        file.close();
      }
    }
  }
}

/** Bytes one value of a varint field becomes in the raw_data layout: 8 for int64_data (and uint64_data but for
 *  UINT32), else the element width, 1 for the 4- and 2-bit types that pack elements into one value's byte. */
function bytesPerValue(tensor: Tensor, field: TensorDataField): number {
  if (field === 'int64_data' || (field === 'uint64_data' && tensor.dataType !== DataType.UINT32)) return 8;
  const bits = dataTypeBits(tensor.dataType) ?? 32;
  return bits <= 8 ? 1 : bits / 8;
}

/** Encodes typed-field values in the fixed-width layout raw_data would use for the tensor's data type. */
function numbersToBytes(tensor: Tensor, field: TensorDataField, values: number[]): Uint8Array {
  const type = tensor.dataType;
  if (field === 'float_data') return new Uint8Array(Float32Array.from(values).buffer);
  if (field === 'double_data') return new Uint8Array(Float64Array.from(values).buffer);
  if (field === 'int64_data' || (field === 'uint64_data' && type !== DataType.UINT32)) {
    const out = new BigInt64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = BigInt.asIntN(64, BigInt(Math.trunc(values[i]!)));
    return new Uint8Array(out.buffer);
  }
  // int32_data (and uint64_data for UINT32): one element per value, or one packed byte for 4- and 2-bit types.
  const width = bytesPerValue(tensor, field);
  const out = new Uint8Array(values.length * width);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (width === 1) view.setUint8(i, v & 0xff);
    else if (width === 2) view.setUint16(i * 2, v & 0xffff, true);
    else view.setUint32(i * 4, v >>> 0, true);
  }
  return out;
}

/** Decoded values of a small numeric constant (float16/bfloat16/float8/int4… decoded; int64 as number), or
 *  undefined when the tensor has more than `maxElements` elements, is not numeric, or cannot be read. */
export function readTensorNumbers(model: Model, tensor: Tensor, maxElements = 65536): number[] | undefined {
  const count = elementCount(tensor.dims);
  const type = tensor.dataType;
  const needed = count === undefined ? undefined : byteSize(type, count);
  if (count === undefined || needed === undefined || count > maxElements) return undefined;
  if (type === DataType.COMPLEX64 || type === DataType.COMPLEX128) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = readTensorBytesUpTo(model, tensor, needed);
  } catch {
    return undefined;
  }
  if (bytes.length < needed) return undefined;
  return decodeElements(type, bytes, count);
}

/** Decodes `count` elements of `type` from raw little-endian bytes. A loop per type, no closures: a scan decodes
 *  every small constant of a graph (tens of thousands on a big model). */
export function decodeElements(type: number, bytes: Uint8Array, count: number): number[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Array<number>(count);
  let i = 0;
  switch (type) {
    case DataType.FLOAT: for (; i < count; i++) out[i] = view.getFloat32(i * 4, true); break;
    case DataType.DOUBLE: for (; i < count; i++) out[i] = view.getFloat64(i * 8, true); break;
    case DataType.FLOAT16: for (; i < count; i++) out[i] = numeric.float16ToNumber(view.getUint16(i * 2, true)); break;
    case DataType.BFLOAT16: for (; i < count; i++) out[i] = numeric.bfloat16ToNumber(view.getUint16(i * 2, true)); break;
    case DataType.INT8: for (; i < count; i++) out[i] = view.getInt8(i); break;
    case DataType.UINT8: for (; i < count; i++) out[i] = view.getUint8(i); break;
    case DataType.BOOL: for (; i < count; i++) out[i] = view.getUint8(i) !== 0 ? 1 : 0; break;
    case DataType.INT16: for (; i < count; i++) out[i] = view.getInt16(i * 2, true); break;
    case DataType.UINT16: for (; i < count; i++) out[i] = view.getUint16(i * 2, true); break;
    case DataType.INT32: for (; i < count; i++) out[i] = view.getInt32(i * 4, true); break;
    case DataType.UINT32: for (; i < count; i++) out[i] = view.getUint32(i * 4, true); break;
    // As two 32-bit halves: the same nearest double as Number(getBigInt64(…)), without a BigInt per element.
    case DataType.INT64: for (; i < count; i++) out[i] = view.getInt32(i * 8 + 4, true) * 4294967296 + view.getUint32(i * 8, true); break;
    case DataType.UINT64: for (; i < count; i++) out[i] = view.getUint32(i * 8 + 4, true) * 4294967296 + view.getUint32(i * 8, true); break;
    case DataType.FLOAT8E4M3FN: for (; i < count; i++) out[i] = numeric.float8e4m3fnToNumber(bytes[i]!); break;
    case DataType.FLOAT8E4M3FNUZ: for (; i < count; i++) out[i] = numeric.float8e4m3fnuzToNumber(bytes[i]!); break;
    case DataType.FLOAT8E5M2: for (; i < count; i++) out[i] = numeric.float8e5m2ToNumber(bytes[i]!); break;
    case DataType.FLOAT8E5M2FNUZ: for (; i < count; i++) out[i] = numeric.float8e5m2fnuzToNumber(bytes[i]!); break;
    case DataType.FLOAT8E8M0: for (; i < count; i++) out[i] = numeric.float8e8m0ToNumber(bytes[i]!); break;
    case DataType.UINT4: for (; i < count; i++) out[i] = nibble(bytes, i); break;
    case DataType.INT4: for (; i < count; i++) out[i] = numeric.int4ToNumber(nibble(bytes, i)); break;
    case DataType.FLOAT4E2M1: for (; i < count; i++) out[i] = numeric.float4e2m1ToNumber(nibble(bytes, i)); break;
    case DataType.UINT2: for (; i < count; i++) out[i] = crumb(bytes, i); break;
    case DataType.INT2: for (; i < count; i++) out[i] = numeric.int2ToNumber(crumb(bytes, i)); break;
    default: return undefined;
  }
  return out;
}

/** Element i of a 4-bit packed array: low nibble first. */
function nibble(bytes: Uint8Array, i: number): number {
  return (bytes[i >> 1]! >> ((i & 1) * 4)) & 0xf;
}

/** Element i of a 2-bit packed array: bits 0-1 first. */
function crumb(bytes: Uint8Array, i: number): number {
  return (bytes[i >> 2]! >> ((i & 3) * 2)) & 3;
}
