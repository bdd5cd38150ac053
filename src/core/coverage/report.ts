// The result of checking one model: what was checked against what, every finding, the decomposed ops found,
// and the counts a summary line needs. Every report format (text, JSON, SARIF) and the editor read this shape.
import type { OperatorSetId } from '../onnx/model';
import type { Finding, FindingCode } from './findings';
import type { DecompositionJson, QuantizationTotals } from '../patterns';

export interface CoverageTarget {
  /** The default-domain (ai.onnx) opset the nodes were validated against; null when the model imports none. */
  opset: number | null;
  /** Runtime id from the catalog ('ort-cpu', 'tensorrt', …), or null when no runtime was chosen. */
  runtime: string | null;
  /** The runtime's name with the upstream version its table came from, e.g. "ONNX Runtime 1.27 (CPU)". */
  runtimeName?: string;
}

/** One decomposed construct as the patterns detector writes it in JSON (issue 5), with its quantization cost (issue 9). */
export type DecompositionMatch = DecompositionJson;

export interface CoverageSummary {
  nodesChecked: number;
  /** Nodes with no finding of error or warning severity. */
  ok: number;
  errors: number;
  warnings: number;
  infos: number;
  byCode: Partial<Record<FindingCode, number>>;
  /** Distinct ops ('Op' or 'domain::Op') that have at least one error finding, sorted. */
  unsupportedOps: string[];
}

/** What a change of opset brings: the fused ops the new opset offers for constructs the model decomposes. */
export interface RetargetInfo {
  fromOpset: number;
  toOpset: number;
  fusedOpsOffered: Array<{ domain: string; op: string; sinceOpset: number; patterns: string[]; matches: number }>;
}

export interface CoverageReport {
  /** The model path as given (or a label for in-memory models). */
  model: string;
  opsetImport: OperatorSetId[];
  target: CoverageTarget;
  /** Nodes checked: main graph, subgraphs at any depth, model-local function bodies. */
  nodes: number;
  findings: Finding[];
  decompositions: DecompositionMatch[];
  /** What the decompositions cost a statically quantized deployment: extra activation quantizers, their share. */
  quantization: QuantizationTotals;
  summary: CoverageSummary;
  /** Present when the target opset differs from the model's own default-domain import. */
  retarget?: RetargetInfo;
}
