"""Measure the wizard's server time per step change with a large sample loaded (not a pytest test).

    .venv/bin/python -m tests.ui.measure_step_change [ROWS]

Uploads a generated training sample of ROWS rows (default 1,000,000) as Parquet, plus a 200,000-row
production sample and 60,000 annotations, runs the checks once, then times script runs (AppTest,
i.e. server time without the browser) for moves between steps. Target: <= 200 ms per step change.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, create_assessment


def _parquet(frame) -> bytes:
    out = io.BytesIO()
    frame.to_parquet(out, index=False)
    return out.getvalue()


def _timed(at: AppTest, action) -> float:
    started = time.perf_counter()
    action(at).run()
    assert not at.exception, [e.value for e in at.exception]
    return time.perf_counter() - started


def main(rows: int = 1_000_000) -> None:
    from benchmarks.datagen import annotations_frame, production_frame, training_frame

    os.environ["READINESS_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/measure.db"
    files = {"train": ("train.parquet", _parquet(training_frame(rows))),
             "production": ("production.parquet", _parquet(production_frame(rows // 5))),
             "annotations": ("annotations.parquet", _parquet(annotations_frame(20_000)))}
    at = create_assessment(AppTest.from_file(APP, default_timeout=600))
    at.sidebar.button(key="step:sample_data").click().run()
    for role, (name, content) in files.items():
        seconds = _timed(at, lambda a, r=role, n=name, c=content: a.file_uploader(key=f"upload:{r}:0").upload(n, c))
        print(f"upload + parse {name} ({len(content) / 2**20:.0f} MB): {seconds:.2f} s")
    print(f"run checks: {_timed(at, lambda a: a.button(key='sample:run').click()):.2f} s")
    moves = []
    for _ in range(5):
        for step in ("context", "representativeness", "sample_data", "shift_maintenance", "sample_data"):
            moves.append((step, _timed(at, lambda a, s=step: a.sidebar.button(key=f"step:{s}").click())))
    for step in sorted({s for s, _ in moves}):
        times = [t * 1000 for s, t in moves if s == step]
        print(f"step change to {step:<20} median {statistics.median(times):6.0f} ms  max {max(times):6.0f} ms")
    print(f"all step changes: median {statistics.median(t for _, t in moves) * 1000:.0f} ms, "
          f"max {max(t for _, t in moves) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
