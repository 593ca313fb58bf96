"""Server time of the sample step's "Run checks" at `make bench-ui` sizes (a diagnostic, not a test; see bench-ui).

    .venv/bin/python -m tests.ui.measure_run_checks [ROWS] [--profile]

Uploads the CSVs of `benchmarks.ui` (ROWS training rows, default 6,000; half as many production rows;
a quarter as many annotated items, 3 ratings each), then clicks "Run checks" on fresh uploads REPEAT
times (AppTest: the script runs of the click and its rerun, i.e. server time without the browser) and
prints each run and the load average. With --profile, the last click runs under cProfile.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, create_assessment

REPEAT = 3


SPENT: dict[str, float] = {}


def _timed(module, name: str) -> None:
    """Wrap `module.name` so its seconds add up in SPENT (the script runs on AppTest's own thread)."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[name] = SPENT.get(name, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)


def main(rows: int = 6000, profile: bool = False) -> None:
    import ui.draft
    import ui.sample_step
    from benchmarks.ui import write_files

    for module, name in ((ui.sample_step, "run_checks"), (ui.sample_step, "render_report"),
                         (ui.draft, "save_checks"), (ui.sample_step, "skipped_checks")):
        _timed(module, name)

    folder = Path(tempfile.mkdtemp())
    paths = write_files(folder, rows)
    times = []
    for attempt in range(REPEAT):
        os.environ["READINESS_DATABASE_URL"] = f"sqlite:///{folder}/measure{attempt}.db"  # a fresh home page
        at = create_assessment(AppTest.from_file(APP, default_timeout=600))
        at.sidebar.button(key="step:sample_data").click().run()
        for role, path in paths.items():
            at.file_uploader(key=f"upload:{role}:0").upload(path.name, path.read_bytes()).run()
        SPENT.clear()
        profiler = cProfile.Profile() if profile and attempt == REPEAT - 1 else None
        started = time.perf_counter()
        if profiler:
            profiler.enable()
        at.button(key="sample:run").click().run()
        if profiler:
            profiler.disable()
        times.append(time.perf_counter() - started)
        assert not at.exception, [e.value for e in at.exception]
        parts = ", ".join(f"{k} {v:.2f}" for k, v in SPENT.items())
        print(f"run checks {attempt + 1}: {times[-1]:.2f} s ({parts}; load {os.getloadavg()[0]:.1f})")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    print(f"run checks: median {statistics.median(times):.2f} s, min {min(times):.2f} s")


if __name__ == "__main__":
    main(int(next((a for a in sys.argv[1:] if a.isdigit()), 6000)), "--profile" in sys.argv)
