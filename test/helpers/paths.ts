// Where tests find the repository, its fixtures and the read-only shared material (../shared beside the repo).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const sharedDir = resolve(repoRoot, '..', 'shared');
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const corpusNodeDir = join(sharedDir, 'corpus', 'onnx-backend-node');
export const corpusLightDir = join(sharedDir, 'corpus', 'onnx-backend-light');
export const onnxDataDir = join(sharedDir, 'onnx-data');
export const hasShared = existsSync(onnxDataDir);
/** Debian's interpreter, which has python3-torch and python3-onnx (the first python3 on PATH may not). */
export const debianPython = '/usr/bin/python3';
