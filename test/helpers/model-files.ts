// The .onnx files a test runs over.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every .onnx file under `dir`, subfolders included, in directory order. */
export function onnxFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...onnxFilesUnder(path));
    else if (entry.name.endsWith('.onnx')) out.push(path);
  }
  return out;
}
