"""Drift statistics against scipy and a hand-computed PSI example."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.spatial.distance import jensenshannon
from scipy.stats import chi2_contingency, ks_2samp

from checks import stats


def test_psi_hand_computed_worked_example():
    reference = np.arange(1, 101, dtype=float)  # deciles: 10 values per bin, edges at 10.9, 20.8, ...
    other = np.sort(np.concatenate([np.full(30, 5.0), np.full(70, 95.0)]))  # 30% in bin 1, 70% in bin 10
    p = 0.1
    expected = (0.3 - p) * math.log(0.3 / p) + (0.7 - p) * math.log(0.7 / p) + 8 * (1e-4 - p) * math.log(1e-4 / p)
    result = stats.psi(reference, other, bins=10, epsilon=1e-4)
    assert result["psi"] == pytest.approx(expected, abs=1e-9)
    assert result["psi_bins"] == 10 and result["psi_epsilon"] == 1e-4


def test_psi_is_zero_for_identical_samples():
    x = np.sort(np.random.default_rng(0).normal(size=1000))
    assert stats.psi(x, x)["psi"] == pytest.approx(0.0, abs=1e-12)


def test_psi_merges_tied_quantile_edges():
    x = np.sort(np.array([0.0] * 95 + [1.0] * 5))
    assert stats.psi(x, x)["psi_bins"] == 2


def test_ks_matches_scipy():
    rng = np.random.default_rng(1)
    a, b = np.sort(rng.normal(size=500)), np.sort(rng.normal(0.2, 1, 300))
    ref = ks_2samp(a, b)
    got = stats.ks(a, b)
    assert got["ks_statistic"] == pytest.approx(ref.statistic, abs=1e-9)
    assert got["ks_pvalue"] == pytest.approx(ref.pvalue, abs=1e-9)


def test_js_distance_and_chi_square_match_scipy():
    a = pd.Series(["x"] * 50 + ["y"] * 30 + ["z"] * 20)
    b = pd.Series(["x"] * 20 + ["y"] * 30 + ["z"] * 40 + ["w"] * 10)
    got = stats.categorical_drift(a, b)
    p, q = np.array([0, 50, 30, 20]) / 100, np.array([10, 20, 30, 40]) / 100  # order: w, x, y, z
    assert got["js_distance"] == pytest.approx(jensenshannon(p, q, base=2), abs=1e-9)
    chi = chi2_contingency(np.array([[0, 50, 30, 20], [10, 20, 30, 40]]), correction=False)
    assert got["chi2"] == pytest.approx(chi.statistic, abs=1e-9)
    assert got["chi2_pvalue"] == pytest.approx(chi.pvalue, abs=1e-12)
    assert got["unseen_categories"] == 1 and got["unseen_share"] == pytest.approx(0.1)
    assert got["unseen_examples"] == ["w"]


def test_missing_values_are_a_category():
    a = pd.Series(["x", None, "x", "x"])
    b = pd.Series(["x", "x", "x", "x"])
    assert stats.categorical_drift(a, b, min_expected=0)["js_distance"] > 0


def test_missing_values_are_never_an_unseen_category():
    """Reviewer: production rows with an empty field are not a new category to 'collect and label'."""
    a = pd.Series(["x", "y"] * 50)
    b = pd.Series(["x", "y", None, "z"] * 25)
    got = stats.categorical_drift(a, b)
    assert got["unseen_examples"] == ["z"] and got["unseen_share"] == pytest.approx(0.25)
