"""Agreement statistics against krippendorff, statsmodels, scikit-learn and a published example (1e-6)."""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

from checks.agreement import compute_agreement
from checks.agreement.cohen import cohen_kappa
from checks.agreement.ratings import AgreementInputError

NAN = np.nan
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders x 12 units, with missing values
CANONICAL = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
])


def long_format(matrix: np.ndarray) -> pd.DataFrame:
    rows = [(u, f"c{c}", matrix[c, u]) for c in range(matrix.shape[0]) for u in range(matrix.shape[1])]
    return pd.DataFrame(rows, columns=["item", "coder", "label"])


def test_published_nominal_example():
    result = compute_agreement(long_format(CANONICAL), "item", "coder", "label", level="nominal")
    assert result.krippendorff_alpha == pytest.approx(0.743, abs=5e-4)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_krippendorff_package_on_published_example(level):
    result = compute_agreement(long_format(CANONICAL), "item", "coder", "label", level=level)
    expected = krippendorff.alpha(reliability_data=CANONICAL, level_of_measurement=level)
    assert result.krippendorff_alpha == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_krippendorff_package_on_random_data_with_missing(level):
    rng = np.random.default_rng(5)
    truth = rng.integers(1, 6, 60)
    data = np.vstack([np.where(rng.random(60) < 0.3, rng.integers(1, 6, 60), truth) for _ in range(5)]).astype(float)
    data[rng.random(data.shape) < 0.2] = np.nan
    result = compute_agreement(long_format(data), "item", "coder", "label", level=level)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert result.krippendorff_alpha == pytest.approx(expected, abs=1e-6)


def complete_ratings(seed: int = 1, items: int = 40, coders: int = 4, noise: float = 0.3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 4, items)
    return np.vstack([np.where(rng.random(items) < noise, rng.integers(0, 4, items), truth) for _ in range(coders)])


def test_fleiss_kappa_matches_statsmodels():
    data = complete_ratings()
    table = np.stack([(data == k).sum(axis=0) for k in range(4)], axis=1)
    result = compute_agreement(long_format(data.astype(float)), "item", "coder", "label")
    assert result.fleiss_kappa == pytest.approx(fleiss_kappa(table, method="fleiss"), abs=1e-6)


def test_fleiss_kappa_is_null_when_items_have_unequal_ratings():
    result = compute_agreement(long_format(CANONICAL), "item", "coder", "label")
    assert result.fleiss_kappa is None
    assert any("same number of ratings" in n for n in result.notes)


def test_mean_pairwise_cohen_matches_sklearn():
    data = complete_ratings(items=50)
    expected = np.mean([cohen_kappa_score(data[i], data[j]) for i in range(4) for j in range(i + 1, 4)])
    result = compute_agreement(long_format(data.astype(float)), "item", "coder", "label")
    assert result.cohen_kappa_mean == pytest.approx(expected, abs=1e-6)
    assert result.cohen_kappa_pairs == 6


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_sklearn_with_weights(weights):
    rng = np.random.default_rng(3)
    a, b = rng.integers(0, 5, 200), rng.integers(0, 5, 200)
    b[:120] = a[:120]
    expected = cohen_kappa_score(a, b, labels=list(range(5)), weights=weights)
    assert cohen_kappa(a, b, 5, weights) == pytest.approx(expected, abs=1e-6)


def test_percent_agreement_worked_example():
    # item 0: a,a,b -> 2 of 6 ordered pairs agree; item 1: a,a,a -> 6 of 6; mean = (1/3 + 1) / 2
    frame = pd.DataFrame({"item": [0, 0, 0, 1, 1, 1], "coder": ["x", "y", "z"] * 2,
                          "label": ["a", "a", "b", "a", "a", "a"]})
    result = compute_agreement(frame, "item", "coder", "label")
    assert result.percent_agreement == pytest.approx((1 / 3 + 1) / 2, abs=1e-9)


