// The ONNX reader's public entry points. A model is decoded from the wire format straight into the types of
// model.ts; tensor payloads stay where they are (file offsets) and are read only on request through
// readTensorBytes/readTensorNumbers, which find the bytes again through the source registered for the model
// (payloads of up to 128 bytes are copied out while reading a file: small-payloads.ts).
import { resolve } from 'node:path';
import { MemoryByteSource, registerSource } from './byte-source';
import { OnnxReadError } from './errors';
import { FileByteSource, OpenFile } from './file-source';
import { readModel } from './messages';
import type { Model } from './model';
import { sniffNonOnnx } from './sniff';
import { Cursor } from './wire';

export { OnnxReadError } from './errors';
export { resolveExternalData } from './external-data';
export type { ExternalDataResolution } from './external-data';
export { readTensorBytes, readTensorNumbers } from './tensor-data';

export interface ReadOptions {
  /** 'full' (default): everything in the file. 'summary': what a one-screen overview of a huge graph needs —
   *  node names, node inputs/outputs, node doc strings and metadata_props, graph value_info and every node
   *  attribute that holds no subgraph are left empty (skipped, never decoded); op types, domains, subgraph
   *  attributes, functions, graph inputs/outputs, initializers and model metadata are read as usual. What is left
   *  of a node without subgraphs is its op, so such nodes of the same op are one shared, frozen object.
   *  `onnx-coverage inspect` reads this way; anything that checks nodes needs 'full'. */
  detail?: 'full' | 'summary';
}

/** Reads a model file through a small moving window: a 1.5 GB model never has its weights in memory. */
export function readModelFile(path: string, options: ReadOptions = {}): Model {
  const absolute = resolve(path);
  const file = OpenFile.open(absolute);
  let model: Model;
  const cursor = Cursor.overFile(file, absolute);
  try {
    const head = new Uint8Array(Math.min(64, file.size));
    file.readInto(head, head.length, 0);
    model = decode(cursor, head, options);
  } finally {
    file.close();
  }
  registerSource(model, new FileByteSource(absolute, model.source.size, cursor.smallPayloads));
  return model;
}

/** The same from memory (tests, webviews). `label` names the model in error messages. */
export function readModelBytes(bytes: Uint8Array, label = '<memory>', options: ReadOptions = {}): Model {
  const model = decode(Cursor.overBytes(bytes, label), bytes.subarray(0, 64), options);
  registerSource(model, new MemoryByteSource(bytes, label));
  return model;
}

function decode(cursor: Cursor, head: Uint8Array, options: ReadOptions): Model {
  cursor.summaryOnly = options.detail === 'summary';
  if (cursor.size === 0) throw new OnnxReadError(cursor.label, 0, 'an ONNX ModelProto', 'an empty file');
  const recognised = sniffNonOnnx(head);
  if (recognised !== undefined) throw new OnnxReadError(cursor.label, 0, 'an ONNX ModelProto', recognised);
  let model: Model;
  try {
    model = readModel(cursor, cursor.size);
  } catch (error) {
    if (error instanceof OnnxReadError) throw error;
    // Anything else is a reader bug or an exhausted resource; still report it as unusable input, with context.
    throw new OnnxReadError(cursor.label, cursor.pos, 'a decodable ONNX ModelProto', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  if (model.irVersion === 0 && model.opsetImport.length === 0 && model.graph.nodes.length === 0 && model.graph.inputs.length === 0) {
    throw new OnnxReadError(cursor.label, 0, 'an ONNX ModelProto (ir_version, opset_import, graph)', 'none of them');
  }
  return model;
}
