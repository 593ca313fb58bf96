"""Run one function in a child process under address-space and CPU limits, and get its result back.

For parsers whose memory and time cannot be bounded from the outside (openpyxl reading a workbook's
XML): a file that makes them explode kills only the child, and the caller gets a `SandboxError`
saying which limit was hit. The child is `python -m safety.sandbox`; the call and the result travel
pickled over its stdin and stdout (parent and child are the same program, so nothing untrusted is
unpickled: the file's bytes are only an argument). An exception raised by the function is raised
again in the parent as it was.
"""

from __future__ import annotations

import importlib
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR")


class SandboxError(RuntimeError):
    """The child hit its memory or CPU limit, or died; `limit` is 'memory', 'time' or 'crash'."""

    def __init__(self, limit: str, message: str):
        self.limit = limit
        super().__init__(message)


def run_limited(target: str, *args: Any, memory_bytes: int, cpu_seconds: int) -> Any:
    """`module:function(*args)` in a child limited to `memory_bytes` of address space and `cpu_seconds`."""
    env = {k: v for k, v in os.environ.items() if k in _PASSED_ENV}
    env.update(PYTHONPATH=str(_ROOT), READINESS_SANDBOX_MEMORY=str(memory_bytes),
               READINESS_SANDBOX_CPU=str(cpu_seconds))
    try:
        done = subprocess.run([sys.executable, "-m", "safety.sandbox"], input=pickle.dumps((target, args)),
                              capture_output=True, env=env, cwd=_ROOT, timeout=cpu_seconds * 2 + 30)
    except subprocess.TimeoutExpired:
        raise SandboxError("time", f"took longer than {cpu_seconds * 2 + 30} s and was stopped") from None
    if done.returncode == 0 and done.stdout:
        outcome, value = pickle.loads(done.stdout)  # noqa: S301 - written by our own child process
        if outcome == "error":
            raise value
        return value
    if done.returncode == _MEMORY_EXIT or b"MemoryError" in done.stderr:
        raise SandboxError("memory", f"needed more than {memory_bytes / 2**30:.1f} GB of memory and was stopped")
    if done.returncode in (-24, 128 + 24, -9):  # SIGXCPU, then SIGKILL past the hard limit
        raise SandboxError("time", f"used more than {cpu_seconds} s of CPU time and was stopped")
    last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
    raise SandboxError("crash", f"the reader stopped unexpectedly ({last[0][:200]})")


_MEMORY_EXIT = 3


def _child() -> int:
    import resource

    memory = int(os.environ["READINESS_SANDBOX_MEMORY"])
    cpu = int(os.environ["READINESS_SANDBOX_CPU"])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    target, args = pickle.loads(sys.stdin.buffer.read())  # noqa: S301 - sent by our own parent process
    module, function = target.split(":")
    try:
        result = ("ok", getattr(importlib.import_module(module), function)(*args))
    except MemoryError:
        return _MEMORY_EXIT
    except Exception as exc:  # the parent raises it again
        result = ("error", exc)
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return _MEMORY_EXIT
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(_child())
