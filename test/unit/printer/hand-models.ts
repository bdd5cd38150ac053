// Small models written out by hand as Model objects, for printer tests that must not depend on the reader.
import type { Attribute, Graph, Model, Node, Tensor, TypeInfo, ValueInfo } from '../../../src/core/onnx/model';

export function tensorType(elemType: number, shape?: Array<number | string>): TypeInfo {
  return { kind: 'tensor', elemType, shape: shape?.map((d) => (typeof d === 'number' ? { value: d } : { param: d })) };
}

export function value(name: string, type?: TypeInfo): ValueInfo {
  return { name, type, docString: '', metadataProps: [] };
}

export function attribute(fields: Partial<Attribute> & Pick<Attribute, 'name' | 'type'>): Attribute {
  return { docString: '', floats: [], ints: [], strings: [], tensors: [], graphs: [], sparseTensors: [], typeProtos: [], ...fields };
}

export function node(opType: string, inputs: string[], outputs: string[], fields: Partial<Node> = {}): Node {
  return { name: '', opType, domain: '', overload: '', inputs, outputs, attributes: [], docString: '', metadataProps: [], ...fields };
}

export function tensor(name: string, dataType: number, dims: number[], payload: Tensor['payload'] = { kind: 'inline', field: 'raw_data', offset: 0, length: 0 }): Tensor {
  return { name, dims, dataType, docString: '', payload, externalData: [], metadataProps: [] };
}

export function graph(name: string, nodes: Node[], fields: Partial<Graph> = {}): Graph {
  return { name, nodes, initializers: [], sparseInitializers: [], inputs: [], outputs: [], valueInfo: [], quantizationAnnotation: [], docString: '', metadataProps: [], ...fields };
}

export function model(g: Graph, fields: Partial<Model> = {}): Model {
  return {
    irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: '', producerVersion: '', domain: '', modelVersion: 0,
    docString: '', graph: g, metadataProps: [], trainingInfo: [], functions: [], configuration: [], source: { path: 'hand-written', size: 0 },
    ...fields,
  };
}
