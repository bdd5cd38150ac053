// The PyTorch module a match came from: from the exporter's node names (`/layers.0/input_layernorm/Pow` →
// `layers.0.input_layernorm`) or from dynamo metadata (`pkg.torch.onnx.name_scopes`, `…stack_trace`).
import type { Node } from '../onnx/model';

export { nameScope } from '../onnx/node-names';

/** The innermost module path of dynamo's `pkg.torch.onnx.name_scopes` (repr of a list whose first entry is the
 *  root '' and whose last entry is the node's own name). */
export function metadataScope(node: Node): string[] | null {
  const raw = metadataValue(node, 'pkg.torch.onnx.name_scopes');
  if (!raw) return null;
  const entries = [...raw.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? '');
  if (entries.length < 2) return null;
  const module = entries[entries.length - 2]!;
  return module === '' ? [] : module.split('.');
}

/** "file.py:42" of the innermost frame of `pkg.torch.onnx.stack_trace`, when present. */
export function sourceLocation(node: Node): string | undefined {
  const raw = metadataValue(node, 'pkg.torch.onnx.stack_trace');
  if (!raw) return undefined;
  const frames = [...raw.matchAll(/File "([^"]+)", line (\d+)/g)];
  const last = frames[frames.length - 1];
  return last ? `${last[1]}:${last[2]}` : undefined;
}

export interface PythonSourceFile {
  /** As the trace wrote it (usually absolute, on the machine that exported). */
  path: string;
  /** 0-based. */
  line: number;
  /** The file name to look for in the workspace; undefined when it holds glob syntax (* ? [ ] { }), which a
   *  workspace search would read as a pattern and match other files with. */
  searchName: string | undefined;
}

/** The Python file of a sourceLocation, for Go to PyTorch Source; undefined unless it names a .py (or .pyw) file
 *  and a line: what a model's metadata names is not trusted to open anything else (a key file, a device). */
export function pythonSourceFile(location: string): PythonSourceFile | undefined {
  const colon = location.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const path = location.slice(0, colon);
  const line = Number(location.slice(colon + 1));
  if (!/\.pyw?$/i.test(path) || !Number.isInteger(line) || line < 1) return undefined;
  const name = path.split(/[\\/]/).pop()!;
  return { path, line: line - 1, searchName: /[*?[\]{}]/.test(name) ? undefined : name };
}

/** A node's metadata entry; a loop, not .find(closure): it is asked for every node of every match. */
function metadataValue(node: Node, key: string): string | undefined {
  const props = node.metadataProps;
  for (let k = 0; k < props.length; k++) if (props[k]!.key === key) return props[k]!.value;
  return undefined;
}

/** The deepest module that contains every node of a match (common prefix of their paths). Names are preferred
 *  over metadata: they are what the legacy exporter writes. null when no node carries a scope. */
export function matchScope(nodes: readonly Node[]): string | null {
  return commonNameScope(nodes) ?? commonMetadataScope(nodes);
}

/** nameScope's common prefix, worked out on the name strings themselves, without cutting them: a scan reports
 *  tens of thousands of matches, and an array of parts (or a substring) per node name was a measurable share. */
function commonNameScope(nodes: readonly Node[]): string | null {
  // The common folder is first[1, end): each module followed by '/' ("/layers.0/mlp/Mul" → "layers.0/mlp/").
  let first: string | null = null;
  let end = 0;
  for (const node of nodes) {
    const name = node.name;
    if (!name.startsWith('/')) continue;
    const folderEnd = name.lastIndexOf('/') + 1;
    if (first === null) {
      first = name;
      end = folderEnd;
      continue;
    }
    let i = 1;
    const n = Math.min(end, folderEnd);
    while (i < n && first.charCodeAt(i) === name.charCodeAt(i)) i++;
    // Back to a whole module: "a/b/" and "a/bc/" share "a/", not "a/b" (index 0 is the leading '/').
    end = first.lastIndexOf('/', i - 1) + 1;
  }
  if (first === null) return null;
  // split/join makes one flat string; replaceAll makes a tree of parts, kept by every match.
  return end <= 1 ? '' : first.substring(1, end - 1).split('/').join('.');
}

function commonMetadataScope(nodes: readonly Node[]): string | null {
  let common: string[] | null = null;
  for (const node of nodes) {
    const path = metadataScope(node);
    if (!path) continue;
    if (common === null) common = path;
    else {
      let i = 0;
      while (i < common.length && i < path.length && common[i] === path[i]) i++;
      common = common.slice(0, i);
    }
  }
  return common === null ? null : common.join('.');
}
