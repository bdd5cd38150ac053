// Small helpers for the coverage tests: build a model with the project's builder, read it back with the reader
// (so the engine sees exactly what a real file gives it), and pick findings out of a report.
import { buildModel, type ModelSpec } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';
import type { Model } from '../../../src/core/onnx/model';
import { checkModel, type CheckOptions } from '../../../src/core/coverage/engine';
import type { Finding, FindingCode } from '../../../src/core/coverage/findings';
import type { CoverageReport } from '../../../src/core/coverage/report';

export function model(spec: ModelSpec, label = 'built.onnx'): Model {
  return readModelBytes(buildModel(spec), label);
}

export function check(spec: ModelSpec, options: CheckOptions = {}): CoverageReport {
  return checkModel(model(spec), options);
}

export function codes(report: CoverageReport): FindingCode[] {
  return report.findings.map((f) => f.code);
}

export function only(report: CoverageReport, code: FindingCode): Finding[] {
  return report.findings.filter((f) => f.code === code);
}

/** A one-node model at `opset` whose inputs and outputs are float tensors unless told otherwise. */
export function oneNode(opset: number, node: NonNullable<NonNullable<ModelSpec['graph']>['nodes']>[number], elemType = 1, extraImports: Array<{ domain: string; version: number }> = []): ModelSpec {
  const inputs = (node.inputs ?? []).filter((n) => n !== '').map((name) => ({ name, elemType }));
  return {
    opsetImport: [{ domain: '', version: opset }, ...extraImports],
    graph: { nodes: [node], inputs, outputs: (node.outputs ?? []).map((name) => ({ name })) },
  };
}
