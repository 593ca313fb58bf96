"""Peak memory and time to refuse each hostile file (the bomb table of issue 14).

Every bomb from `tests/hostile/bombs.py` (and the hostile exports) is built in a temporary folder,
then the real command line runs on it in a child process: wall time around the child, peak resident
memory from `os.wait4` (on Linux the largest `ru_maxrss` of that child and of the children it waited
for, so the Excel reader's own child counts too). The target: every bomb refused within 1 GB and
10 s; the rows marked "(read whole)" and the baseline are files that must be read, not refused.

    python -m benchmarks.bombs
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hostile import bombs
from tests.hostile.exports import corpus

ROOT = Path(__file__).resolve().parent.parent
TARGET_MB, TARGET_S = 1024, 10.0


def _cases(folder: Path) -> list[tuple[str, list[str]]]:
    b = bombs
    exports = corpus()

    def export_file(case: str, name: str) -> Path:
        path = folder / name
        path.write_text(exports[case][0], encoding="utf-8")
        return path

    big_export = folder / "big-export.json"
    with big_export.open("w") as out:
        out.write('{"format": "readiness-assessment", "pad": "' + "x" * (65 << 20) + '"}')
    laughs_answers = b.yaml_laughs(folder / "laughs-answers.yaml")
    start_only = folder / "tiny.csv"
    start_only.write_text("x,label\n1,a\n2,b\n3,a\n")
    return [
        ("(baseline) a valid 3-row CSV: start-up and all checks", ["check", "--train", str(start_only)]),
        ("xlsx: one cell expanding to 400 MB", ["check", "--train", str(b.xlsx_cell_bomb(folder / "cell.xlsx"))]),
        ("xlsx: 5,005 zip entries", ["check", "--train", str(b.xlsx_many_entries(folder / "entries.xlsx"))]),
        ("xlsx: 1,000 rows, dimension says 2 (read whole)",
         ["check", "--train", str(b.xlsx_rows(folder / "under.xlsx", 1000, "A1:B3"))]),
        ("xlsx: 100,000 rows, no dimension tag (read whole)",
         ["check", "--train", str(b.xlsx_rows(folder / "nodim.xlsx", 100_000, None))]),
        ("xlsx: 1,000,000 rows, no dimension tag",
         ["check", "--train", str(b.xlsx_rows(folder / "nodim-big.xlsx", 1_000_000, None))]),
        ("Parquet: row group claims 2e12 rows",
         ["check", "--train", str(b.parquet_row_group_claim(folder / "claim.parquet"))]),
        ("Parquet: dictionary bomb (1M x 100 KB)",
         ["check", "--train", str(b.parquet_dictionary_bomb(folder / "dict.parquet"))]),
        ("Parquet: footer claims 1 MB, pages hold 4 GB",
         ["check", "--train", str(b.parquet_size_lie(folder / "lie.parquet"))]),
        ("Parquet: 10,000 columns", ["check", "--train", str(b.parquet_wide(folder / "wide.parquet"))]),
        ("CSV: 200,000 columns", ["check", "--train", str(b.csv_wide(folder / "wide.csv"))]),
        ("CSV: one 60 MB field", ["check", "--train", str(b.csv_long_field(folder / "long.csv"))]),
        ("JSON Lines: one record 50,000 levels deep (check)",
         ["check", "--train", str(b.jsonl_deep(folder / "deep.jsonl"))]),
        ("JSON Lines: 50,000 levels deep (agreement)",
         ["agreement", str(folder / "deep.jsonl"), "--item", "a", "--annotator", "a", "--label", "a"]),
        ("YAML billion laughs (import)", ["import", str(export_file("yaml billion laughs", "laughs.yaml"))]),
        ("YAML billion laughs (score)", ["score", str(laughs_answers)]),
        ("JSON 2,000 levels deep (import)", ["import", str(export_file("json nested 2,000 deep", "deep.json"))]),
        ("JSON 2,000 levels deep (score)", ["score", str(b.json_deep(folder / "deep-answers.json"))]),
        ("JSON 2,000 levels deep (gate)", ["gate", str(folder / "deep-answers.json")]),
        ("export of 65 MB (import)", ["import", str(big_export)]),
    ]


def measure(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS (MB), exit code and the first line of stderr of `readiness *args`."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", "import sys; from cli import app; sys.exit(app())", *args],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read().decode("utf-8", "replace") if child.stderr else ""
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    message = " ".join(line.strip() for line in stderr.splitlines() if line.strip())
    return seconds, usage.ru_maxrss / 1024, code, message


def main() -> int:
    rows = ["| bomb | exit | seconds | peak MB | within 1 GB and 10 s | message |", "|---|---|---|---|---|---|"]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "READINESS_DATABASE_URL": f"sqlite:///{folder / 'bombs.db'}", "PYTHONPATH": str(ROOT)}
        for label, args in _cases(folder):
            seconds, peak, code, message = measure(args, env)
            if "(read whole)" in label or "(baseline)" in label:
                within = code == 0 and peak <= TARGET_MB  # data to read, not a refusal: no time target
            else:
                within = code == 2 and peak <= TARGET_MB and seconds <= TARGET_S and "Traceback" not in message
            ok &= within
            rows.append(f"| {label} | {code} | {seconds:.1f} | {peak:.0f} | {'yes' if within else 'NO'} | "
                        f"{message[:160].replace('|', '/')} |")
            print(rows[-1], flush=True)
    print("\n".join(rows))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
