"""`make bench`: time the whole `readiness check` run on the data ladder, and the PDF report.

Every measurement runs the real command line in a child process (`readiness check ... --format json`
with training + production + annotations and every check on), so it includes start-up, file loading
and JSON output. Wall time is measured around the child; its peak resident memory comes from
`os.wait4` (the kernel's `ru_maxrss` of that one child). Per-check seconds come from the report's
`checks[].seconds`. The PDF row times `readiness report` with the same data options, end to end and,
from the child's own clock, the PDF rendering alone (see `benchmarks.pdf_timing`).

    python -m benchmarks.run                 # 10k, 100k, 1M rows (about 2 minutes)
    python -m benchmarks.run --full          # plus the 10M-row file (generated once, ~3 GB of Parquet)
    python -m benchmarks.run --sizes 1000000 --repeat 3

It ends with the `readiness label-next` rung (`benchmarks.label_next`: 1M pool rows, 200k training rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.generate import FULL_LADDER, LADDER, Rung, ensure, label

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2025-06-01"
PDF_ROWS = 1_000_000


@dataclass
class Run:
    """One child-process run: wall seconds, peak RSS in MB, exit code and (for checks) the JSON report."""

    wall: float
    peak_mb: float
    code: int
    output: str
    report: dict = field(default_factory=dict)
    cpu: float = 0.0  # the child's user + system CPU seconds (less sensitive to other load than wall time)


# the generated data's column for each role (`checks.roles`; (file, role name) -> column or columns)
ROLE_COLUMNS = {("samples", "label"): "label", ("samples", "timestamp"): "timestamp", ("samples", "text"): "text",
                ("samples", "id"): "id", ("samples", "segments"): ["region", "device"],
                ("annotations", "item"): "item_id", ("annotations", "annotator"): "annotator",
                ("annotations", "label"): "label", ("annotations", "timestamp"): "created_at"}


def data_options(r: Rung) -> list[str]:
    """The `readiness check` options for a ladder rung: every role the data has mapped, so every check runs."""
    from checks.roles import ROLES

    options = ["--train", str(r.train), "--production", str(r.production), "--annotations", str(r.annotations),
               "--today", TODAY]
    for role in ROLES:
        columns = ROLE_COLUMNS.get((role.file, role.name), [])
        for column in columns if isinstance(columns, list) else [columns]:
            options += [role.option, column]
    return options


def measure(args: list[str]) -> Run:
    """Run a child process; wall time and that child's own peak RSS (`os.wait4`, ru_maxrss in KiB)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", errors="replace")
    return Run(wall, usage.ru_maxrss / 1024, child.returncode, text, cpu=usage.ru_utime + usage.ru_stime)


def readiness() -> list[str]:
    """The `readiness` command of this interpreter's environment (or `python -m cli`)."""
    script = Path(sys.executable).with_name("readiness")
    return [str(script)] if script.exists() else [sys.executable, "-m", "cli"]


def run_check(r: Rung) -> Run:
    result = measure(readiness() + ["check", *data_options(r), "--format", "json"])
    if result.code != 0:
        raise SystemExit(f"readiness check failed on {r.train.name}:\n{result.output[-3000:]}")
    result.report = json.loads(result.output)
    return result


def run_pdf(r: Rung, folder: Path) -> tuple[Run, dict]:
    """`readiness report` end to end, plus the in-process split (checks / build / render) of a second child."""
    example = ROOT / "examples" / "support_ticket_routing.yaml"
    end_to_end = measure(readiness() + ["report", str(example), "-o", str(folder / "report.pdf"), *data_options(r)])
    if end_to_end.code != 0:
        raise SystemExit(f"readiness report failed:\n{end_to_end.output[-3000:]}")
    split = measure([sys.executable, "-m", "benchmarks.pdf_timing", str(example), *data_options(r)])
    if split.code != 0:
        raise SystemExit(f"PDF timing failed:\n{split.output[-3000:]}")
    return end_to_end, json.loads(split.output.strip().splitlines()[-1])


def best(runs: list[Run]) -> Run:
    """The fastest of repeated runs (the least disturbed by other load on the machine)."""
    return min(runs, key=lambda run: run.wall)


def load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def machine() -> list[str]:
    """Machine and versions, for the README."""
    import numpy
    import pandas
    import pyarrow

    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        ram = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal"))) / 1024 ** 2
    except (OSError, StopIteration):
        ram = float("nan")
    return [f"- date: {dt.date.today().isoformat()}",
            f"- machine: {os.cpu_count()} cores ({cpu}), {ram:.0f} GB RAM",
            f"- Python {platform.python_version()}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, "
            f"numpy {numpy.__version__}"]


