"""The batch files a labeling tool imports: Label Studio tasks, CSV and JSON Lines."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from checks.mapping import ColumnMapping
from labelnext import Plan, select_batch, write_batch

# Label Studio's task import format: a JSON list of tasks; `data` (required) is a dict of the fields
# the labeling interface reads; `meta`, `annotations`, `predictions` and `id` are optional and reserved
LS_TASK_KEYS = {"data", "meta", "id", "annotations", "predictions"}


@pytest.fixture(scope="module")
def made():
    rng = np.random.default_rng(3)
    n = 300
    topics = rng.choice(["refund", "login", "crash"], n)
    pool = pd.DataFrame({"text": [f"ticket {i} about {w}" for i, w in enumerate(topics)],
                         "channel": rng.choice(["chat", "email", "phone"], n), "amount": rng.normal(size=n),
                         "when": pd.date_range("2025-01-01", periods=n, freq="h")})
    pool.loc[3, "amount"] = np.nan
    train = pd.DataFrame({"text": ["ticket about refund", "ticket about login"] * 20,
                          "channel": ["email"] * 40, "amount": rng.normal(size=40), "label": ["a", "b"] * 20})
    batch = select_batch(train, pool, ColumnMapping(label="label", text="text", segments=["channel"]), Plan(budget=25))
    return pool, batch


def test_label_studio_tasks_follow_the_documented_format(made):
    pool, batch = made
    tasks = json.loads(write_batch(batch, pool, "label-studio"))
    assert isinstance(tasks, list) and len(tasks) == 25
    for i, task in enumerate(tasks):
        assert isinstance(task, dict) and set(task) <= LS_TASK_KEYS and "id" not in task
        assert isinstance(task["data"], dict) and task["data"]
        assert all(isinstance(k, str) for k in task["data"])
        assert set(task["data"]) == set(pool.columns)  # the pool's own columns, nothing of ours
        assert isinstance(task["meta"], dict)
        assert task["meta"]["label_next_rank"] == i + 1
        reasons = task["meta"]["label_next_reasons"]
        assert reasons and all(isinstance(r, str) for r in reasons)
        row = task["meta"]["label_next_pool_row"]
        assert task["data"]["text"] == pool["text"].iloc[row]
        assert task["data"]["when"].startswith(str(pool["when"].iloc[row].date()))


def test_missing_values_become_null_in_json(made):
    pool, _ = made
    from labelnext.batch import Batch

    one = Batch(rows=[3], strategies=["diversity"], reasons=[["far"]])
    task = json.loads(write_batch(one, pool, "label-studio"))[0]
    assert task["data"]["amount"] is None
    line = json.loads(write_batch(one, pool, "jsonl").decode().strip())
    assert line["amount"] is None and line["label_next_reasons"] == ["far"]


def test_csv_keeps_the_pool_columns_and_adds_the_reasons(made):
    pool, batch = made
    frame = pd.read_csv(io.BytesIO(write_batch(batch, pool, "csv")))
    assert list(frame.columns[:len(pool.columns)]) == list(pool.columns)
    assert list(frame.columns[len(pool.columns):]) == ["label_next_rank", "label_next_strategy",
                                                       "label_next_reasons", "label_next_pool_row"]
    assert frame["label_next_rank"].tolist() == list(range(1, 26))
    assert frame["label_next_reasons"].str.len().min() > 0
    assert frame["text"].tolist() == pool["text"].iloc[frame["label_next_pool_row"]].tolist()


def test_jsonl_has_one_object_per_item(made):
    pool, batch = made
    lines = write_batch(batch, pool, "jsonl").decode().splitlines()
    assert len(lines) == 25
    for line in lines:
        item = json.loads(line)
        assert set(pool.columns) <= set(item) and isinstance(item["label_next_reasons"], list)


def test_unknown_format_is_refused(made):
    pool, batch = made
    with pytest.raises(ValueError, match="unknown format"):
        write_batch(batch, pool, "xml")


def test_reasons_in_csv_split_back_into_the_same_list(made):
    pool, batch = made
    frame = pd.read_csv(io.BytesIO(write_batch(batch, pool, "csv")))
    assert [r.split("; ") for r in frame["label_next_reasons"]] == batch.reasons
