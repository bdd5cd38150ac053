#!/usr/bin/python3
"""The Python reference: onnx.load(path, load_external_data=False), timed inside the process.
Prints {"loadSeconds": wall s, "loadCpuSeconds": s, "nodeCount": n, "onnx": version} (main-graph nodes only)."""
import json
import sys
import time

import onnx

start, start_cpu = time.perf_counter(), time.process_time()
model = onnx.load(sys.argv[1], load_external_data=False)
elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
print(json.dumps({"loadSeconds": elapsed, "loadCpuSeconds": elapsed_cpu, "nodeCount": len(model.graph.node), "onnx": onnx.__version__}))
