// One tree-sitter parser for Python, initialised once. The WebAssembly files sit next to the running bundle
// (build.mjs copies them into dist/); in tests and scripts they come from node_modules.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Parser as ParserType, Tree } from 'web-tree-sitter';

// The CommonJS build on purpose: bundled into dist/*.js (CommonJS), the ES build would need import.meta.url.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Language, Parser } = require('web-tree-sitter') as typeof import('web-tree-sitter');
type Parser = ParserType;

const RUNTIME_WASM = 'tree-sitter.wasm';
const PYTHON_WASM = 'tree-sitter-python.wasm';

export class PythonParserUnavailableError extends Error {
  constructor(file: string, searched: string[]) {
    super(`cannot find ${file}; looked in ${searched.join(', ')}`);
    this.name = 'PythonParserUnavailableError';
  }
}

let ready: Promise<Parser> | undefined;
let wasmDirOverride: string | undefined;

/** Where the host keeps the .wasm files (the extension passes its dist folder). Call before the first parse. */
export function setPythonWasmDir(dir: string): void {
  wasmDirOverride = dir;
}

function candidateDirs(pkg: string): string[] {
  const dirs: string[] = [];
  if (wasmDirOverride) dirs.push(wasmDirOverride);
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  if (here) {
    dirs.push(here);
    // Unbundled (tests, run-ts): src/core/python → repository root.
    dirs.push(resolve(here, '..', '..', '..', 'node_modules', pkg));
    dirs.push(resolve(here, '..', 'node_modules', pkg));
  }
  if (process.argv[1]) dirs.push(dirname(resolve(process.argv[1])));
  dirs.push(resolve('node_modules', pkg));
  return dirs;
}

function locate(file: string, pkg: string): string {
  const dirs = candidateDirs(pkg);
  for (const dir of dirs) {
    const path = join(dir, file);
    if (existsSync(path)) return path;
  }
  throw new PythonParserUnavailableError(file, dirs);
}

async function create(): Promise<Parser> {
  const runtime = locate(RUNTIME_WASM, 'web-tree-sitter');
  await Parser.init({ locateFile: () => runtime });
  const language = await Language.load(locate(PYTHON_WASM, 'tree-sitter-python'));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

export function pythonParser(): Promise<Parser> {
  ready ??= create().catch((error: unknown) => {
    ready = undefined; // let a later call retry, e.g. after setPythonWasmDir
    throw error;
  });
  return ready;
}

/** Parses Python source. The caller must `delete()` the tree when done with it. */
export async function parsePython(source: string): Promise<Tree> {
  const parser = await pythonParser();
  // tree-sitter-python ends lines at '\n' only; Python also at a lone '\r' (classic Mac files). Same length, so every
  // offset in the tree is the source's own.
  const tree = parser.parse(source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
