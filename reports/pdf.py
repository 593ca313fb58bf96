"""Render a report to PDF with WeasyPrint, in a child process with a time and a memory limit.

A hostile or huge document can make a renderer run for minutes or eat all memory, so the parent
never renders itself: it starts `python -m reports.pdf`, sends the HTML on stdin and reads the
PDF from stdout. The child sets its own address-space and CPU limits before importing
WeasyPrint; the parent enforces the wall-time limit. Either limit, or a refused URL (see
`reports.fetcher`), ends in a `ReportRenderError` with a plain message.

Each child renders one document and exits. Starting Python and importing WeasyPrint takes about
half a second, so one child is kept on standby, already started and waiting for its HTML:
`warm_up()` starts it (the CLI does so while the data checks run, the app when the results page
opens), and every render starts the next one when it is done.
"""

from __future__ import annotations

import atexit
import gc
import os
import re
import subprocess
import sys
import threading
import time
from html import unescape
from pathlib import Path

from reports.html import render_html
from reports.model import Report
from vocabulary import Paper

TIME_LIMIT_SECONDS = 60.0
MEMORY_LIMIT_MB = 1536
MAX_TEXT_RUN = 1000  # characters of one piece of text (a cell, a name, an answer) laid out in the PDF
_ROOT = Path(__file__).resolve().parent.parent


class ReportRenderError(RuntimeError):
    """The PDF could not be produced: time or memory limit exceeded, a refused URL, or a renderer error."""


def render_pdf(report: Report, paper: Paper | str = Paper.a4, *, time_limit: float = TIME_LIMIT_SECONDS,
               memory_limit_mb: int = MEMORY_LIMIT_MB) -> bytes:
    """The report as PDF bytes (the same document as `render_html`, laid out for print)."""
    return html_to_pdf(render_html(report, paper, for_pdf=True), time_limit=time_limit,
                       memory_limit_mb=memory_limit_mb)


_standby: subprocess.Popen | None = None  # a started child waiting for HTML, with the default limits
_standby_lock = threading.Lock()
_charts_warm = False


