// The one place the coverage check meets the patterns detector (issue 5). Until the detector lands this finds
// nothing, and reports carry `decompositions: []` as the JSON contract requires.
import type { Model } from '../onnx/model';
import type { DecompositionMatch } from './report';

export function detectDecompositions(_model: Model, _target: { opset?: number; runtime?: string }): DecompositionMatch[] {
  return [];
}
