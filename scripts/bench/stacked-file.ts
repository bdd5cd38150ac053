// Writes `layers` copies of a one-layer ONNX file as one model file, chained output → input, every value and node
// renamed per copy ("L3:<value>", "/blocks.3<name>"), initializers written once and shared. The scan benchmark
// reads the result with the reader, so the scan runs on a model exactly as the CLI and the extension hold one.
// Works on the wire format: a node's attributes, op type and domain, the initializers and the graph inputs are
// copied byte for byte; only names are re-encoded. Memory stays at one layer's frames, whatever the size.
// Made for one-graph layers like the bench's fixtures: a single graph output, no subgraphs (they would be copied
// unrenamed), value_info dropped (it would describe one copy only).
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { Reader } from 'protobufjs/minimal';
import { fieldHeader } from '../../src/core/onnx/builder';

const LEN = 2;

interface Frame {
  field: number;
  /** The whole field: tag, length and payload. */
  bytes: Uint8Array;
  /** The payload of a length-delimited field. */
  payload: Uint8Array;
}

/** The fields of one message, in order. */
function framesOf(message: Uint8Array): Frame[] {
  const r = new Reader(message);
  const out: Frame[] = [];
  while (r.pos < message.length) {
    const at = r.pos;
    const tag = r.uint32();
    let payloadStart = r.pos;
    if ((tag & 7) === LEN) {
      const len = r.uint32();
      payloadStart = r.pos;
      r.skip(len);
    } else r.skipType(tag & 7);
    out.push({ field: tag >>> 3, bytes: message.subarray(at, r.pos), payload: message.subarray(payloadStart, r.pos) });
  }
  return out;
}

const text = new TextDecoder();
const encoder = new TextEncoder();

function stringFrame(field: number, value: string): Uint8Array[] {
  const bytes = encoder.encode(value);
  return [fieldHeader(field, LEN, bytes.length), bytes];
}

function framed(field: number, parts: Uint8Array[]): Uint8Array[] {
  return [fieldHeader(field, LEN, parts.reduce((n, p) => n + p.length, 0)), ...parts];
}

/** Writes the stacked model to `outPath`; returns its node count. */
export function writeStackedModel(layerPath: string, layers: number, outPath: string): number {
  const model = framesOf(readFileSync(layerPath));
  const graph = framesOf(model.find((f) => f.field === 7)!.payload);
  const nameOf = (message: Uint8Array) => text.decode(framesOf(message).find((f) => f.field === 1)?.payload ?? new Uint8Array());
  const shared = new Set(graph.filter((f) => f.field === 5).map((f) => nameOf(f.payload)));
  const input = nameOf(graph.find((f) => f.field === 11)!.payload);
  const outputFrame = graph.find((f) => f.field === 12)!;
  const output = nameOf(outputFrame.payload);
  const nodes = graph.filter((f) => f.field === 1).map((f) => framesOf(f.payload));

  const layerParts = (l: number): Uint8Array[] => {
    const rename = (v: string): string => {
      if (v === '' || shared.has(v)) return v;
      if (v === input) return l === 0 ? input : `L${l - 1}:${output}`;
      return `L${l}:${v}`;
    };
    const parts: Uint8Array[] = [];
    for (const node of nodes) {
      const fields: Uint8Array[] = [];
      for (const f of node) {
        if (f.field === 1 || f.field === 2) fields.push(...stringFrame(f.field, rename(text.decode(f.payload))));
        else if (f.field === 3) fields.push(...stringFrame(3, `/blocks.${l}${text.decode(f.payload)}`));
        else fields.push(f.bytes);
      }
      parts.push(...framed(1, fields));
    }
    return parts;
  };
  // The graph's own fields after its nodes: initializers and inputs as they are, the output renamed to the last copy's.
  const rest: Uint8Array[] = [];
  for (const f of graph) {
    if (f.field === 1 || f.field === 13) continue; // nodes are written above; value_info would name one layer only
    if (f.field !== 12) rest.push(f.bytes);
    else rest.push(...framed(12, framesOf(f.payload).flatMap((v) => (v.field === 1 ? stringFrame(1, `L${layers - 1}:${output}`) : [v.bytes]))));
  }
  const length = (parts: Uint8Array[]) => parts.reduce((n, p) => n + p.length, 0);
  let graphLength = length(rest);
  for (let l = 0; l < layers; l++) graphLength += length(layerParts(l));

  const fd = openSync(outPath, 'w');
  const put = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
  };
  try {
    for (const f of model) if (f.field !== 7) put(f.bytes);
    put(fieldHeader(7, LEN, graphLength));
    for (let l = 0; l < layers; l++) layerParts(l).forEach(put);
    rest.forEach(put);
  } finally {
    closeSync(fd);
  }
  return nodes.length * layers;
}
