"""`readiness label-next`: writes the batch, and refuses bad input with a clear message and exit 2."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from benchmarks.datagen import production_frame, training_frame
from cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("labelnext")
    training_frame(1500, seed=1).to_csv(folder / "train.csv", index=False)
    production_frame(1000, seed=2).to_parquet(folder / "pool.parquet", index=False)
    return folder


def invoke(*args):
    return runner.invoke(app, ["label-next", *[str(a) for a in args]])


def test_writes_label_studio_tasks_and_states_the_method(files):
    out = files / "batch.json"
    result = invoke("--pool", files / "pool.parquet", "--train", files / "train.csv", "--label", "label",
                    "--text", "text", "--id", "id", "--time", "timestamp", "--segment", "channel",
                    "--budget", 40, "-o", out, "--format", "label-studio")
    assert result.exit_code == 0, result.output
    tasks = json.loads(out.read_text())
    assert len(tasks) == 40 and all(t["meta"]["label_next_reasons"] for t in tasks)
    assert "Wrote" in result.stdout and "quick model: logistic regression, 3-fold cross-fitted" in result.stdout


def test_shares_and_csv(files):
    out = files / "batch.csv"
    result = invoke("--pool", files / "pool.parquet", "--train", files / "train.csv", "--label", "label",
                    "--budget", 10, "--share", "uncertainty=1", "-o", out)
    assert result.exit_code == 0, result.output
    assert set(pd.read_csv(out)["label_next_strategy"]) == {"uncertainty"}


def test_answers_set_the_minimum_per_class(files, tmp_path):
    answers = tmp_path / "answers.yaml"
    answers.write_text("vol_min_per_class: 1000\n")
    out = files / "stated.csv"
    result = invoke("--pool", files / "pool.parquet", "--train", files / "train.csv", "--label", "label",
                    "--budget", 10, "--answers", answers, "-o", out)
    assert result.exit_code == 0, result.output
    assert "minimum examples per class: 1,000 (from the answers)" in result.stdout
    answers.write_text("vol_min_per_class: lots\n")
    result = invoke("--pool", files / "pool.parquet", "--train", files / "train.csv", "--budget", 10,
                    "--answers", answers, "-o", out)
    assert result.exit_code == 2 and "vol_min_per_class" in result.stderr


@pytest.mark.parametrize("extra, message", [
    (["--budget", 5000], "larger than the pool"),
    (["--budget", 5, "--share", "luck=1"], "unknown strategy luck"),
    (["--budget", 5, "--share", "coverage"], "write STRATEGY=FRACTION"),
    (["--budget", 5, "--label", "nope"], "'nope' (label)"),
])
def test_bad_input_exits_2_with_a_message(files, extra, message):
    result = invoke("--pool", files / "pool.parquet", "--train", files / "train.csv", "-o", files / "x.csv", *extra)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_empty_pool_and_no_overlap_exit_2(files):
    (files / "empty.csv").write_text("text,channel\n")
    (files / "other.csv").write_text("a,b\n1,2\n3,4\n")
    for pool, message in (("empty.csv", "no data rows"), ("other.csv", "share no input columns")):
        result = invoke("--pool", files / pool, "--train", files / "train.csv", "--budget", 1, "-o", files / "x.csv")
        assert result.exit_code == 2 and message in result.stderr, result.output


def test_pool_and_train_are_required(files):
    result = invoke("--train", files / "train.csv", "--budget", 1, "-o", files / "x.csv")
    assert result.exit_code == 2 and "--pool" in result.stderr
