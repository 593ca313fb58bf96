"""PDF renders started before anyone asks: when the checks have run, and when the results page opens.

Laying out the report takes seconds, so waiting for it after the click was most of what "Prepare
PDF" cost. The sample step (after a run of the checks) and the results page (once it has drawn
everything) hand the report of what the results show to `start_ahead`; the render runs on one
background thread (its layout in the renderer's child process, see `reports.pdf`) while the user
reads, and "Prepare PDF" waits only for what is left of it, usually nothing. A render started ahead
is skipped while another one runs, so pages opened in quick succession never queue up renders.
Renders are keyed by the report's content fingerprint: a rerun, a reload or a second tab with
unchanged content reuses the same render, and the last few are kept. A failed render is forgotten
once its error is shown, so the next click tries again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor

from reports import render_pdf
from reports.model import Report

AHEAD_DELAY_S = 0.2
MAX_KEPT = 8  # rendered PDFs kept in memory (a few hundred kB each)

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readiness-pdf")  # one layout at a time
_jobs: OrderedDict[str, Future[bytes]] = OrderedDict()
_lock = threading.Lock()


def start(fingerprint: str, report: Report, paper: str) -> Future[bytes]:
    """The render of `report` for `fingerprint`: the one already started, else a new one."""
    with _lock:
        return _start(fingerprint, report, paper)


def start_ahead(fingerprint: str, report: Report, paper: str) -> None:
    """Start a render nobody has asked for yet, unless one for this content exists or another is under way
    (pages opened in quick succession never queue up renders that nobody may download). It begins after
    `AHEAD_DELAY_S`: building its HTML holds the interpreter, and the page that asked is still being sent."""
    with _lock:
        if fingerprint not in _jobs and all(job.done() for job in _jobs.values()):
            _start(fingerprint, report, paper, delay=AHEAD_DELAY_S)


def _start(fingerprint: str, report: Report, paper: str, delay: float = 0.0) -> Future[bytes]:
    job = _jobs.get(fingerprint)
    if job is None:
        job = _jobs[fingerprint] = _executor.submit(_render, report, paper, delay)
    _jobs.move_to_end(fingerprint)
    while len(_jobs) > MAX_KEPT:
        _jobs.popitem(last=False)
    return job


def _render(report: Report, paper: str, delay: float) -> bytes:
    time.sleep(delay)
    return render_pdf(report, paper)


def forget(fingerprint: str) -> None:
    """Drop a render (after its failure was shown), so the next request renders again."""
    with _lock:
        _jobs.pop(fingerprint, None)
