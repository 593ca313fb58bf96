"""Render a report to PDF with WeasyPrint, in a child process with a time and a memory limit.

A hostile or huge document can make a renderer run for minutes or eat all memory, so the parent
never renders itself: it starts `python -m reports.pdf`, sends the HTML on stdin and reads the
PDF from stdout. The child sets its own address-space and CPU limits before importing
WeasyPrint; the parent enforces the wall-time limit. Either limit, or a refused URL (see
`reports.fetcher`), ends in a `ReportRenderError` with a plain message.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from reports.html import render_html
from reports.model import Paper, Report

TIME_LIMIT_SECONDS = 60.0
MEMORY_LIMIT_MB = 1536
_ROOT = Path(__file__).resolve().parent.parent


class ReportRenderError(RuntimeError):
    """The PDF could not be produced: time or memory limit exceeded, a refused URL, or a renderer error."""


def render_pdf(report: Report, paper: Paper | str = Paper.a4, *, time_limit: float = TIME_LIMIT_SECONDS,
               memory_limit_mb: int = MEMORY_LIMIT_MB) -> bytes:
    """The report as PDF bytes (the same document as `render_html`, laid out for print)."""
    return html_to_pdf(render_html(report, paper, for_pdf=True), time_limit=time_limit,
                       memory_limit_mb=memory_limit_mb)


def html_to_pdf(html: str, *, time_limit: float = TIME_LIMIT_SECONDS, memory_limit_mb: int = MEMORY_LIMIT_MB) -> bytes:
    """Render an HTML string to PDF in a limited child process (only bundled assets may be fetched)."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "HOME", "FONTCONFIG_PATH")}
    env["PYTHONPATH"] = str(_ROOT)
    env["READINESS_PDF_MEMORY_MB"] = str(int(memory_limit_mb))
    env["READINESS_PDF_CPU_SECONDS"] = str(max(1, int(time_limit) + 1))
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "reports.pdf"], input=html.encode("utf-8"),
                              capture_output=True, timeout=time_limit, env=env, cwd=_ROOT, check=False)
    except subprocess.TimeoutExpired:
        raise ReportRenderError(f"rendering the PDF took longer than {time_limit:g} s and was stopped") from None
    if done.returncode == 0 and done.stdout.startswith(b"%PDF"):
        return done.stdout
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()
    last = message[-1] if message else f"exit code {done.returncode}"
    if "MemoryError" in last or done.returncode in (-9, 137) and time.monotonic() - started < time_limit:
        raise ReportRenderError(f"rendering the PDF needed more than {memory_limit_mb} MB of memory and was stopped")
    if done.returncode in (-24, 152):  # SIGXCPU
        raise ReportRenderError(f"rendering the PDF used more than {time_limit:g} s of CPU time and was stopped")
    raise ReportRenderError(f"the PDF renderer failed: {last}")


def _limit_self() -> None:
    """In the child: cap address space and CPU time before anything big is imported."""
    import resource

    memory = int(os.environ.get("READINESS_PDF_MEMORY_MB", MEMORY_LIMIT_MB)) * 1024 * 1024
    cpu = int(os.environ.get("READINESS_PDF_CPU_SECONDS", TIME_LIMIT_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _child() -> int:
    _limit_self()
    html = sys.stdin.buffer.read().decode("utf-8")
    try:
        from weasyprint import HTML

        from reports.fetcher import AssetFetcher

        pdf = HTML(string=html, url_fetcher=AssetFetcher(), base_url=None).write_pdf()
    except MemoryError:
        print("MemoryError: the renderer ran out of its memory allowance", file=sys.stderr)
        return 3
    except BaseException as exc:  # FatalURLFetchingError is a BaseException
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(_child())
