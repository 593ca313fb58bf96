"""A helper process for the model fits that would otherwise hold the GIL while the other checks run.

The learning curve trains a gradient-boosting baseline once per point of its curve (and per
holdout on small samples), and the domain classifier once per cross-validation fold.
scikit-learn grows those trees in Python for most of their time, so on a thread they hold the GIL
and the other checks wait; on the few-thousand-row samples people upload in the app these fits
are most of the run. Sent to one helper process instead, they use the second core while the
other checks use the first: a 6,000-row run drops from about 1.4 s to under 0.9 s on two cores.
The results are the same (same data, seeds and thread limits).

The helper is used once it has been started with `warm_up`, which the app does when the sample
step opens (starting it takes about a second, as it imports scikit-learn: paid while files are
chosen, not after "Run checks"). Until then, in the command line and in tests, fits run in the
calling thread. If the helper dies it is dropped and the fits run here; `READINESS_FIT_PROCESS=0`
never starts it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

FITTING_CHECKS = ("learning_curve", "domain_classifier")  # the checks whose model fits come here
PRELOAD = [f"checks.library.{check}" for check in FITTING_CHECKS]  # imported once by the process that forks it

Result = TypeVar("Result")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def call(fit: Callable[..., Result], *args: Any) -> Result:
    """`fit(*args)` in the helper process if `warm_up` started one, else in this thread.

    `fit` must be a module-level function (it is sent by name) and its arguments picklable. An
    exception raised by `fit` is raised here, as if it had run in this thread.
    """
    pool = _pool
    if pool is None:
        return fit(*args)
    try:
        future = pool.submit(fit, *args)
    except (BrokenProcessPool, RuntimeError):  # the helper died earlier, or the program is ending
        _discard(pool)
        return fit(*args)
    try:
        return future.result()
    except BrokenProcessPool:  # the helper died during this fit (killed, out of memory)
        _discard(pool)
        return fit(*args)


def warm_up() -> bool:
    """Start the helper process (if allowed and not running) and wait until it answers; whether it runs."""
    global _pool
    if os.environ.get("READINESS_FIT_PROCESS") == "0":
        return False
    with _lock:
        if _pool is None:
            try:
                context = multiprocessing.get_context("forkserver")  # a fresh process: safe beside threads
                context.set_forkserver_preload(PRELOAD)
                _pool = ProcessPoolExecutor(1, mp_context=context)
            except (OSError, ValueError):  # no forkserver on this platform, or no process allowed
                return False
        pool = _pool
    try:
        pool.submit(os.getpid).result()
    except (BrokenProcessPool, OSError, RuntimeError):  # it could not start
        _discard(pool)
        return False
    return True


def stop() -> None:
    """Stop the helper; fits run in the calling thread until the next `warm_up`."""
    pool = _pool
    if pool is not None:
        _discard(pool)


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
