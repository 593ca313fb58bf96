"""Volume and quality: what would more data buy? A quick learning curve with a power-law extrapolation.

A small gradient-boosting baseline (10 trees per class at learning rate 0.2: on seven tables it
reaches the errors of 20 trees at 0.1 within 0.01, in half the time) is trained on growing
fixed-seed subsamples and scored on a held-out part (error = 1 - accuracy for classification,
1 - R^2 for regression). The error is fitted as error(n) = a * n^(-b) in log-log space and
extrapolated to 2x and 10x the full training sample. The curve counts as flattened when doubling the
data is predicted to gain less than `flat_gain`.

On small samples (under `STABLE_ROWS` labeled rows) one random holdout decides too much: two equally
good random halves of a table can give opposite conclusions. There the curve is the mean error over
`REPEATS` random holdouts. In the app the fits run in a helper process (`checks.fit_process`), beside
the other checks. The task (classification or regression) comes from `checks.task`; a
multi-label or free-text label, or fewer than `MIN_ROWS` labeled rows, skips the check with the reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from checks import fit_process
from checks.inputs import MODEL_THREADS
from checks.library.features import feature_matrix, present_columns
from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage

FRACTIONS = (0.1, 0.25, 0.5, 1.0)  # evenly spaced in log size across one decade
MIN_ROWS = 200
STABLE_ROWS = 5000
REPEATS = 5


@register(id="learning_curve", area="volume_quality", title="Learning curve",
          description="Baseline error on growing subsamples, power-law extrapolation to 2x and 10x the data.",
          needs=("train", "label"),
          thresholds={"sample_size": 10000, "holdout_share": 0.25, "flat_gain": 0.005, "material_gain": 0.02,
                      "max_iter": 10, "learning_rate": 0.2},
          alongside=True)
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    label = data.label
    idx = data.subsample_index("train", int(t["sample_size"]), salt=3)
    sample = data.train.iloc[idx]
    sample = sample[sample[label].notna()]
    if len(sample) < MIN_ROWS:
        return out.skip(f"fewer than {MIN_ROWS} labeled rows ({len(sample)})")
    task = data.label_task
    if task.kind not in ("classification", "regression"):
        return out.skip(f"no learning curve for {task.kind} labels ({task.reason})")
    regression = task.kind == "regression"
    kinds = {c: data.column_kinds[c] for c in data.feature_columns}
    (x,), columns, categorical = feature_matrix([sample], kinds)
    y_raw = sample[label]
    y = pd.to_numeric(y_raw, errors="coerce").to_numpy(dtype="float64") if regression else pd.factorize(y_raw)[0]
    repeats = REPEATS if len(y) < STABLE_ROWS else 1
    curves = fit_process.call(_curves, x, y, categorical, regression, dict(t), data.seed,
                              [data.seed + 4 + r for r in range(repeats)])
    sizes = curves[0][0]
    if any(c[0] != sizes for c in curves):  # a class missing from a small part in one repeat
        curves = [curves[0]]
    errors = [float(np.mean([c[1][i] for c in curves])) for i in range(len(sizes))]
    out.sample_size = len(y)
    fit = fit_power_law(np.array(sizes, float), np.array(errors))
    full = len(data.train)
    now: float | None = None
    at2 = at10 = now
    if fit is not None:  # an error that does not fall with more data (b <= 0) is extrapolated as flat
        now, at2, at10 = (fit[0] * n ** (-max(fit[1], 0.0)) for n in (full, 2 * full, 10 * full))
    flattened = not (fit and now is not None and at2 is not None and fit[1] > 0 and now - at2 >= t["flat_gain"])
    out.metrics.update(**task.to_json(), repeats=len(curves),
                       metric="1 - R^2" if regression else "1 - accuracy", sizes=sizes, errors=errors,
                       power_law={"a": fit[0], "b": fit[1]} if fit else None, full_rows=full,
                       error_full=now, error_2x=at2, error_10x=at10, flattened=bool(flattened),
                       features=columns)
    if flattened or now is None or at10 is None:
        out.message = "the learning curve has flattened: more of the same data buys little; invest in quality"
        return out
    gain10 = now - at10
    if gain10 >= t["material_gain"]:
        out.flag(Severity.medium, "More data is still paying off",
                 f"A quick baseline's error is still falling with more data: about {now:.3f} at the current "
                 f"{full:,} rows, {at2:.3f} at 2x and {at10:.3f} at 10x (extrapolated). The target size should be "
                 "set from this curve, not by instinct.",
                 "Budget for more labeled data (or active learning), and re-run the curve after the next batch.",
                 owner="Project lead", due=Stage.before_labeling,
                 metrics={"error_full": now, "error_2x": at2, "error_10x": at10})
    return out


def _curves(x: np.ndarray, y: np.ndarray, categorical: np.ndarray, regression: bool, t: Thresholds, seed: int,
            split_seeds: list[int]) -> list[tuple[list[int], list[float]]]:
    """One curve per holdout seed (in the helper process when one runs: see `checks.fit_process`)."""
    return [_curve(x, y, categorical, regression, t, seed, s) for s in split_seeds]


def _curve(x: np.ndarray, y: np.ndarray, categorical: np.ndarray, regression: bool, t: Thresholds, seed: int,
           split_seed: int) -> tuple[list[int], list[float]]:
    """Training sizes and held-out errors for one random holdout."""
    order = np.random.default_rng(split_seed).permutation(len(y))
    n_test = int(len(y) * t["holdout_share"])
    test, pool = order[:n_test], order[n_test:]
    sizes: list[int] = []
    errors: list[float] = []
    for frac in FRACTIONS:
        part = pool[: max(int(len(pool) * frac), 20)]
        keep = present_columns(x[part])
        if (not regression and len(np.unique(y[part])) < 2) or not keep.any():
            continue
        model = (HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier)(
            max_iter=int(t["max_iter"]), learning_rate=float(t["learning_rate"]),
            categorical_features=categorical[keep] if categorical[keep].any() else None,
            early_stopping=False, random_state=seed)
        with threadpool_limits(MODEL_THREADS, user_api="openmp"):
            score = model.fit(x[part][:, keep], y[part]).score(x[test][:, keep], y[test])
        sizes.append(len(part))
        errors.append(max(1.0 - score, 1e-6))
    return sizes, errors


def fit_power_law(sizes: np.ndarray, errors: np.ndarray) -> tuple[float, float] | None:
    """Least squares of log(error) = log(a) - b log(n); None with fewer than three points."""
    if len(sizes) < 3:
        return None
    slope, intercept = np.polyfit(np.log(sizes), np.log(errors), 1)
    return float(np.exp(intercept)), float(-slope)
