// Recognises files that are clearly not ONNX models, so the message says "this is a PNG image" instead of a
// puzzling wire-format error deep inside. Only signatures that cannot start a valid ModelProto are listed.

const SIGNATURES: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (a PyTorch checkpoint, .npz or .onnx.zip?)' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], what: 'a NumPy .npy array' },
  { bytes: [0x80, 0x02], what: 'a Python pickle' },
  { bytes: [0x80, 0x03], what: 'a Python pickle' },
  { bytes: [0x80, 0x04], what: 'a Python pickle' },
  { bytes: [0x80, 0x05], what: 'a Python pickle' },
];

const LFS_POINTER = 'version https://git-lfs';

/** A description of what the file is when it is recognisably not ONNX, else undefined. */
export function sniffNonOnnx(head: Uint8Array): string | undefined {
  for (const { bytes, what } of SIGNATURES) {
    if (bytes.every((b, i) => head[i] === b)) return what;
  }
  const text = String.fromCharCode(...head.subarray(0, 64));
  if (text.startsWith(LFS_POINTER)) return 'a Git LFS pointer (run `git lfs pull` to fetch the model)';
  if (head.length >= 8 && head[4] === 0x54 && head[5] === 0x46 && head[6] === 0x4c && head[7] === 0x33) return 'a TensorFlow Lite model';
  if (head.length >= 10 && head[8] === 0x7b && head[9] === 0x22) return 'a safetensors file';
  if (head.length > 0 && head.subarray(0, 64).every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) return 'text';
  return undefined;
}
