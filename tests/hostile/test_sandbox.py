"""The limited child process: results and exceptions come back; memory and CPU limits end only the child."""

from __future__ import annotations

import json

import pytest

from safety.sandbox import SandboxError, run_limited

MB = 1024 * 1024


def test_a_result_comes_back():
    assert run_limited("json:loads", '{"a": [1, 2]}', memory_bytes=512 * MB, cpu_seconds=20) == {"a": [1, 2]}


def test_an_exception_is_raised_again_in_the_parent():
    with pytest.raises(json.JSONDecodeError):
        run_limited("json:loads", "{broken", memory_bytes=512 * MB, cpu_seconds=20)


def test_the_memory_limit_ends_the_child_not_the_caller():
    with pytest.raises(SandboxError, match=r"^needed more than 0.5 GB of memory and was stopped$") as stopped:
        run_limited("builtins:bytearray", 2048 * MB, memory_bytes=512 * MB, cpu_seconds=20)
    assert stopped.value.limit == "memory"


def test_the_cpu_limit_ends_the_child():
    with pytest.raises(SandboxError, match=r"^used more than 1 s of CPU time and was stopped$") as stopped:
        run_limited("builtins:sum", range(10 ** 13), memory_bytes=512 * MB, cpu_seconds=1)
    assert stopped.value.limit == "time"


def test_a_crash_is_reported_as_such():
    with pytest.raises(SandboxError, match=r"^the reader stopped unexpectedly") as stopped:
        run_limited("os:abort", memory_bytes=512 * MB, cpu_seconds=20)
    assert stopped.value.limit == "crash"
