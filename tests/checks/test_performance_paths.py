"""The fast paths added for large inputs: near-duplicate verification, the sorted-input KS test,
sort-based conflict counting, joint value codes, and the sampled read of very large Parquet files."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp
from typer.testing import CliRunner

from benchmarks.datagen import training_frame
from checks.hashing import encode_jointly
from checks.library.label_conflicts import conflicting_groups
from checks.loading import LoadLimits, load_table
from checks.neardup import (
    NEAR_JACCARD,
    near_duplicate_mask,
    near_duplicates,
    shingle_jaccard,
    shingles,
    tokenise,
    word_ids,
)
from checks.stats import ks
from cli import app
from tests.checks.helpers import run

SMALL_VOCABULARY = np.array("ok yes no maybe later now soon today please thanks".split())


def _small_vocabulary_corpus(n: int, words: int = 6, seed: int = 0) -> list[str]:
    rng = np.random.default_rng(seed)
    picks = SMALL_VOCABULARY[rng.integers(0, len(SMALL_VOCABULARY), size=(n, words))]
    return [" ".join(row) for row in picks]


def test_small_vocabulary_corpus_does_not_over_count():
    # 5,000 random 6-word texts over 10 words: band collisions are frequent, true near duplicates rare
    texts = pd.Series(_small_vocabulary_corpus(5000), dtype="str")
    enc = encode_jointly([texts])
    found = near_duplicates(enc.codes[0], enc.dictionary, enc.first_frame_distinct)
    assert found.candidate_pairs > found.verified_pairs  # LSH proposed pairs that verification rejected
    # brute force over the flagged texts: each must have a partner with bigram Jaccard >= threshold
    words = tokenise(enc.dictionary.slice(0, enc.first_frame_distinct))
    token, parent = word_ids(words)
    sh = shingles(token, parent, enc.first_frame_distinct)
    flagged = np.flatnonzero(found.near)
    codes = enc.codes[0]
    for row in flagged[:50]:
        others = np.array([c for c in np.unique(codes) if found.norm_id[np.argmax(codes == c)] != found.norm_id[row]])
        sims = shingle_jaccard(np.full(len(others), codes[row]), others, sh)
        assert sims.max() >= NEAR_JACCARD


def test_unrelated_texts_sharing_a_template_prefix_are_not_near_duplicates():
    texts = pd.Series([f"ticket {i} customer writes {' '.join(_small_vocabulary_corpus(1, 5, i)[0].split())}"
                       for i in range(2000)], dtype="str")
    near, _ = near_duplicate_mask(texts)
    exact = np.array([shingle_jaccard(np.array([0]), np.array([j]), _shingles_of(texts))[0] for j in range(1, 50)])
    assert exact.max() < NEAR_JACCARD
    assert near.mean() < 0.05


def _shingles_of(texts: pd.Series):
    enc = encode_jointly([texts])
    token, parent = word_ids(tokenise(enc.dictionary))
    return shingles(token, parent, len(enc.dictionary))


def test_true_near_duplicates_are_found_among_random_texts():
    texts = _small_vocabulary_corpus(3000, words=12, seed=4)
    base = ("the parcel arrived late and the box was damaged badly again today so i would like a refund "
            "or a replacement sent by courier")
    texts += [base, base.replace("courier", "courier please")]  # bigram Jaccard 24/25: a candidate w.p. > 0.99
    near, _ = near_duplicate_mask(pd.Series(texts, dtype="str"))
    assert near[-2] and near[-1]


def test_near_duplicate_metrics_name_the_verification():
    texts = _small_vocabulary_corpus(500)
    result, _, _ = run("duplicates", pd.DataFrame({"t": texts}), text="t")
    assert result.metrics["near_verified_pairs"] <= result.metrics["near_candidate_pairs"]
    assert "Jaccard" in result.metrics["near_method"]


@pytest.mark.parametrize("n1,n2", [(20_000, 15_000), (15_000, 60_000), (30_000, 1)])
def test_fast_ks_matches_scipy_exactly(n1, n2):
    rng = np.random.default_rng(n1 + n2)
    a = np.sort(np.round(rng.normal(0, 1, n1), 2))  # rounded: many ties
    b = np.sort(np.round(rng.normal(0.05, 1.1, n2), 2))
    ref = ks_2samp(a, b)
    got = ks(a, b)
    assert got["ks_statistic"] == float(ref.statistic)
    assert got["ks_pvalue"] == pytest.approx(float(ref.pvalue), rel=1e-12, abs=1e-300)


def test_conflicting_groups_counts_exactly():
    keys = np.array([5, 5, 7, 7, 7, 9, 1, 1], dtype=np.uint64)
    labels = np.array([0, 1, 2, 2, 2, 0, 3, 0])
    assert conflicting_groups(keys, labels) == (2, 4)  # keys 5 and 1, two rows each


def test_joint_codes_are_equal_across_frames_and_missing_is_minus_one():
    enc = encode_jointly([pd.Series(["a", "b", None], dtype="str"), pd.Series(["b", "c", "a"], dtype="str")])
    train, prod = enc.codes
    assert train[0] == prod[2] and train[1] == prod[0] and train[2] == -1
    assert enc.first_frame_distinct == 2  # the training values come first in the dictionary


def test_large_parquet_is_read_as_a_stated_fixed_seed_sample(tmp_path):
    path = tmp_path / "train.parquet"
    training_frame(20_000, seed=5).to_parquet(path, row_group_size=3_000)
    limits = LoadLimits(sample_rows=5_000)
    first, again = load_table(path, limits=limits), load_table(path, limits=limits)
    assert len(first) == 5_000 and first["id"].is_monotonic_increasing
    assert first["id"].tolist() == again["id"].tolist()  # fixed seed
    assert first.attrs["sampling"]["rows_in_file"] == 20_000 and first.attrs["sampling"]["rows_used"] == 5_000
    # a uniform sample of a known distribution: shares and quantiles stay within sampling error
    full = pd.read_parquet(path)
    for label, share in full["label"].value_counts(normalize=True).items():
        assert abs(first["label"].value_counts(normalize=True).get(label, 0.0) - share) < 0.02
    assert abs(first["score"].median() - full["score"].median()) < 0.05
    assert abs(first["is_member"].mean() - 0.3) < 0.03


def test_cli_output_states_the_sample_size(tmp_path, monkeypatch):
    path = tmp_path / "train.parquet"
    training_frame(6_000, seed=6).to_parquet(path)
    monkeypatch.setattr("checks.loading.DEFAULT_SAMPLE_ROWS", 2_500)
    runner = CliRunner()
    result = runner.invoke(app, ["check", "--train", str(path), "--label", "label", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["sampling"]["train"]["rows_used"] == 2_500
    assert payload["sampling"]["train"]["rows_in_file"] == 6_000
    text = runner.invoke(app, ["check", "--train", str(path), "--label", "label"])
    assert "random sample of 2,500 rows" in text.stdout


def test_checks_on_a_worker_thread_give_the_same_report_in_the_same_order():
    from benchmarks.datagen import annotations_frame, production_frame
    from checks.inputs import CheckInputs
    from checks.mapping import AnnotationMapping, ColumnMapping
    from checks.registry import run_checks

    def report(workers: int) -> dict:
        inputs = CheckInputs(train=training_frame(3000), production=production_frame(1000),
                             annotations=annotations_frame(200),
                             mapping=ColumnMapping(label="label", timestamp="timestamp", text="text", id="id",
                                                   segments=["region"]),
                             annotation_mapping=AnnotationMapping(item="item_id", annotator="annotator", label="label"),
                             today=pd.Timestamp("2025-06-01"))
        seen = []
        payload = run_checks(inputs, workers=workers, progress=lambda cid, i, n: seen.append(cid)).to_json()
        for c in payload["checks"]:
            c.pop("seconds")
        return payload, seen

    sequential, seen_1 = report(1)
    threaded, seen_2 = report(2)
    assert threaded == sequential and seen_1 == seen_2


@pytest.mark.parametrize("n", [1, 2, 7, 1000])
def test_sorted_quantiles_equal_numpy(n):
    from checks.stats import sorted_quantiles

    values = np.sort(np.round(np.random.default_rng(n).normal(size=n), 1))
    q = [0.1, 0.25, 0.5, 0.75, 0.9]
    assert np.array_equal(sorted_quantiles(values, q), np.quantile(values, q))