def _start_child(time_limit: float, memory_limit_mb: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "HOME", "FONTCONFIG_PATH")}
    env["PYTHONPATH"] = str(_ROOT)
    env["READINESS_PDF_MEMORY_MB"] = str(int(memory_limit_mb))
    env["READINESS_PDF_CPU_SECONDS"] = str(max(1, int(time_limit) + 1))
    return subprocess.Popen([sys.executable, "-m", "reports.pdf"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=_ROOT)


def warm_up() -> None:
    """Get the next PDF going fast: a renderer child started and waiting, and the chart converter loaded.

    Cheap when already warm; the chart converter loads on a background thread.
    """
    global _standby, _charts_warm
    with _standby_lock:
        if _standby is None or _standby.poll() is not None:
            _standby = _start_child(TIME_LIMIT_SECONDS, MEMORY_LIMIT_MB)
        if _charts_warm:
            return
        _charts_warm = True
    threading.Thread(target=_warm_charts, name="readiness-chart-warm-up", daemon=True).start()


def warm_up_soon() -> None:
    """`warm_up` on a background thread, for a page that must not wait while the renderer's process starts
    (a few hundred milliseconds when forked from a large server process)."""
    with _standby_lock:
        if _charts_warm and _standby is not None and _standby.poll() is None:
            return
    threading.Thread(target=warm_up, name="readiness-pdf-warm-up", daemon=True).start()


def _warm_charts() -> None:
    from reports.charts import area_scores_chart  # noqa: F401  (imports Altair)
    from reports.svg import warm_up as warm_svg

    warm_svg()


def _take_child(time_limit: float, memory_limit_mb: int) -> subprocess.Popen:
    """The standby child when its limits are the ones asked for (and it is alive), else a new one."""
    global _standby
    with _standby_lock:
        child, _standby = _standby, None
    if child is not None and (time_limit, memory_limit_mb) == (TIME_LIMIT_SECONDS, MEMORY_LIMIT_MB) \
            and child.poll() is None:
        return child
    if child is not None:
        _stop(child)
    return _start_child(time_limit, memory_limit_mb)


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.kill()
    child.communicate()


@atexit.register
def _stop_standby() -> None:
    with _standby_lock:
        if _standby is not None:
            _stop(_standby)


def html_to_pdf(html: str, *, time_limit: float = TIME_LIMIT_SECONDS, memory_limit_mb: int = MEMORY_LIMIT_MB) -> bytes:
    """Render an HTML string to PDF in a limited child process (only bundled assets may be fetched).

    Very long text (see `shortened`) is cut first, with a note, so the layout stays fast.
    """
    html = shortened(html)
    child = _take_child(time_limit, memory_limit_mb)
    started = time.monotonic()
    try:
        stdout, stderr = child.communicate(html.encode("utf-8"), timeout=time_limit)
    except subprocess.TimeoutExpired:
        _stop(child)
        raise ReportRenderError(f"rendering the PDF took longer than {time_limit:g} s and was stopped") from None
    finally:
        warm_up()  # the next render's child starts once this one is done, not competing with it for the CPU
    if child.returncode == 0 and stdout.startswith(b"%PDF"):
        return stdout
    message = stderr.decode("utf-8", "replace").strip().splitlines()
    last = message[-1] if message else f"exit code {child.returncode}"
    if "MemoryError" in last or child.returncode in (-9, 137) and time.monotonic() - started < time_limit:
        raise ReportRenderError(f"rendering the PDF needed more than {memory_limit_mb} MB of memory and was stopped")
    if child.returncode in (-24, 152):  # SIGXCPU
        raise ReportRenderError(f"rendering the PDF used more than {time_limit:g} s of CPU time and was stopped")
    raise ReportRenderError(f"the PDF renderer failed: {last}")


_STYLE = re.compile(r"(<style\b.*?</style>)", re.S | re.I)
_LONG_TEXT = re.compile(r">([^<]{%d,})<" % (MAX_TEXT_RUN + 1))
_PARTIAL_ENTITY = re.compile(r"&[#\w]*$")


def shortened(html: str, limit: int = MAX_TEXT_RUN) -> str:
    """`html` with every text run longer than `limit` characters cut, ending in a note with its full length.

    A 10,000-character column name or answer takes the PDF layout tens of seconds (each line of a
    narrow cell is fitted in turn); nobody reads that much in a table cell, and the HTML report
    keeps the full text. Style sheets are left alone. The HTML is autoescaped, so a text run holds
    no '<'; an entity cut in half is dropped.
    """
    pattern = _LONG_TEXT if limit == MAX_TEXT_RUN else re.compile(r">([^<]{%d,})<" % (limit + 1))

    def cut(match: re.Match[str]) -> str:
        text = match.group(1)
        kept = _PARTIAL_ENTITY.sub("", text[:limit])
        return f">{kept}… [shortened for the PDF: {len(unescape(text)):,} characters in full, see the HTML report]<"

    parts = _STYLE.split(html)
    return "".join(part if i % 2 else pattern.sub(cut, part) for i, part in enumerate(parts))


def _limit_self() -> None:
    """In the child: cap address space and CPU time before anything big is imported."""
    import resource

    memory = int(os.environ.get("READINESS_PDF_MEMORY_MB", MEMORY_LIMIT_MB)) * 1024 * 1024
    cpu = int(os.environ.get("READINESS_PDF_CPU_SECONDS", TIME_LIMIT_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child() -> int:
    _limit_self()
    try:  # import before the HTML arrives: a standby child is ready the moment it is needed
        from weasyprint import HTML

        from reports.fetcher import AssetFetcher
    except MemoryError:
        print("MemoryError: the renderer ran out of its memory allowance", file=sys.stderr)
        return 3
    html = sys.stdin.buffer.read().decode("utf-8")
    if not html:
        return 0  # a standby child whose parent went away
    # One document, then exit: the cyclic garbage collector only slows the layout down (its passes over
    # the growing box tree cost about a quarter of the CPU time) and frees next to nothing (peak memory
    # +3 %); the address-space limit above still applies.
    gc.disable()
    try:
        pdf = HTML(string=html, url_fetcher=AssetFetcher(), base_url=None).write_pdf()
    except MemoryError:
        print("MemoryError: the renderer ran out of its memory allowance", file=sys.stderr)
        return 3
    except BaseException as exc:  # FatalURLFetchingError is a BaseException
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(pdf)
    sys.stdout.buffer.flush()
    os._exit(0)  # the parent waits for this process to end: skip tearing down the laid-out document (~0.4 s)


if __name__ == "__main__":
    sys.exit(_child())
