// Writes a valid ONNX model whose single weight is `bytes` long, without writing the weight: the header is
// encoded by hand (ModelProto → GraphProto → TensorProto.raw_data, placed last) and the file is then extended
// with ftruncate, so the weight is a sparse run of zeros that costs no disk and no time.
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

const text = (s: string) => [...Buffer.from(s, 'utf8')];
/** A length-delimited field: tag, length, bytes (`extra` bytes follow outside this array). */
const field = (tag: number, body: number[], extra = 0) => [tag, ...varint(body.length + extra), ...body];

/** A MatMul of x by one float weight W of `rows` × `cols`. Returns the file size. */
export function writeLargeModel(path: string, rows: number, cols: number): number {
  const weightBytes = rows * cols * 4;
  const valueInfo = (name: string) => field(0x0a, text(name));
  const node = [...field(0x0a, text('x')), ...field(0x0a, text('W')), ...field(0x12, text('y')), ...field(0x1a, text('big_matmul')), ...field(0x22, text('MatMul'))];
  // TensorProto: dims (1), data_type (2) = FLOAT, name (8), raw_data (9) whose bytes come after the header.
  const tensorHead = [0x08, ...varint(rows), 0x08, ...varint(cols), 0x10, 1, ...field(0x42, text('W')), 0x4a, ...varint(weightBytes)];
  const graphHead = [
    ...field(0x0a, node),
    ...field(0x12, text('large')),
    ...field(0x5a, valueInfo('x')),
    ...field(0x62, valueInfo('y')),
    0x2a, ...varint(tensorHead.length + weightBytes), ...tensorHead,
  ];
  const modelHead = [
    0x08, 8, // ir_version 8
    ...field(0x12, text('onnx-op-coverage e2e')),
    ...field(0x42, [0x10, 17]), // opset_import ai.onnx 17
    0x3a, ...varint(graphHead.length + weightBytes), ...graphHead,
  ];
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.from(modelHead));
    ftruncateSync(fd, modelHead.length + weightBytes);
  } finally {
    closeSync(fd);
  }
  return modelHead.length + weightBytes;
}
