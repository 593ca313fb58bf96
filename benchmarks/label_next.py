"""`make bench` rung for `readiness label-next`: a 1M-row pool and 200k training rows, budget 1,000.

The files come from the same generator as the check ladder (`benchmarks.datagen`: 20 columns with
text, segments, a rare class and a shifted production sample) and are written once to
`benchmarks/data/`. The real command line runs in a child process; wall time and that child's peak
resident memory are measured as for `readiness check` (`benchmarks.run.measure`).

    python -m benchmarks.label_next                      # 1M pool, 200k training rows, budget 1,000
    python -m benchmarks.label_next --pool 100000 --train 20000 --budget 500
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmarks.datagen import production_frame, training_frame
from benchmarks.generate import DATA_DIR, label, write_chunked
from benchmarks.run import load_average, measure, readiness

POOL_ROWS = 1_000_000
TRAIN_ROWS = 200_000
BUDGET = 1_000
TARGET_SECONDS = 30
TARGET_MB = 2048


def files(pool_rows: int, train_rows: int, folder: Path = DATA_DIR) -> tuple[Path, Path]:
    """(pool, training) Parquet files, generated unless they exist."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = folder / f"labelnext_pool_{label(pool_rows)}.parquet"
    train = folder / f"labelnext_train_{label(train_rows)}.parquet"
    if not pool.exists():
        write_chunked(pool, pool_rows, lambda n, seed, first: production_frame(n, seed=seed, first_id=first), 52)
    if not train.exists():
        write_chunked(train, train_rows, lambda n, seed, first: training_frame(n, seed=seed, first_id=first), 51)
    return pool, train


def options(pool: Path, train: Path, budget: int) -> list[str]:
    return ["--pool", str(pool), "--train", str(train), "--label", "label", "--text", "text", "--id", "id",
            "--time", "timestamp", "--segment", "region", "--segment", "channel", "--budget", str(budget)]


def run(pool_rows: int = POOL_ROWS, train_rows: int = TRAIN_ROWS, budget: int = BUDGET, repeat: int = 1) -> list[str]:
    """Markdown lines: the rung's wall time and peak memory against the targets."""
    pool, train = files(pool_rows, train_rows)
    load = load_average()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(repeat):
            result = measure(readiness() + ["label-next", *options(pool, train, budget), "-o",
                                            str(Path(folder) / "batch.csv")])
            if result.code != 0:
                raise SystemExit(f"readiness label-next failed:\n{result.output[-3000:]}")
            runs.append(result)
    fastest = min(runs, key=lambda r: r.wall)
    verdict = "within" if fastest.wall <= TARGET_SECONDS and fastest.peak_mb <= TARGET_MB else "OVER"
    return [f"### `readiness label-next` ({label(pool_rows)} pool rows, {label(train_rows)} training rows, "
            f"budget {budget:,})", "",
            "| wall, end to end (s) | CPU, user + system (s) | peak RSS (MB) | target | load average before |",
            "|---:|---:|---:|---|---|",
            f"| **{fastest.wall:.2f}** | {fastest.cpu:.2f} | **{fastest.peak_mb:,.0f}** | "
            f"{verdict} {TARGET_SECONDS} s / {TARGET_MB:,} MB | {load} |",
            "", "Its own summary:", "", "```", fastest.output.strip(), "```"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pool", type=int, default=POOL_ROWS, help="pool rows")
    parser.add_argument("--train", type=int, default=TRAIN_ROWS, help="training rows")
    parser.add_argument("--budget", type=int, default=BUDGET)
    parser.add_argument("--repeat", type=int, default=1, help="runs; the fastest counts")
    args = parser.parse_args(argv)
    print("\n".join(run(args.pool, args.train, args.budget, args.repeat)))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
