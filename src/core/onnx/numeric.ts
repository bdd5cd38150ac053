// Bit-level decoders for ONNX's narrow number formats: IEEE half, bfloat16, the float8 family, float4 and
// the packed 4- and 2-bit integers. Each takes the element's bit pattern and returns a JS number.

export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const mant = bits & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

const scratch = new DataView(new ArrayBuffer(4));
export function bfloat16ToNumber(bits: number): number {
  scratch.setUint32(0, (bits & 0xffff) << 16);
  return scratch.getFloat32(0);
}

/** FLOAT8E4M3FN: bias 7, no infinities, S.1111.111 is NaN. */
export function float8e4m3fnToNumber(b: number): number {
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 3) & 0xf;
  const mant = b & 7;
  if (exp === 15 && mant === 7) return Number.NaN;
  return exp === 0 ? sign * mant * 2 ** -9 : sign * (1 + mant / 8) * 2 ** (exp - 7);
}

/** FLOAT8E4M3FNUZ: bias 8, no infinities, no negative zero: 0x80 is NaN. */
export function float8e4m3fnuzToNumber(b: number): number {
  if (b === 0x80) return Number.NaN;
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 3) & 0xf;
  const mant = b & 7;
  return exp === 0 ? sign * mant * 2 ** -10 : sign * (1 + mant / 8) * 2 ** (exp - 8);
}

/** FLOAT8E5M2: IEEE-like, bias 15, with infinities and NaNs. */
export function float8e5m2ToNumber(b: number): number {
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 2) & 0x1f;
  const mant = b & 3;
  if (exp === 31) return mant === 0 ? sign * Infinity : Number.NaN;
  return exp === 0 ? sign * mant * 2 ** -16 : sign * (1 + mant / 4) * 2 ** (exp - 15);
}

/** FLOAT8E5M2FNUZ: bias 16, no infinities, 0x80 is NaN. */
export function float8e5m2fnuzToNumber(b: number): number {
  if (b === 0x80) return Number.NaN;
  const sign = b & 0x80 ? -1 : 1;
  const exp = (b >> 2) & 0x1f;
  const mant = b & 3;
  return exp === 0 ? sign * mant * 2 ** -17 : sign * (1 + mant / 4) * 2 ** (exp - 16);
}

/** FLOAT8E8M0: an unsigned power of two, 2^(b-127); 0xFF is NaN. */
export function float8e8m0ToNumber(b: number): number {
  return b === 0xff ? Number.NaN : 2 ** (b - 127);
}

/** FLOAT4E2M1: bias 1, values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}. */
export function float4e2m1ToNumber(nibble: number): number {
  const sign = nibble & 8 ? -1 : 1;
  const exp = (nibble >> 1) & 3;
  const mant = nibble & 1;
  return exp === 0 ? sign * mant * 0.5 : sign * (1 + mant / 2) * 2 ** (exp - 1);
}

export function int4ToNumber(nibble: number): number {
  return nibble >= 8 ? nibble - 16 : nibble;
}

export function int2ToNumber(crumb: number): number {
  return crumb >= 2 ? crumb - 4 : crumb;
}
