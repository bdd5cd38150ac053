# Reads a JSON list of {"model": path.onnx, "text": path.onnxtxt} on stdin; for each, parses the text with onnx's
# own parser (onnx.parser.parse_model) and compares the structure with onnx.load of the original model. Prints a
# JSON list of {"model", "parsed": bool, "error", "differences": [...]}. Run with Debian's /usr/bin/python3 (onnx 1.12).
import json
import math
import sys

import onnx
import onnx.parser
from onnx import numpy_helper


def dims(type_proto):
    t = type_proto.tensor_type
    if not t.HasField('shape'):
        return None
    return [d.dim_value if d.HasField('dim_value') else (d.dim_param if d.HasField('dim_param') else '?') for d in t.shape.dim]


def value_info(vi):
    if vi.type.HasField('tensor_type'):
        return [vi.name, vi.type.tensor_type.elem_type, dims(vi.type)]
    return [vi.name, vi.type.WhichOneof('value')]


def float32(x):
    return x if math.isnan(x) else float(f'{x:.9g}')


def tensor(t, elided):
    shape = [t.name, t.data_type, list(t.dims)]
    if elided:
        return shape
    try:
        values = numpy_helper.to_array(t).flatten().tolist()
    except Exception as error:  # noqa: BLE001 - the comparison reports it
        values = f'unreadable: {error}'
    if isinstance(values, list):
        values = [float32(v) if isinstance(v, float) else (v.decode('utf-8', 'replace') if isinstance(v, bytes) else v) for v in values]
    return shape + [values]


def attribute(a, elided):
    kind = a.type
    value = {
        onnx.AttributeProto.INT: lambda: a.i,
        onnx.AttributeProto.FLOAT: lambda: float32(a.f),
        onnx.AttributeProto.STRING: lambda: a.s.decode('utf-8', 'replace'),
        onnx.AttributeProto.INTS: lambda: list(a.ints),
        onnx.AttributeProto.FLOATS: lambda: [float32(f) for f in a.floats],
        onnx.AttributeProto.STRINGS: lambda: [s.decode('utf-8', 'replace') for s in a.strings],
        onnx.AttributeProto.TENSOR: lambda: tensor(a.t, elided),
        onnx.AttributeProto.GRAPH: lambda: graph(a.g, elided),
        onnx.AttributeProto.GRAPHS: lambda: [graph(g, elided) for g in a.graphs],
    }.get(kind, lambda: None)()
    return [a.name, kind, a.ref_attr_name, value]


def node(n, elided):
    return [n.op_type, n.domain, list(n.input), list(n.output), [attribute(a, elided) for a in n.attribute]]


def graph(g, elided):
    return {
        'name': g.name,
        'inputs': [value_info(v) for v in g.input],
        'outputs': [value_info(v) for v in g.output],
        'initializers': [tensor(t, elided) for t in g.initializer],
        'value_info': [value_info(v) for v in g.value_info],
        'nodes': [node(n, elided) for n in g.node],
    }


def function(f, elided):
    return [f.name, f.domain, list(f.input), list(f.output), list(f.attribute), [node(n, elided) for n in f.node]]


def model(m, elided):
    return {
        'ir_version': m.ir_version,
        'opset_import': sorted([o.domain, o.version] for o in m.opset_import),
        'producer_name': m.producer_name,
        'graph': graph(m.graph, elided),
        'functions': [function(f, elided) for f in m.functions],
    }


def differences(a, b, path='', out=None):
    out = [] if out is None else out
    if len(out) >= 5:
        return out
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a:
            differences(a[key], b.get(key), f'{path}.{key}', out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f'{path}: {len(a)} items vs {len(b)}: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}')
        else:
            for i, (x, y) in enumerate(zip(a, b)):
                differences(x, y, f'{path}[{i}]', out)
    elif a != b and not (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)):
        out.append(f'{path}: {json.dumps(a)[:200]} vs {json.dumps(b)[:200]}')
    return out


def main():
    results = []
    for case in json.load(sys.stdin):
        original = onnx.load(case['model'], load_external_data=False)
        with open(case['text'], encoding='utf-8') as f:
            text = f.read()
        result = {'model': case['model'], 'parsed': False}
        try:
            parsed = onnx.parser.parse_model(text)
        except Exception as error:  # noqa: BLE001 - ParseError and anything else the C++ side raises
            result['error'] = str(error).replace('\\n', ' ')[:400]
            results.append(result)
            continue
        result['parsed'] = True
        elided = case.get('elided', False)
        result['differences'] = differences(model(original, elided), model(parsed, elided))
        results.append(result)
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
