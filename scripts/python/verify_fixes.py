"""Proves Python quick fixes with real torch: for each case, import the original and the fixed file, compare the
module's outputs (eager, and through the added autograd Function as torch.onnx export runs it), then export both
with torch.onnx.export (behind one Add, see FeedsAnotherNode) so the caller can read the models with the project's reader.

Usage: /usr/bin/python3 verify_fixes.py cases.json  → one JSON object per case on stdout, as a JSON list.
Each case: {"name", "original", "fixed", "factory", "opset", "custom_opsets", "before_onnx", "after_onnx"}.
One process for every case: importing torch once is most of the cost.
"""
import contextlib
import importlib.util
import json
import sys
import traceback
import warnings

import onnx
import onnx.shape_inference
import torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def pretend_exporting():
    """Runs forward down the branch torch.onnx.export takes, in eager mode, so its numbers can be compared."""
    original = torch.onnx.is_in_onnx_export
    torch.onnx.is_in_onnx_export = lambda: True
    try:
        yield
    finally:
        torch.onnx.is_in_onnx_export = original


def outputs(model, inputs):
    with torch.no_grad():
        result = model(*inputs)
    return result if isinstance(result, tuple) else (result,)


def max_difference(a, b):
    return max(float((x.double() - y.double()).abs().max()) if x.numel() else 0.0 for x, y in zip(a, b))


class FeedsAnotherNode(torch.nn.Module):
    """Adds 1 to the model's output, so the op under test is an inner node: its output type in the file then
    comes from the symbolic's setType, not from the graph output torch always types."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, *inputs):
        return self.inner(*inputs) + 1.0


def export(model, inputs, path, case):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            FeedsAnotherNode(model), inputs, path, opset_version=case["opset"], custom_opsets=case.get("custom_opsets") or {},
            input_names=[f"input_{i}" for i in range(len(inputs))], output_names=["output"],
        )


def run(case, index):
    report = {"name": case["name"]}
    original = load(case["original"], f"original_{index}")
    fixed = load(case["fixed"], f"fixed_{index}")
    model_before, inputs = getattr(original, case["factory"])()
    model_after, inputs_after = getattr(fixed, case["factory"])()
    model_before.eval()
    model_after.eval()
    report["same_inputs"] = all(torch.equal(a, b) for a, b in zip(inputs, inputs_after))
    before = outputs(model_before, inputs)
    after = outputs(model_after, inputs)
    with pretend_exporting():
        exporting = outputs(model_after, inputs)
    report["eager_max_difference"] = max_difference(before, after)
    report["export_path_max_difference"] = max_difference(before, exporting)
    report["bitwise_equal"] = all(torch.equal(a, b) for a, b in zip(before, exporting)) and all(torch.equal(a, b) for a, b in zip(before, after))
    export(model_before, inputs, case["before_onnx"], case)
    export(model_after, inputs, case["after_onnx"], case)
    report["exported"] = True
    # What ONNX's own shape inference (python onnx) makes of the fixed file: standard ops get their output types
    # from their schema, so torch writes no value_info for them; custom ops only have what setType recorded.
    inferred = onnx.shape_inference.infer_shapes(onnx.load(case["after_onnx"]))
    report["after_inferred_types"] = {v.name: v.type.tensor_type.elem_type for v in inferred.graph.value_info}
    return report


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        cases = json.load(handle)
    reports = []
    for index, case in enumerate(cases):
        try:
            reports.append(run(case, index))
        except Exception:  # one broken case must not hide the others' results
            reports.append({"name": case["name"], "error": traceback.format_exc()})
    json.dump({"torch": torch.__version__, "cases": reports}, sys.stdout)


if __name__ == "__main__":
    main()
