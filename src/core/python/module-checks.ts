// Checks on nn.Module subclasses: a forward that computes a construct ONNX has one op for (filled in below).
import type { ClassInfo } from './classes';
import type { AnalysisContext } from './context';
import type { PythonDiagnostic } from './types';

export function checkModule(_context: AnalysisContext, _info: ClassInfo): PythonDiagnostic[] {
  return [];
}
