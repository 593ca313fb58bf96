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
        order = np.random.default_rng(seed).permutation(len(values))
        half = len(values) // 2
        out.append(statistic(np.sort(values[order[:half]]), np.sort(values[order[half:]])))
    return np.array(out)


@pytest.mark.parametrize("loader,columns", [(load_wine, ["proline", "hue", "alcohol"]),
                                            (load_breast_cancer, ["mean radius", "worst texture"])])
def test_small_sample_floors_match_the_quantile_of_random_splits(loader, columns):
    """A random split has no drift by construction: the floor should sit at the NOISE_LEVEL quantile
    of the statistic over many splits. The permutation floor is that null, drawn with other random
    numbers: within 20 % (the 99th percentile of 400 splits has about 10 % sampling error). The KS
    floor is Smirnov's limit: within 25 %."""
    frame = loader(as_frame=True).frame
    n = len(frame) // 2
    for column in columns:
        values = np.sort(frame[column].to_numpy(dtype="float64"))
        psis = _split_statistics(frame, column, 400, lambda a, b: stats.psi_value(a, b)[0])
        floor = noise.permutation_psi_floor(values[:n], values[n:], stats.PSI_BINS, stats.PSI_EPSILON)
        assert np.quantile(psis, noise.NOISE_LEVEL) == pytest.approx(floor, rel=0.2), column
        kss = _split_statistics(frame, column, 400, lambda a, b: stats.ks(a, b)["ks_statistic"])
        assert np.quantile(kss, noise.NOISE_LEVEL) == pytest.approx(noise.ks_floor(n, len(frame) - n), rel=0.25)


def test_large_sample_psi_floor_matches_the_quantile_of_random_splits():
    from statsmodels.datasets import randhie

    frame = randhie.load_pandas().data
    n = len(frame) // 2
    for column in ("lpi", "fmde"):
        psis = _split_statistics(frame, column, 300, lambda a, b: stats.psi_value(a, b)[0])
        bins = stats.psi_value(np.sort(frame[column].to_numpy()), np.sort(frame[column].to_numpy()))[1]
        assert np.quantile(psis, noise.NOISE_LEVEL) == pytest.approx(noise.psi_floor(bins, n, len(frame) - n),
                                                                     rel=0.25), column


def test_js_floor_matches_the_quantile_of_random_splits_with_many_categories():
    from statsmodels.datasets import randhie

    categories = randhie.load_pandas().data["fmde"].round(2).astype(str)
    ratios = []
    for seed in range(200):
        mask = np.random.default_rng(seed).random(len(categories)) < 0.78
        result = stats.categorical_drift(categories[mask], categories[~mask])
        ratios.append(result["js_distance"] / noise.js_floor(result["categories"], mask.sum(), (~mask).sum()))
    assert result["categories"] > 50  # many categories even after pooling the rare ones
    assert np.quantile(ratios, noise.NOISE_LEVEL) == pytest.approx(1.0, rel=0.25)


def test_pool_rare_merges_categories_expected_under_five_times():
    table = pd.DataFrame({"ref": [500, 300, 3, 2, 1], "oth": [100, 60, 1, 0, 2]}, index=list("abcde"))
    pooled = noise.pool_rare(table, n_small=163, n_total=969)
    assert list(pooled.index) == ["a", "b", noise.RARE]
    assert pooled.loc[noise.RARE].tolist() == [6, 3]
    assert noise.pool_rare(table.iloc[:2], 163, 969).equals(table.iloc[:2])


def test_floors_shrink_with_sample_size():
    assert noise.psi_floor(10, 2000, 2000) == pytest.approx(21.666 * 2 / 2000, rel=1e-3)  # chi2(9) 99 %
    small = np.sort(load_wine(as_frame=True).frame["proline"].to_numpy(dtype="float64"))
    assert noise.permutation_psi_floor(small[::2], small[1::2], 10, 1e-4) > 21.666 * 2 / 89  # heavier tail
    assert noise.psi_floor(10, 10**6, 2 * 10**5) < 1e-3
    assert noise.separation_floor(89, 89) > noise.separation_floor(10_000, 10_000)


def test_permutation_floor_computes_psi_exactly_as_the_data_does():
    """The vectorised permutations reproduce `stats.psi_value` on the same re-splits (ties included)."""
    values = np.sort(load_wine(as_frame=True).frame["alcohol"].to_numpy())
    n1 = 89
    rng = np.random.default_rng(noise.SEED)
    chosen = np.argpartition(rng.random((noise.PERMUTATIONS, len(values))), n1 - 1, axis=1)[:, :n1]
    direct = []
    for row in chosen[:50]:
        mask = np.zeros(len(values), dtype=bool)
        mask[row] = True
        direct.append(stats.psi_value(values[mask], values[~mask])[0])
    floor = noise.permutation_psi_floor(values[:n1], values[n1:], stats.PSI_BINS, stats.PSI_EPSILON, level=0.0)
    assert floor == pytest.approx(min(direct), abs=1e-9) or floor <= min(direct)
