#!/usr/bin/python3
"""Runs a command while Linux inotify watches one file, and reports whether the command opened or read it:
    watch_open.py FILE -- COMMAND...   →  stderr: @@watch {"opened": n, "accessed": n, "code": exit}
The proof that reading a model's structure leaves its external data file alone (issue 8). The kernel reports
every open(2) and read of the file by any process, root included (unlike permission tricks), and atime is
unreliable (relatime/noatime mounts). Run it once on a command that does read the file, to show it can see one."""
import ctypes
import ctypes.util
import json
import os
import struct
import subprocess
import sys

IN_ACCESS, IN_OPEN, IN_NONBLOCK = 0x1, 0x20, 0o4000
EVENT = struct.Struct("iIII")  # wd, mask, cookie, name length

path, command = sys.argv[1], sys.argv[sys.argv.index("--") + 1:]
libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
fd = libc.inotify_init1(IN_NONBLOCK)
if fd < 0 or libc.inotify_add_watch(fd, path.encode(), IN_OPEN | IN_ACCESS) < 0:
    sys.exit(f"watch_open.py: cannot watch {path}: {os.strerror(ctypes.get_errno())}")
child = subprocess.run(command, stdout=subprocess.DEVNULL)
opened = accessed = 0
while True:
    try:
        buffer = os.read(fd, 1 << 16)
    except BlockingIOError:
        break
    at = 0
    while at < len(buffer):
        _, mask, _, name_length = EVENT.unpack_from(buffer, at)
        opened += bool(mask & IN_OPEN)
        accessed += bool(mask & IN_ACCESS)
        at += EVENT.size + name_length
sys.stderr.write("\n@@watch " + json.dumps({"opened": opened, "accessed": accessed, "code": child.returncode}) + "\n")