def test_one_label_everywhere_is_undefined_not_nan():
    frame = pd.DataFrame({"item": [0, 0, 1, 1], "coder": ["x", "y"] * 2, "label": ["a"] * 4})
    result = compute_agreement(frame, "item", "coder", "label")
    assert result.krippendorff_alpha is None and result.fleiss_kappa is None and result.cohen_kappa_mean is None
    assert result.percent_agreement == 1.0
    assert any("same label" in n for n in result.notes)


def test_single_annotator_is_undefined():
    frame = pd.DataFrame({"item": [0, 1, 2], "coder": ["x"] * 3, "label": ["a", "b", "a"]})
    result = compute_agreement(frame, "item", "coder", "label")
    assert result.krippendorff_alpha is None and result.percent_agreement is None
    assert any("one annotator" in n.lower() for n in result.notes)
    assert result.to_json()["krippendorff_alpha_ci"] == [None, None]


def test_repeated_ratings_keep_the_last():
    frame = pd.DataFrame({"item": [0, 0, 0], "coder": ["x", "x", "y"], "label": ["b", "a", "a"]})
    result = compute_agreement(frame, "item", "coder", "label")
    assert result.percent_agreement == 1.0
    assert any("repeated" in n for n in result.notes)


def test_interval_level_needs_numbers():
    frame = pd.DataFrame({"item": [0, 0], "coder": ["x", "y"], "label": ["a", "b"]})
    with pytest.raises(AgreementInputError, match="numeric labels"):
        compute_agreement(frame, "item", "coder", "label", level="interval")


def test_bootstrap_is_deterministic_and_brackets_alpha():
    data = complete_ratings(items=80)
    frame = long_format(data.astype(float))
    first = compute_agreement(frame, "item", "coder", "label", resamples=300)
    second = compute_agreement(frame, "item", "coder", "label", resamples=300)
    lo, hi = first.krippendorff_alpha_ci
    assert first.krippendorff_alpha_ci == second.krippendorff_alpha_ci
    assert lo < first.krippendorff_alpha < hi
    assert first.percent_agreement_ci[0] < first.percent_agreement < first.percent_agreement_ci[1]


def test_outlier_annotator_is_found_by_leave_one_out():
    data = complete_ratings(items=100, coders=5, noise=0.1)
    rng = np.random.default_rng(9)
    data[4] = rng.integers(0, 4, 100)  # coder c4 labels at random
    result = compute_agreement(long_format(data.astype(float)), "item", "coder", "label")
    worst = max(result.per_annotator, key=lambda a: a.alpha_without)
    assert worst.annotator == "c4"
    assert worst.alpha_without == pytest.approx(
        krippendorff.alpha(reliability_data=data[:4].astype(float), level_of_measurement="nominal"), abs=1e-6)
    assert min(result.per_annotator, key=lambda a: a.agreement).annotator == "c4"


def test_confused_pairs_rank_the_most_mixed_labels():
    frame = pd.DataFrame({"item": [0, 0, 1, 1, 2, 2, 3, 3], "coder": ["x", "y"] * 4,
                          "label": ["a", "b", "a", "b", "a", "b", "c", "a"]})
    pairs = compute_agreement(frame, "item", "coder", "label").confused_pairs
    assert pairs[0]["labels"] == ["a", "b"] and pairs[0]["count"] == 3


def test_agreement_over_time_windows():
    data = complete_ratings(items=200, noise=0.05)
    frame = long_format(data.astype(float))
    frame["ts"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(frame["item"], unit="D")
    late = frame["item"] >= 150
    frame.loc[late & (frame["coder"] == "c0"), "label"] = 9.0  # calibration drift at the end
    windows = compute_agreement(frame, "item", "coder", "label", timestamp="ts").over_time
    assert len(windows) == 4
    assert windows[-1]["alpha"] < windows[0]["alpha"] - 0.1
