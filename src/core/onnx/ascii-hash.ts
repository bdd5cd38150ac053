// FNV-1a over a name's ASCII characters, the same whether the name is read as bytes from a file or given as a
// string, so the two meet in one hash table (node-values.ts) and the reader's string cache (wire.ts).
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The hash of buf[start, start + len); undefined when a byte is not ASCII (bytes and char codes then differ). */
export function hashAsciiBytes(buf: Uint8Array, start: number, len: number): number | undefined {
  let hash = FNV_OFFSET;
  let bits = 0;
  for (let i = start, end = start + len; i < end; i++) {
    const b = buf[i]!;
    bits |= b;
    hash = Math.imul(hash ^ b, FNV_PRIME);
  }
  return bits >= 0x80 ? undefined : hash;
}

/** The hash of a string's char codes; undefined when one is not ASCII. */
export function hashAsciiString(name: string): number | undefined {
  let hash = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code >= 0x80) return undefined;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash;
}

/** FNV-1a over any bytes (attribute runs: floats and negative varints are not ASCII). */
export function hashBytes(buf: Uint8Array, start: number, len: number): number {
  let hash = FNV_OFFSET;
  for (let i = start, end = start + len; i < end; i++) hash = Math.imul(hash ^ buf[i]!, FNV_PRIME);
  return hash;
}
