"""select_batch: every item has reasons, no item twice or already in training, shares honoured,
each strategy finds what it is for, and bad input gets a clear message."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from benchmarks.datagen import production_frame, training_frame
from checks.mapping import ColumnMapping
from labelnext import LabelNextError, Plan, select_batch
from labelnext.kcenter import k_center, min_distances
from labelnext.plan import quotas

MAPPING = ColumnMapping(label="label", text="text", id="id", timestamp="timestamp", segments=["region", "channel"])


@pytest.fixture(scope="module")
def frames():
    return training_frame(3000, seed=5), production_frame(4000, seed=6)


@pytest.fixture(scope="module")
def batch(frames):
    train, pool = frames
    return select_batch(train, pool, MAPPING, Plan(budget=60))


def test_every_item_has_reasons_and_appears_once(batch):
    assert len(batch) == 60
    assert len(set(batch.rows)) == 60
    assert all(reasons and all(r.strip() for r in reasons) for reasons in batch.reasons)
    assert batch.counts() == batch.quotas == {"coverage": 18, "rare": 12, "uncertainty": 18, "diversity": 12}


def test_coverage_starts_with_the_segment_training_lacks(frames, batch):
    _, pool = frames
    coverage = [(r, reasons) for r, s, reasons in zip(batch.rows, batch.strategies, batch.reasons) if s == "coverage"]
    # the production sample has a channel training never had ("whatsapp", 10% of the pool): the weakest gap
    row, reasons = coverage[0]
    assert pool["channel"].iloc[row] == "whatsapp"
    assert reasons[0].startswith("segment channel=whatsapp has 0 training rows (")
    for row, reasons in coverage:
        if reasons[0].startswith("segment channel=whatsapp"):
            assert pool["channel"].iloc[row] == "whatsapp"
        assert reasons[0].startswith("segment ") and "training row" in reasons[0]


def test_rare_items_name_the_thin_class_and_its_training_count(frames, batch):
    train, _ = frames
    fraud = int((train["label"] == "fraud").sum())
    rare = [reasons[0] for reasons, s in zip(batch.reasons, batch.strategies) if s == "rare"]
    assert rare and all(f"fraud has {fraud} training examples" in r for r in rare)


def test_uncertainty_items_have_the_smallest_margins(batch):
    margins = [float(reasons[0].split()[1]) for reasons, s in zip(batch.reasons, batch.strategies)
               if s == "uncertainty"]
    assert len(margins) == 18
    assert margins == sorted(margins) and margins[0] < 0.05


def test_no_item_is_already_in_training_or_a_near_duplicate_of_it():
    train = training_frame(800, seed=7)
    pool = production_frame(400, seed=8)
    copies = train.drop(columns=["label"]).iloc[:50].copy()  # exact copies of training rows
    near = train.drop(columns=["label"]).iloc[50:100].copy()
    near["text"] = near["text"] + " thanks"  # a word more: near duplicates of training texts
    near["amount"] = near["amount"] + 1.0
    pool = pd.concat([copies, near, pool], ignore_index=True)
    mapping = ColumnMapping(label="label", text="text", segments=["region"])
    batch = select_batch(train, pool, mapping, Plan(budget=400))
    assert len(batch) <= 400 and len(set(batch.rows)) == len(batch)
    assert not set(batch.rows) & set(range(100))
    assert any("near duplicates" in f for f in batch.facts)


def test_near_duplicates_within_the_pool_are_chosen_once():
    train = training_frame(500, seed=9)
    pool = production_frame(300, seed=10)
    twins = pool.copy()
    twins["text"] = twins["text"] + " again"
    twins["amount"] = twins["amount"] + 0.5
    pool = pd.concat([pool, twins], ignore_index=True)
    batch = select_batch(train, pool, ColumnMapping(label="label", text="text"), Plan(budget=200))
    originals = {r % 300 for r in batch.rows}
    assert len(originals) == len(batch)


def test_without_a_label_the_model_shares_pass_on_with_a_note(frames):
    train, pool = frames
    batch = select_batch(train.drop(columns=["label"]), pool,
                         ColumnMapping(text="text", segments=["channel"]), Plan(budget=20))
    assert len(batch) == 20
    assert batch.counts()["rare"] == batch.counts()["uncertainty"] == 0
    assert any("no label column is mapped" in n for n in batch.notes)


def test_shares_of_zero_leave_a_strategy_out(frames):
    train, pool = frames
    batch = select_batch(train, pool, MAPPING, Plan(budget=30, shares={"uncertainty": 1}))
    assert batch.counts()["uncertainty"] == 30


def test_quotas_split_the_budget_exactly():
    assert quotas(7, {"coverage": 0.5, "rare": 0.5, "uncertainty": 0, "diversity": 0}) == \
        {"coverage": 4, "rare": 3, "uncertainty": 0, "diversity": 0}
    for budget in (1, 9, 101):
        assert sum(quotas(budget, Plan(budget=budget).shares).values()) == budget


def test_k_center_reaches_every_cluster_before_repeating_one():
    rng = np.random.default_rng(0)
    centres = np.array([[0, 0], [10, 0], [0, 10], [10, 10], [5, 20]], dtype=np.float32)
    points = np.vstack([c + rng.normal(0, 0.3, (200, 2)) for c in centres]).astype(np.float32)
    covered = centres[:1] + 0.0  # the first cluster is already covered by training
    taken, _ = k_center(points, min_distances(points, covered), 4, np.ones(len(points), dtype=bool))
    assert sorted(int(i) // 200 for i in taken) == [1, 2, 3, 4]


def test_distances_and_uncertainty_match_reference_implementations():
    from scipy.spatial.distance import cdist
    from scipy.stats import entropy as scipy_entropy

    from labelnext.model import entropy, margin

    rng = np.random.default_rng(1)
    points, centers = rng.normal(size=(500, 7)).astype(np.float32), rng.normal(size=(300, 7)).astype(np.float32)
    np.testing.assert_allclose(min_distances(points, centers), cdist(points, centers).min(axis=1), rtol=1e-4, atol=1e-4)
    proba = rng.dirichlet(np.ones(4), size=50)
    np.testing.assert_allclose(entropy(proba), scipy_entropy(proba, base=2, axis=1), rtol=1e-9)
    top = np.sort(proba, axis=1)
    np.testing.assert_allclose(margin(proba), top[:, -1] - top[:, -2], rtol=1e-12)


def test_budget_larger_than_the_pool_is_refused(frames):
    train, pool = frames
    with pytest.raises(LabelNextError, match=r"larger than the pool \(4,000 rows\)"):
        select_batch(train, pool, MAPPING, Plan(budget=4001))


def test_an_empty_pool_is_refused(frames):
    train, pool = frames
    with pytest.raises(LabelNextError, match="the pool is empty"):
        select_batch(train, pool.iloc[:0], MAPPING, Plan(budget=1))


def test_no_shared_columns_is_refused(frames):
    train, _ = frames
    other = pd.DataFrame({"something": [1, 2, 3], "else": ["a", "b", "c"]})
    with pytest.raises(LabelNextError, match="share no input columns"):
        select_batch(train, other, ColumnMapping(label="label"), Plan(budget=1))


def test_a_mapped_column_missing_from_the_pool_is_named(frames):
    train, pool = frames
    with pytest.raises(LabelNextError, match="pool: mapped column"):
        select_batch(train, pool.drop(columns=["channel"]), MAPPING, Plan(budget=1))


def test_unknown_strategy_is_refused():
    with pytest.raises(ValueError, match="unknown strategy"):
        Plan(budget=1, shares={"luck": 1.0})


def test_pool_rows_with_a_training_id_are_not_eligible():
    train = training_frame(300, seed=11)
    pool = production_frame(100, seed=12)
    pool.loc[:19, "id"] = train["id"].iloc[:20].to_numpy()  # the same items, already labeled
    batch = select_batch(train, pool, ColumnMapping(label="label", id="id"), Plan(budget=80))
    assert len(batch) == 80 and not set(batch.rows) & set(range(20))
    with pytest.raises(LabelNextError, match="at most 80 can be chosen"):
        select_batch(train, pool, ColumnMapping(label="label", id="id"), Plan(budget=81))


def test_minimums_stated_in_the_answers_replace_the_check_defaults(frames):
    train, pool = frames
    # Label-next calls rare exactly what the `rare_classes` check calls rare (one rule): under 1 % of
    # the labels, or under the minimum count *and* under half an even share (1/6 of the labels here:
    # 8.3 %). "account" thinned to 200 of ~2,900 rows (6.8 %) is rare only for a team that asked for
    # 1,000 per class; at the default minimum of 50 it is a smaller class, not a rare one.
    account = train.index[train["label"] == "account"]
    train = train.drop(account[200:])
    counts = train["label"].value_counts()
    assert counts["account"] == 200 and counts["account"] / len(train) < 0.5 / train["label"].nunique()
    default = select_batch(train, pool, MAPPING, Plan(budget=20, shares={"rare": 1}))
    stated = select_batch(train, pool, MAPPING, Plan(budget=20, shares={"rare": 1}),
                          answers={"vol_min_per_class": 1000, "edge_min_examples": 0})
    assert not any("account has" in r[0] for r in default.reasons)
    assert any("account has" in r[0] for r in stated.reasons)
    assert "minimum examples per class: 1,000 (from the answers)" in stated.facts
    explicit = select_batch(train, pool, MAPPING, Plan(budget=20, shares={"rare": 1}),
                            overrides={"rare_classes": {"min_count": 50}}, answers={"vol_min_per_class": 1000})
    assert not any("account has" in r[0] for r in explicit.reasons)  # --config wins over answers


@pytest.mark.parametrize("case", ["one_row_each", "empty_text", "all_missing_column", "single_class"])
def test_degenerate_inputs_give_a_batch_not_a_crash(case):
    train = pd.DataFrame({"text": ["refund please", "login broken"], "channel": ["chat", "email"],
                          "amount": [1.0, 2.0], "label": ["a", "b"]})
    pool = pd.DataFrame({"text": ["card declined", "app crash", "refund please now"],
                         "channel": ["phone", "chat", "email"], "amount": [3.0, np.nan, 1.0]})
    if case == "one_row_each":
        train, pool = train.iloc[:1], pool.iloc[:1]
    elif case == "empty_text":
        pool["text"] = ["", "", ""]
    elif case == "all_missing_column":
        pool["amount"] = np.nan
        train["amount"] = np.nan
    elif case == "single_class":
        train["label"] = "a"
    batch = select_batch(train, pool, ColumnMapping(label="label", text="text", segments=["channel"]),
                         Plan(budget=1))
    assert len(batch) == 1 and batch.reasons[0]


def test_hashed_words_match_a_plain_python_count():
    import string
    import zlib

    from labelnext.text_features import hashed_words

    texts = pd.Series(["Refund, please!", "refund REFUND now", None, "", "...", "naïve café «ok»"], dtype="str")
    n = 32
    expected = np.zeros((len(texts), n))
    for i, text in enumerate(texts):
        words = [w.strip(string.punctuation + "«»") for w in str(text).lower().split()] if isinstance(text, str) else []
        for w in filter(None, words):
            expected[i, zlib.crc32(w.encode("utf-8")) % n] += 1
    norms = np.linalg.norm(expected, axis=1, keepdims=True)
    expected = np.divide(expected, norms, out=np.zeros_like(expected), where=norms > 0)
    np.testing.assert_allclose(hashed_words(texts, n).toarray(), expected, atol=1e-6)
