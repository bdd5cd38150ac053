#!/usr/bin/python3
"""Runs a command, passes its stdout through, and reports wall time, CPU time (user + system) and the child's
peak RSS on stderr:
    @@measure {"wall": seconds, "cpu": seconds, "maxrssKiB": n, "code": exit}
Used by scripts/bench/harness.ts so that node and python are measured the same way."""
import json
import resource
import subprocess
import sys
import time

start = time.perf_counter()
child = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)
wall = time.perf_counter() - start
sys.stdout.buffer.write(child.stdout)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write("\n@@measure " + json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrssKiB": usage.ru_maxrss, "code": child.returncode}) + "\n")
