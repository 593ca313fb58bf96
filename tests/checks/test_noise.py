"""Noise floors, Benjamini-Hochberg and two-proportion tests: against statsmodels / scipy (1e-9) and
against the quantiles of fixed-seed random splits of real tables (the floors' calibration)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats import mannwhitneyu
from sklearn.datasets import load_breast_cancer, load_wine
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest

from checks import noise, stats


def test_bh_matches_statsmodels_and_skips_missing_pvalues():
    rng = np.random.default_rng(0)
    p = list(np.concatenate([rng.uniform(0, 0.02, 5), rng.uniform(0, 1, 25)]))
    expected = multipletests(p, method="fdr_bh")[1]
    assert noise.bh_adjust(p) == pytest.approx(list(expected), abs=1e-12)
    with_gaps = p[:3] + [None] + p[3:]
    adjusted = noise.bh_adjust(with_gaps)
    assert adjusted[3] is None
    assert adjusted[:3] + adjusted[4:] == pytest.approx(list(expected), abs=1e-12)


@pytest.mark.parametrize("x1,n1,x2,n2", [(96, 1200, 430, 1190), (50, 2000, 52, 1800), (0, 600, 3, 700)])
def test_two_proportions_z_matches_statsmodels(x1, n1, x2, n2):
    expected = proportions_ztest([x1, x2], [n1, n2])[1]
    assert noise.two_proportions(x1, n1, x2, n2) == pytest.approx(expected, abs=1e-9)


def test_two_proportions_small_samples_use_fisher():
    from scipy.stats import fisher_exact

    assert noise.two_proportions(3, 40, 14, 45) == pytest.approx(
        fisher_exact([[3, 37], [14, 31]]).pvalue, abs=1e-12)


def test_auc_pvalue_matches_mann_whitney():
    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 1, 80), rng.normal(0.3, 1, 95)
    u = mannwhitneyu(b, a, alternative="greater", method="asymptotic", use_continuity=False)
    auc = u.statistic / (len(a) * len(b))
    assert noise.auc_pvalue(auc, len(a), len(b)) == pytest.approx(u.pvalue, abs=1e-9)


def _split_statistics(frame: pd.DataFrame, column: str, runs: int, statistic) -> np.ndarray:
    values = frame[column].to_numpy(dtype="float64")
    out = []
    for seed in range(runs):
        mask = np.random.default_rng(seed).random(len(values)) < 0.5
        out.append(statistic(np.sort(values[mask]), np.sort(values[~mask])))
    return np.array(out)


@pytest.mark.parametrize("loader,columns", [(load_wine, ["proline", "hue", "alcohol"]),
                                            (load_breast_cancer, ["mean radius", "worst texture"])])
def test_psi_and_ks_floors_are_the_95th_percentile_of_random_splits(loader, columns):
    """A random split has no drift by construction: about 5 % of splits may exceed the floor.
    A reviewer would accept 1-12 % over 300 splits (binomial sd ~1.3 points around 5 %)."""
    frame = loader(as_frame=True).frame
    n = len(frame) // 2
    for column in columns:
        psis = _split_statistics(frame, column, 300, lambda a, b: stats.psi(a, b)["psi"])
        above = float((psis > noise.psi_floor(stats.PSI_BINS, n, len(frame) - n)).mean())
        assert 0.005 <= above <= 0.12, (column, above)
        kss = _split_statistics(frame, column, 300, lambda a, b: stats.ks(a, b)["ks_statistic"])
        above_ks = float((kss > noise.ks_floor(n, len(frame) - n)).mean())
        assert above_ks <= 0.08, (column, above_ks)


def test_js_floor_is_the_95th_percentile_of_random_splits_with_many_categories():
    from statsmodels.datasets import randhie

    data = randhie.load_pandas().data
    categories = data["fmde"].round(2).astype(str)
    js = []
    n_small = int(len(categories) * 0.22)
    for seed in range(150):
        mask = np.random.default_rng(seed).random(len(categories)) < 0.78
        result = stats.categorical_drift(categories[mask], categories[~mask])
        js.append((result["js_distance"], result["categories"], mask.sum(), (~mask).sum()))
    above = np.mean([d > noise.js_floor(k, a, b) for d, k, a, b in js])
    assert n_small > 4000 and 0.0 <= above <= 0.12


def test_pool_rare_merges_categories_expected_under_five_times():
    table = pd.DataFrame({"ref": [500, 300, 3, 2, 1], "oth": [100, 60, 1, 0, 2]}, index=list("abcde"))
    pooled = noise.pool_rare(table, n_small=163, n_total=969)
    assert list(pooled.index) == ["a", "b", noise.RARE]
    assert pooled.loc[noise.RARE].tolist() == [6, 3]
    assert noise.pool_rare(table.iloc[:2], 163, 969).equals(table.iloc[:2])


def test_floors_shrink_with_sample_size():
    assert noise.psi_floor(10, 89, 89) == pytest.approx(16.919 * 2 / 89, rel=1e-3)
    assert noise.psi_floor(10, 10**6, 2 * 10**5) < 1e-3
    assert noise.separation_floor(89, 89) > noise.separation_floor(10_000, 10_000)
