// The text of a `@staticmethod def symbolic(g, ...)` matching a Function's forward: tensor parameters become
// inputs of one g.op node, the others attributes with the right suffix, and the output gets the first input's type.
import type { NameResolver } from './imports';
import { onnxArgumentOf, readParameters, type Parameter } from './parameters';
import type { Node } from './syntax';

export interface SymbolicStub {
  /** Lines of the method without indentation; `indent` marks a body line. */
  lines: { text: string; body: boolean }[];
}

export interface StubRequest {
  forward: Node;
  names: NameResolver;
  /** "domain::Op" or a bare ai.onnx op type. */
  opType: string;
}

/** Null when forward's signature cannot be mirrored cleanly (`*args`, `**kwargs`, an unknown default). */
export function symbolicStub(request: StubRequest): SymbolicStub | null {
  const parameters = readParameters(request.forward);
  const [context, ...rest] = parameters;
  if (!context || context.shape !== 'plain') return null;
  if (rest.some((p) => p.shape === 'args' || p.shape === 'kwargs')) return null;
  const graph = rest.some((p) => p.name === 'g') ? 'graph' : 'g';
  const signature: string[] = [graph];
  const inputs: string[] = [];
  const attributes: string[] = [];
  for (const parameter of rest) {
    if (parameter.shape !== 'plain') {
      signature.push(parameter.name);
      continue;
    }
    const argument = onnxArgumentOf(parameter, request.names);
    if (!argument) return null;
    signature.push(signatureEntry(parameter));
    if (argument.kind === 'tensor') inputs.push(parameter.name);
    else attributes.push(`${parameter.name}_${argument.suffix}=${argument.bool ? `int(${parameter.name})` : parameter.name}`);
  }
  const first = inputs[0];
  if (!first) return null; // nothing to take the output type from
  const call = `${graph}.op(${[JSON.stringify(request.opType), ...inputs, ...attributes].join(', ')}).setType(${first}.type())`;
  return {
    lines: [
      { text: '@staticmethod', body: false },
      { text: `def symbolic(${signature.join(', ')}):`, body: false },
      { text: `return ${call}`, body: true },
    ],
  };
}

function signatureEntry(parameter: Parameter): string {
  return parameter.defaultValue ? `${parameter.name}=${parameter.defaultValue.text}` : parameter.name;
}
