"""Choose the next items to label from an unlabeled pool: coverage gaps, rare classes, uncertainty, diversity.

1. The pool is validated next to the training sample; rows that repeat a training row or an earlier
   pool row are not eligible (`labelnext.pool`).
2. The budget is split by the strategies' shares (`labelnext.plan.quotas`).
3. A quick model (`labelnext.model`) is fitted on the labeled training rows (on a worker thread, while
   the pool is hashed and the coverage gaps are found) and scores a fixed-seed sample of the eligible
   pool; coverage (`labelnext.coverage`), rare-class and uncertainty (`labelnext.scores`) rankings are
   shortlisted.
4. Near-duplicate texts among the shortlist and the training sample are found once (`labelnext.nearby`).
5. The strategies fill their quotas in the order coverage, rare classes, uncertainty, skipping rows
   already chosen and near duplicates of training or of the batch; a quota a strategy cannot fill
   passes on to the next one. Diversity comes last: k-center greedy (`labelnext.kcenter`) over a
   fixed-seed sample of the eligible pool, with a sample of the training rows and the batch so far
   as the covered points, fills its own quota and whatever is left.
6. Every chosen item then gains the other strategies' reasons that apply to it.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from checks.inputs import MODEL_THREADS
from checks.mapping import ColumnMapping
from checks.registry import default_thresholds
from labelnext.answers import answer_thresholds
from labelnext.batch import Batch
from labelnext.coverage import Gap, coverage_gaps, coverage_ranking, gap_reasons
from labelnext.kcenter import k_center, min_distances
from labelnext.model import QuickModel, margin
from labelnext.nearby import Nearby
from labelnext.plan import STRATEGIES, LabelNextError, Plan, quotas
from labelnext.pool import Pool
from labelnext.ranking import Ranking
from labelnext.representation import Representation
from labelnext.scores import Scored, rare_classes, rare_note, rare_ranking, uncertainty_ranking

SCORE_CHUNK = 100_000
THRESHOLD_CHECKS = ("production_support", "thin_segments", "rare_classes")


def select_batch(train: pd.DataFrame, pool: pd.DataFrame, mapping: ColumnMapping, plan: Plan,
                 overrides: dict[str, dict[str, Any]] | None = None, answers: dict[str, Any] | None = None) -> Batch:
    """The batch for `plan`; raises `LabelNextError` with a user-facing message when it cannot be made.

    Thresholds: the checks' defaults, then the minimums stated in `answers`, then `overrides`.
    """
    found = Pool.of(train, pool, mapping)
    found.inputs.seed = plan.seed
    if plan.budget > len(found.frame):
        raise LabelNextError(f"the budget ({plan.budget:,}) is larger than the pool ({len(found.frame):,} rows)")
    stated, used = answer_thresholds(answers)
    thresholds = _thresholds(stated, overrides)
    rep = Representation(found.kinds, plan.top_categories, plan.text_features, plan.seed)
    train_rows = found.sample(np.arange(len(found.train)), plan.model_rows, salt=11)
    rep.fit(found.train.iloc[train_rows])
    # the quick model is fitted on a worker thread while this one hashes the pool and finds the gaps
    # (numpy, scipy and pyarrow release the GIL in their heavy loops, so two cores share the work)
    with ThreadPoolExecutor(1, thread_name_prefix="labelnext-model") as worker:
        fitting = worker.submit(_fit, found, rep, train_rows, plan, thresholds)
        eligible = found.eligible
        if plan.budget > len(eligible):
            raise LabelNextError(f"the budget ({plan.budget:,}) is larger than the pool: {len(found.frame):,} rows, "
                                 f"{len(found.frame) - len(eligible):,} of which repeat a training row or another "
                                 f"pool row, so at most {len(eligible):,} can be chosen")
        gaps = coverage_gaps(found, thresholds)
        model, rare, model_note = fitting.result()
    batch = Batch(quotas=quotas(plan.budget, plan.shares))
    batch.facts += used
    batch.facts.append(f"{len(found.frame):,} pool rows, {len(eligible):,} eligible "
                       f"({int(found.in_training.sum()):,} already in training, "
                       f"{int((found.repeated & ~found.in_training).sum()):,} repeated within the pool)")
    batch.facts.append(f"representation: {len(found.columns)} shared column(s) "
                       f"({', '.join(f'{c} ({k})' for c, k in list(found.kinds.items())[:8])}"
                       f"{', ...' if len(found.kinds) > 8 else ''})")
    if model_note:
        batch.notes.append(model_note)
    limit = {s: q * plan.shortlist_factor + plan.shortlist_extra for s, q in batch.quotas.items()}
    rankings = {"coverage": coverage_ranking(found, gaps, limit["coverage"], plan.seed + 1)}
    scored = _predict(found, rep, model, rare, plan, batch) if model is not None else None
    if scored is None:
        note = ("no label column is mapped" if not mapping.label else "the model could not be fitted")
        rankings["rare"] = Ranking("rare", note=note)
        rankings["uncertainty"] = Ranking("uncertainty", note=note)
    else:
        rankings["rare"] = rare_ranking(scored, rare, limit["rare"])
        rankings["uncertainty"] = uncertainty_ranking(scored, plan.uncertainty_measure, limit["uncertainty"])
    spread = found.sample(eligible, plan.diversity_rows, salt=13)
    shortlist = np.unique(np.concatenate([r.rows for r in rankings.values()] + [spread]))
    text = mapping.text if mapping.text in found.columns else None
    nearby = Nearby(found.train[text] if text else None, found.frame[text] if text else None, shortlist)
    if text:
        batch.facts.append(f"near duplicates: {int(nearby.blocked.sum()):,} of {len(shortlist):,} shortlisted "
                           f"rows are near duplicates of a training text and were left out")
    available = ~nearby.blocked
    carry = 0
    for strategy in STRATEGIES[:-1]:
        want = batch.quotas[strategy] + carry
        got = _take(batch, rankings[strategy], want, nearby, available)
        carry = want - got
        if carry and batch.quotas[strategy] + carry > 0:
            reason = rankings[strategy].note or "not enough distinct candidates"
            batch.notes.append(f"{strategy}: {got} of {want} item(s) ({reason}); the rest passed on")
    want = batch.quotas["diversity"] + carry
    got = _spread(batch, found, rep, spread, want, nearby, available, plan)
    if got < want:
        batch.notes.append(f"diversity: {got} of {want} item(s); the eligible pool has no more rows that are "
                           "not near duplicates of training or of the batch")
    _annotate(batch, gaps, scored, rare, plan)
    return batch


def _thresholds(stated: dict[str, dict[str, Any]], overrides: dict[str, dict[str, Any]] | None
                ) -> dict[str, dict[str, Any]]:
    defaults = default_thresholds()
    return {c: {**defaults[c], **stated.get(c, {}), **(overrides or {}).get(c, {})} for c in THRESHOLD_CHECKS}


def _fit(found: Pool, rep: Representation, train_rows: np.ndarray, plan: Plan,
         thresholds: dict[str, dict[str, Any]]) -> tuple[QuickModel | None, pd.Series, str | None]:
    """The quick model fitted on the labeled training sample, the rare classes, and why there is no model."""
    label = found.inputs.mapping.label
    if not label:
        return None, pd.Series(dtype="int64"), None
    labels = found.train[label].astype("str")
    known = found.train[label].notna().to_numpy()
    rare = rare_classes(labels[known], thresholds["rare_classes"])
    fit_rows = train_rows[known[train_rows]]
    if len(np.unique(labels.to_numpy()[fit_rows])) < 2:
        return None, rare, "model: the training sample has fewer than two labeled classes"
    model = QuickModel.fit(rep.transform(found.train.iloc[fit_rows]), labels.to_numpy()[fit_rows],
                           plan.folds, plan.seed)
    return model, rare, None


def _predict(found: Pool, rep: Representation, model: QuickModel, rare: pd.Series, plan: Plan,
             batch: Batch) -> Scored:
    """The model's probabilities for a fixed-seed sample of the eligible pool."""
    rows = found.sample(found.eligible, plan.score_rows, salt=17)
    proba = np.vstack([model.predict_proba(rep.transform(found.frame.iloc[rows[i:i + SCORE_CHUNK]]))
                       for i in range(0, len(rows), SCORE_CHUNK)])
    batch.facts.append(f"quick model: {model.describe()}; scored {len(rows):,} of {len(found.eligible):,} "
                       "eligible pool rows" + (" (fixed-seed sample)" if len(rows) < len(found.eligible) else ""))
    if not rare.empty:
        batch.facts.append("rare classes in training: " + ", ".join(f"{k} ({int(v)})" for k, v in rare.items()))
    return Scored(rows, proba, model.classes)


