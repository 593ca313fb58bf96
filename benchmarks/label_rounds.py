"""Simulated labeling rounds: does `label-next` beat random selection at the same budget?

Real data shipped inside scikit-learn (no download): digits, breast cancer and wine. Each data set
gets *rare classes* on purpose (most rows of a few classes dropped, with a fixed seed), as in
real projects. For every seed:

1. a stratified test split is set aside (fixed for the seed);
2. a small labeled seed set is drawn from the rest (one item of each class, the others at random);
   everything else is the unlabeled pool;
3. each round, `budget` pool items are chosen (by `labelnext.select_batch` with the default shares,
   or uniformly at random), "labeled" from the held-out truth and added to the labeled set;
4. after each round the same evaluation model (a standardised logistic regression) is refitted on
   the labeled set and scored on the test split: accuracy, macro-F1 and the mean recall of the rare
   classes.

Both arms start from the same seed set and test split, so the per-seed differences are paired.

    python -m benchmarks.label_rounds            # prints the table (markdown)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn import datasets
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, recall_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from checks.mapping import ColumnMapping
from labelnext import Plan, select_batch

SEEDS = (0, 1, 2, 3, 4)
ARMS = ("label-next", "random")
METRICS = ("accuracy", "macro_f1", "rare_recall")


@dataclass(frozen=True)
class Setting:
    """A data set, which classes are made rare (and how much of them is kept), and the round sizes."""

    name: str
    loader: str
    rare: tuple[int, ...]
    keep: float  # share of each rare class's rows kept
    seed_size: int
    budget: int
    rounds: int
    test_share: float = 0.3


SETTINGS = (
    Setting("digits", "load_digits", rare=(3, 8), keep=0.15, seed_size=30, budget=30, rounds=4),
    Setting("breast_cancer", "load_breast_cancer", rare=(0,), keep=0.2, seed_size=20, budget=15, rounds=4),
    Setting("wine", "load_wine", rare=(2,), keep=0.35, seed_size=12, budget=10, rounds=4),
)


def data(setting: Setting) -> tuple[pd.DataFrame, np.ndarray]:
    """Features as a frame and labels, with the rare classes thinned (fixed seed)."""
    bunch = getattr(datasets, setting.loader)()
    x, y = bunch.data, bunch.target
    rng = np.random.default_rng(12345)
    keep = np.ones(len(y), dtype=bool)
    for c in setting.rare:
        members = np.flatnonzero(y == c)
        keep[members[rng.permutation(len(members))[int(len(members) * setting.keep):]]] = False
    frame = pd.DataFrame(x[keep], columns=[f"x{j}" for j in range(x.shape[1])])
    return frame, y[keep]


def evaluate(x_train: pd.DataFrame, y_train: np.ndarray, x_test: pd.DataFrame, y_test: np.ndarray,
             rare: tuple[int, ...]) -> dict[str, float]:
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
    predicted = model.fit(x_train, y_train).predict(x_test)
    return {"accuracy": float(accuracy_score(y_test, predicted)),
            "macro_f1": float(f1_score(y_test, predicted, average="macro")),
            "rare_recall": float(np.mean(recall_score(y_test, predicted, labels=list(rare), average=None,
                                                      zero_division=0)))}


def simulate(setting: Setting, seed: int) -> pd.DataFrame:
    """One row per (arm, round): labeled count and the test metrics after that round (round 0 = seed set)."""
    x, y = data(setting)
    rest, test = train_test_split(np.arange(len(y)), test_size=setting.test_share, stratify=y, random_state=seed)
    rng = np.random.default_rng(seed)
    # the seed set has one item of every class (a team has seen each class once), the rest at random
    start = np.array([rng.choice(rest[y[rest] == c]) for c in np.unique(y)])
    start = np.r_[start, rng.choice(np.setdiff1d(rest, start), size=setting.seed_size - len(start), replace=False)]
    rows = []
    for arm in ARMS:
        labeled = list(start)
        arm_rng = np.random.default_rng(seed + 1000)
        for rnd in range(setting.rounds + 1):
            if rnd:
                pool = np.setdiff1d(rest, labeled)
                if arm == "random":
                    chosen = arm_rng.choice(pool, size=setting.budget, replace=False)
                else:
                    train = x.iloc[labeled].assign(label=y[labeled].astype(str))
                    batch = select_batch(train, x.iloc[pool].reset_index(drop=True), ColumnMapping(label="label"),
                                         Plan(budget=setting.budget, seed=seed))
                    chosen = pool[np.asarray(batch.rows)]
                labeled += list(chosen)
            scores = evaluate(x.iloc[labeled], y[labeled], x.iloc[test], y[test], setting.rare)
            rows.append({"dataset": setting.name, "seed": seed, "arm": arm, "round": rnd,
                         "labeled": len(labeled), **scores})
    return pd.DataFrame(rows)


def run_all(settings=SETTINGS, seeds=SEEDS) -> pd.DataFrame:
    return pd.concat([simulate(s, seed) for s in settings for seed in seeds], ignore_index=True)


def final_table(results: pd.DataFrame) -> pd.DataFrame:
    """Per data set, after the last round: mean (and standard deviation over seeds) of each arm and metric."""
    last = results[results["round"] == results.groupby("dataset")["round"].transform("max")]
    out = []
    for name, part in last.groupby("dataset", sort=False):
        row = {"dataset": name, "labeled": int(part["labeled"].iloc[0]), "seeds": part["seed"].nunique()}
        for metric in METRICS:
            wide = part.pivot(index="seed", columns="arm", values=metric)
            diff = wide["label-next"] - wide["random"]
            row[metric] = (f"{wide['random'].mean():.3f} ± {wide['random'].std():.3f} → "
                           f"{wide['label-next'].mean():.3f} ± {wide['label-next'].std():.3f} "
                           f"(Δ {diff.mean():+.3f} ± {diff.std():.3f})")
        out.append(row)
    return pd.DataFrame(out)


def curve_gains(results: pd.DataFrame) -> pd.DataFrame:
    """Per metric: the paired gain (label-next minus random) of the mean over rounds 1..R, pooled over
    data sets and seeds, with its standard error: what `tests/labelnext/test_rounds.py` asserts."""
    rows = []
    for metric in METRICS:
        curve = results[results["round"] > 0].groupby(["dataset", "seed", "arm"])[metric].mean().unstack("arm")
        diff = curve["label-next"] - curve["random"]
        rows.append({"metric": metric, "pairs": len(diff), "random": curve["random"].mean(),
                     "label-next": curve["label-next"].mean(), "gain": diff.mean(),
                     "se": diff.std(ddof=1) / np.sqrt(len(diff)), "pairs_won": int((diff > 0).sum())})
    return pd.DataFrame(rows)


def main() -> None:
    results = run_all()
    table = final_table(results)
    settings = {s.name: s for s in SETTINGS}
    print("| data set | rare classes (share kept) | seed set + rounds x budget = labeled | seeds | "
          "accuracy: random → label-next | macro-F1 | rare-class recall |")
    print("|---|---|---|---:|---|---|---|")
    for _, r in table.iterrows():
        s = settings[r["dataset"]]
        print(f"| {r['dataset']} | {', '.join(map(str, s.rare))} ({s.keep:.0%}) | {s.seed_size} + {s.rounds} x "
              f"{s.budget} = {r['labeled']} | {r['seeds']} | {r['accuracy']} | {r['macro_f1']} | {r['rare_recall']} |")
    print()
    print("| metric, mean over rounds 1-4 | pairs (data set x seed) | random | label-next | gain ± standard error | "
          "pairs won |")
    print("|---|---:|---:|---:|---|---:|")
    for _, g in curve_gains(results).iterrows():
        print(f"| {g['metric']} | {g['pairs']} | {g['random']:.3f} | {g['label-next']:.3f} | "
              f"{g['gain']:+.3f} ± {g['se']:.3f} | {g['pairs_won']} |")


if __name__ == "__main__":
    main()