def table(results: dict[int, Run], rungs: dict[int, Rung]) -> list[str]:
    """Markdown: one column per ladder rung, rows for wall, peak memory, throughput and each check."""
    sizes = sorted(results)
    head = ["| | " + " | ".join(f"{label(s)} train" for s in sizes) + " |",
            "|---|" + "---:|" * len(sizes)]
    shape = ["| production / annotation rows | " + " | ".join(
        f"{rungs[s].production_rows:,} / {3 * rungs[s].annotation_items:,}" for s in sizes) + " |"]
    wall = ["| **wall, `readiness check` end to end (s)** | " + " | ".join(
        f"**{results[s].wall:.2f}**" for s in sizes) + " |"]
    peak = ["| **peak RSS (MB)** | " + " | ".join(f"**{results[s].peak_mb:,.0f}**" for s in sizes) + " |"]
    per_m = ["| wall per million training rows (s) | " + " | ".join(
        f"{results[s].wall / (s / 1e6):.2f}" for s in sizes) + " |"]
    # the cost of each added million rows (fixed start-up and fixed-size model subsamples cancel out)
    marginal = ["| added seconds per added million rows, vs the rung before | " + " | ".join(
        "" if i == 0 else "sampled" if _sampled(results[s]) else
        f"{(results[s].wall - results[p].wall) / ((s - p) / 1e6):.2f}"
        for i, (p, s) in enumerate(zip([0] + sizes, sizes))) + " |"]
    checks_total = ["| sum of per-check seconds | " + " | ".join(
        f"{sum(c['seconds'] for c in results[s].report['checks']):.2f}" for s in sizes) + " |"]
    largest = max(sizes)
    order = sorted(results[largest].report["checks"], key=lambda c: -c["seconds"])
    rows = []
    for c in order:
        cells = []
        for s in sizes:
            match = next(x for x in results[s].report["checks"] if x["id"] == c["id"])
            sample = f" (n={match['sample_size']:,})" if match.get("sample_size") else ""
            cells.append(f"{match['seconds']:.3f}{sample}" if match["status"] != "skipped" else "skipped")
        rows.append(f"| check `{c['id']}` (s) | " + " | ".join(cells) + " |")
    return head + shape + wall + peak + per_m + marginal + checks_total + rows


def _sampled(run: Run) -> bool:
    return bool(run.report.get("sampling"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="add the 10M-row rung (generated once, in chunks)")
    parser.add_argument("--sizes", type=int, nargs="+", help="training rows per rung (overrides the ladder)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per rung; the fastest counts (default 2)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF report timing")
    parser.add_argument("--no-label-next", action="store_true", help="skip the label-next rung (1M pool rows)")
    args = parser.parse_args(argv)
    sizes = args.sizes or list(FULL_LADDER if args.full else LADDER)
    load_before = load_average()
    rungs = {s: ensure(s) for s in sizes}
    results: dict[int, Run] = {}
    for s in sizes:
        repeat = 1 if s >= 10_000_000 else args.repeat
        results[s] = best([run_check(rungs[s]) for _ in range(repeat)])
        print(f"{label(s)}: {results[s].wall:.2f} s, {results[s].peak_mb:,.0f} MB peak", file=sys.stderr, flush=True)
    lines = ["### `readiness check`, every check on", ""] + table(results, rungs)
    if not args.no_pdf:
        pdf_rung = rungs.get(PDF_ROWS) or ensure(PDF_ROWS)
        with tempfile.TemporaryDirectory() as folder:
            end_to_end, split = run_pdf(pdf_rung, Path(folder))
        lines += ["", f"### PDF report (`readiness report`, answers + {label(PDF_ROWS)}-row data evidence)", "",
                  "| step | seconds |", "|---|---:|",
                  f"| `readiness report` end to end (load, checks, score, render, write) | {end_to_end.wall:.2f} |",
                  f"| data checks inside it | {split['checks']:.2f} |",
                  f"| build the report model (scoring, charts) | {split['build']:.2f} |",
                  f"| **render the PDF** | **{split['render']:.2f}** |",
                  f"| PDF pages / size | {split['pages'] or '?'} pages, {split['bytes'] / 1024:,.0f} KiB |"]
    if not args.no_label_next:
        from benchmarks import label_next

        lines += ["", *label_next.run()]
    sampled = [c for c in results[max(sizes)].report["checks"] if c.get("sample_size")]
    lines += ["", *machine(),
              f"- load average (1/5/15 min) before: {load_before}, after: {load_average()}",
              f"- each rung run {args.repeat}x (10M: once), fastest shown; model checks on fixed-seed subsamples: "
              + ", ".join(f"`{c['id']}` n={c['sample_size']:,}" for c in sampled)]
    for s in sizes:
        for name, info in results[s].report.get("sampling", {}).items():
            lines.append(f"- {label(s)} rung: the {name} file ({info['rows_in_file']:,} rows) was read as a random "
                         f"sample of {info['rows_used']:,} rows ({info['method']}, seed {info['seed']}); every "
                         f"{name} statistic at that rung is computed on the sample")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