def _take(batch: Batch, ranking: Ranking, want: int, nearby: Nearby, available: np.ndarray) -> int:
    got = 0
    for row, reason in zip(ranking.rows, ranking.reasons):
        if got >= want:
            break
        i = nearby.local(int(row))
        if not available[i]:
            continue
        batch.add(int(row), ranking.strategy, reason)
        available[i] = False
        available[nearby.excluded_with(i)] = False
        got += 1
    return got


def _spread(batch: Batch, found: Pool, rep: Representation, spread: np.ndarray, want: int, nearby: Nearby,
            available: np.ndarray, plan: Plan) -> int:
    """k-center greedy over the diversity sample, with training and the batch so far as covered points."""
    if want <= 0:
        return 0
    points = rep.project(rep.transform(found.frame.iloc[spread]), plan.projection_dims)
    centers_rows = found.sample(np.arange(len(found.train)), plan.training_centers, salt=19)
    parts = [rep.project(rep.transform(found.train.iloc[centers_rows]), plan.projection_dims)]
    if batch.rows:
        parts.append(rep.project(rep.transform(found.frame.iloc[batch.rows]), plan.projection_dims))
    centers = np.vstack(parts)
    local = np.array([nearby.local(int(r)) for r in spread], dtype=np.int64)
    with threadpool_limits(MODEL_THREADS):
        covered = min_distances(points, centers)
    typical = float(np.median(covered))

    def excluded_with(i: int) -> np.ndarray:
        gone = nearby.excluded_with(int(local[i]))
        available[gone] = False
        available[local[i]] = False
        return np.flatnonzero(np.isin(local, gone))

    taken, distances = k_center(points, covered, want, available[local].copy(), excluded_with)
    for i, d in zip(taken, distances):
        batch.add(int(spread[i]), "diversity", f"far from training and the rest of the batch: distance {d:.2f} "
                                                 f"to the nearest (a typical pool row: {typical:.2f})")
    batch.facts.append(f"diversity: k-center greedy over {len(spread):,} eligible pool rows (fixed-seed sample), "
                       f"{len(centers_rows):,} training rows as covered points, distances on "
                       f"{points.shape[1]} dimensions")
    return len(taken)


def _annotate(batch: Batch, gaps: list[Gap], scored: Scored | None, rare: pd.Series, plan: Plan) -> None:
    """Add the reasons of the other strategies that also apply to each chosen item."""
    for k, row in enumerate(batch.rows):
        extra: list[str | None] = list(gap_reasons(gaps, row))
        if scored is not None:
            extra.append(rare_note(scored, rare, row))
            i = scored.position(row)
            value = float(margin(scored.proba[i:i + 1])[0]) if i is not None else 1.0
            if value < plan.margin_note:
                extra.append(f"margin {value:.2f}")
        own = batch.reasons[k]
        for reason in extra:
            key = reason.split(",")[0].split(" (")[0] if reason else ""
            if reason and not any(r.startswith(key) for r in own):
                own.append(reason)
