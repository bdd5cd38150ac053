// Resolution of TensorProto external data, following ../shared/onnx-data/onnx/ExternalDataSecurity.md:
// the location is relative to the model's folder; absolute paths, `..` segments, symlinks (in the final
// component or anywhere that leads out of the folder) and hard-linked files are refused with a reason, never read.
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, sep } from 'node:path';
import { registeredSource } from './byte-source';
import type { Model, Tensor } from './model';

export type ExternalDataResolution =
  | { ok: true; path: string; offset: number; length: number }
  | { ok: false; reason: string };

export function resolveExternalData(model: Model, tensor: Tensor): ExternalDataResolution {
  const payload = tensor.payload;
  if (payload.kind !== 'external') return { ok: false, reason: `tensor '${tensor.name}' does not use external data` };
  const location = payload.location;
  const refuse = (why: string): ExternalDataResolution => ({ ok: false, reason: `external data '${location}' of tensor '${tensor.name}' refused: ${why}` });
  if (location === '') return { ok: false, reason: `tensor '${tensor.name}' is marked EXTERNAL but has no 'location' entry` };
  if (location.includes('\0')) return refuse('the location contains a NUL byte');
  if (isAbsolute(location) || /^[\\/]/.test(location) || /^[A-Za-z]:/.test(location)) return refuse('the location is an absolute path; it must be relative to the model folder');
  if (location.split(/[\\/]/).includes('..')) return refuse("the location contains '..' and could escape the model folder");
  if (!Number.isSafeInteger(payload.offset) || payload.offset < 0) return refuse("its 'offset' is not a non-negative integer");
  if (payload.length !== undefined && (!Number.isSafeInteger(payload.length) || payload.length < 0)) return refuse("its 'length' is not a non-negative integer");

  if (registeredSource(model)?.kind === 'memory') {
    return { ok: false, reason: `external data '${location}' of tensor '${tensor.name}' cannot be read: the model was read from memory and has no folder` };
  }
  let folder: string;
  try {
    folder = realpathSync(dirname(model.source.path));
  } catch {
    return { ok: false, reason: `external data '${location}' of tensor '${tensor.name}' cannot be read: the model folder is not accessible` };
  }
  const candidate = join(dirname(model.source.path), location);
  let real: string;
  try {
    if (lstatSync(candidate).isSymbolicLink()) return refuse('the file is a symbolic link');
    real = realpathSync(candidate);
  } catch {
    return { ok: false, reason: `external data '${location}' of tensor '${tensor.name}' not found next to the model` };
  }
  if (!real.startsWith(folder + sep)) return refuse('it resolves outside the model folder (through a symbolic link)');
  const stat = statSync(real);
  if (!stat.isFile()) return refuse('it is not a regular file');
  if (stat.nlink > 1) return refuse(`the file has ${stat.nlink} hard links`);
  const length = payload.length ?? stat.size - payload.offset;
  if (length < 0 || payload.offset + length > stat.size) {
    return { ok: false, reason: `external data '${location}' of tensor '${tensor.name}': bytes ${payload.offset}..${payload.offset + length} lie past the end of the ${stat.size}-byte file` };
  }
  return { ok: true, path: real, offset: payload.offset, length };
}

