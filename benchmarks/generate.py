"""Write the benchmark data ladder as Parquet files (deterministic; skipped when already written).

Each rung has `rows` training rows (1,000,000 x 20 columns at the 1M rung), a production sample of a
fifth of that (shifted columns, capped at `MAX_PRODUCTION_ROWS`) and long-format annotations (3 ratings
per item from 10 annotators, 60,000 ratings at the 1M rung, capped at `MAX_ANNOTATION_ITEMS` items).
Files are written in chunks of `CHUNK_ROWS` rows, each chunk with its own seed, so the 10M file is
generated in bounded memory.

    python -m benchmarks.generate 10000 100000 1000000 [10000000]
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.datagen import annotations_frame, production_frame, training_frame

DATA_DIR = Path(__file__).resolve().parent / "data"
LADDER = (10_000, 100_000, 1_000_000)
FULL_LADDER = LADDER + (10_000_000,)
CHUNK_ROWS = 1_000_000
PRODUCTION_SHARE = 0.2
ANNOTATION_ITEMS_SHARE = 0.02  # items per training row; 3 ratings each
MAX_PRODUCTION_ROWS = 1_000_000
MAX_ANNOTATION_ITEMS = 20_000
ROW_GROUP_ROWS = 250_000


@dataclass(frozen=True)
class Rung:
    """The three files of one ladder rung."""

    rows: int
    train: Path
    production: Path
    annotations: Path

    @property
    def production_rows(self) -> int:
        return min(int(self.rows * PRODUCTION_SHARE), MAX_PRODUCTION_ROWS)

    @property
    def annotation_items(self) -> int:
        return max(min(int(self.rows * ANNOTATION_ITEMS_SHARE), MAX_ANNOTATION_ITEMS), 100)


def rung(rows: int, folder: Path = DATA_DIR) -> Rung:
    tag = label(rows)
    return Rung(rows, folder / f"train_{tag}.parquet", folder / f"production_{tag}.parquet",
                folder / f"annotations_{tag}.parquet")


def label(rows: int) -> str:
    """10000 -> '10k', 1000000 -> '1M'."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if rows >= size and rows % size == 0:
            return f"{rows // size}{suffix}"
    return str(rows)


def write_chunked(path: Path, rows: int, make, seed: int) -> None:
    """Write `make(n, seed, first_id)` chunk by chunk to one Parquet file (atomically, via a temp name)."""
    tmp = path.with_suffix(".tmp")
    writer = None
    try:
        for i, start in enumerate(range(0, rows, CHUNK_ROWS)):
            n = min(CHUNK_ROWS, rows - start)
            table = pa.Table.from_pandas(make(n, seed + 1000 * i, start), preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema)
            writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
            del table
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(path)


def ensure(rows: int, folder: Path = DATA_DIR, verbose: bool = True) -> Rung:
    """Generate the rung's files unless they exist; returns their paths."""
    r = rung(rows, folder)
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [
        (r.train, rows, lambda n, seed, first: training_frame(n, seed=seed, first_id=first), 1),
        (r.production, r.production_rows, lambda n, seed, first: production_frame(n, seed=seed, first_id=first), 2),
        (r.annotations, r.annotation_items, lambda n, seed, first: annotations_frame(n, seed=seed), 3),
    ]
    for path, n, make, seed in jobs:
        if not path.exists():
            if verbose:
                print(f"generating {path.name} ({n:,} {'items' if path == r.annotations else 'rows'})", flush=True)
            write_chunked(path, n, make, seed)
    return r


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rows", nargs="*", type=int, default=list(LADDER), help="training rows per rung")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output folder (default: benchmarks/data)")
    args = parser.parse_args(argv)
    for rows in args.rows:
        ensure(rows, args.out)


if __name__ == "__main__":
    main()
