"""`compute_agreement`: every agreement statistic the product reports, from one long-format frame.

Used by the `annotation_agreement` check, the `readiness agreement` command and the app. Undefined
statistics are None with a note saying why (one annotator, one label everywhere, unequal numbers of
ratings per item for Fleiss' kappa), never NaN.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field
from statsmodels.stats.inter_rater import fleiss_kappa as sm_fleiss_kappa

from checks.agreement.alpha import (
    BOOTSTRAP_RESAMPLES,
    BOOTSTRAP_SEED,
    CONFIDENCE,
    alpha_at_mix,
    alpha_from_coincidence,
    bootstrap,
    coincidence,
)
from checks.agreement.cohen import mean_pairwise_cohen
from checks.agreement.ratings import Pairs, Ratings, build_pairs, prepare_ratings
from vocabulary import Level

TOP_CONFUSED_PAIRS = 5
TIME_WINDOWS = 4
MIN_WINDOW_ITEMS = 20


class AnnotatorAgreement(BaseModel):
    annotator: str
    n_items: int
    agreement: float | None = Field(description="share of this annotator's pairs with others that agree")
    alpha_without: float | None = Field(description="Krippendorff's alpha with this annotator left out")


class AgreementResult(BaseModel):
    level: Level
    n_items: int
    n_annotators: int
    n_ratings: int
    n_pairable_items: int
    krippendorff_alpha: float | None
    krippendorff_alpha_ci: list[float | None]
    fleiss_kappa: float | None
    cohen_kappa_mean: float | None
    cohen_kappa_pairs: int
    cohen_weights: str | None
    percent_agreement: float | None
    percent_agreement_ci: list[float | None]
    bootstrap: dict[str, Any]
    per_annotator: list[AnnotatorAgreement]
    confused_pairs: list[dict[str, Any]]
    over_time: list[dict[str, Any]]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        from checks.report import strict_json

        return strict_json(self.model_dump(mode="json"))


def compute_agreement(frame: pd.DataFrame, item: str, annotator: str, label: str,
                      level: Level | str = Level.nominal, timestamp: str | None = None,
                      resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED,
                      order: list[str] | None = None) -> AgreementResult:
    """All agreement statistics for long-format ratings (one row per item x annotator); `order` ranks
    ordinal text labels (lowest first)."""
    r = prepare_ratings(frame, item, annotator, label, level, order)
    pairs = build_pairs(r)
    notes = _notes(r, pairs)
    o = coincidence(pairs, r.n_values)
    alpha = alpha_from_coincidence(o, r.values, r.level) if len(pairs) else None
    item_agree, pairable = _item_agreement(r, pairs)
    pct = float(item_agree[pairable].mean()) if pairable.any() else None
    ci = bootstrap(pairs, len(r.items), r.values, r.level, item_agree, pairable, resamples, seed)
    fleiss, fleiss_note = fleiss_kappa(r)
    if fleiss_note:
        notes.append(fleiss_note)
    cohen_mean, cohen_pairs, weights = mean_pairwise_cohen(r, pairs)
    item_times = _item_times(frame, r, item, timestamp) if timestamp else None
    return AgreementResult(
        level=r.level, n_items=len(r.items), n_annotators=len(r.annotators), n_ratings=len(r.item),
        n_pairable_items=int(pairable.sum()), krippendorff_alpha=alpha, krippendorff_alpha_ci=ci["alpha"],
        fleiss_kappa=fleiss, cohen_kappa_mean=cohen_mean, cohen_kappa_pairs=cohen_pairs, cohen_weights=weights,
        percent_agreement=pct, percent_agreement_ci=ci["percent_agreement"],
        bootstrap={"resamples": resamples, "seed": seed, "confidence": CONFIDENCE, "unit": "item"},
        per_annotator=per_annotator(r, pairs), confused_pairs=confused_pairs(o, r.values),
        over_time=over_time(r, pairs, item_times) if item_times is not None else [], notes=notes)


def _notes(r: Ratings, pairs: Pairs) -> list[str]:
    notes = []
    if len(r.annotators) < 2:
        notes.append("Only one annotator: agreement is undefined (every item needs two or more independent ratings).")
    elif len(pairs) == 0:
        notes.append("No item has two or more ratings: agreement is undefined.")
    if r.n_values == 1:
        notes.append("Every rating uses the same label: chance-corrected agreement (alpha, kappa) is undefined.")
    if r.duplicates_dropped:
        notes.append(f"{r.duplicates_dropped} repeated rating(s) of the same item by the same annotator: "
                     "the last one was kept.")
    if r.missing_dropped:
        notes.append(f"{r.missing_dropped} rating(s) without a label were left out (alpha allows missing ratings).")
    return notes


def _item_agreement(r: Ratings, pairs: Pairs) -> tuple[np.ndarray, np.ndarray]:
    """Per item: share of ordered rating pairs that agree; and whether the item is pairable."""
    n = len(r.items)
    total = np.bincount(pairs.item, minlength=n).astype("float64")
    same = np.bincount(pairs.item, weights=(pairs.left == pairs.right).astype("float64"), minlength=n)
    pairable = total > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(pairable, same / np.where(pairable, total, 1), np.nan), pairable


def fleiss_kappa(r: Ratings) -> tuple[float | None, str | None]:
    """statsmodels' Fleiss kappa, or None with the reason when it is undefined for these ratings."""
    counts = np.bincount(r.item, minlength=len(r.items))
    rated = counts[counts > 0]
    if len(rated) == 0 or len(r.annotators) < 2:
        return None, None
    if rated.min() != rated.max():
        return None, "Fleiss' kappa needs the same number of ratings for every item; it is reported as null."
    if rated[0] < 2 or r.n_values < 2:
        return None, None
    table = np.zeros((len(r.items), r.n_values))
    np.add.at(table, (r.item, r.value), 1)
    table = table[counts > 0]
    value = float(sm_fleiss_kappa(table, method="fleiss"))
    return (value if np.isfinite(value) else None), None


def per_annotator(r: Ratings, pairs: Pairs) -> list[AnnotatorAgreement]:
    """Each annotator's pairwise agreement with the others and alpha with them left out."""
    k = len(r.annotators)
    n_items = np.bincount(r.annotator, minlength=k)
    pair_count = np.bincount(pairs.rater_left, minlength=k).astype("float64")
    pair_same = np.bincount(pairs.rater_left, weights=(pairs.left == pairs.right).astype("float64"), minlength=k)
    out = []
    for code in range(k):
        without = r.without_annotator(code)
        p = build_pairs(without)
        alpha = alpha_from_coincidence(coincidence(p, r.n_values), r.values, r.level) if len(p) else None
        agreement = float(pair_same[code] / pair_count[code]) if pair_count[code] else None
        out.append(AnnotatorAgreement(annotator=str(r.annotators[code]), n_items=int(n_items[code]),
                                      agreement=agreement, alpha_without=alpha))
    return out


def confused_pairs(o: np.ndarray, values: np.ndarray, top: int = TOP_CONFUSED_PAIRS) -> list[dict[str, Any]]:
    """Label pairs that annotators mix up most (off-diagonal coincidences, both directions)."""
    sym = np.triu(o + o.T, k=1)
    disagreements = sym.sum()
    if disagreements <= 0:
        return []
    c, k = np.nonzero(sym)
    order = np.argsort(-sym[c, k], kind="stable")[:top]
    return [{"labels": [_plain(values[c[i]]), _plain(values[k[i]])], "count": float(sym[c[i], k[i]] / 2),
             "share_of_disagreements": float(sym[c[i], k[i]] / disagreements)} for i in order]


def _item_times(frame: pd.DataFrame, r: Ratings, item: str, timestamp: str) -> np.ndarray | None:
    times = frame[[item, timestamp]].dropna()
    if times.empty or not pd.api.types.is_datetime64_any_dtype(times[timestamp]):
        return None
    first = times.groupby(item, sort=False)[timestamp].min()
    return pd.Series(r.items).map(first).to_numpy(dtype="datetime64[ns]")


def over_time(r: Ratings, pairs: Pairs, item_times: np.ndarray, windows: int = TIME_WINDOWS) -> list[dict[str, Any]]:
    """Per equal-count window of item time (first rating of each item): alpha, alpha at the overall
    class mix (see `alpha_at_mix`), percent agreement and the label shares."""
    pair_items = np.unique(pairs.item)
    known = pair_items[~np.isnat(item_times[pair_items])]
    if len(known) < windows * MIN_WINDOW_ITEMS:
        return []
    order = known[np.argsort(item_times[known], kind="stable")]
    window_of_item = np.full(len(r.items), -1)
    for w, chunk in enumerate(np.array_split(order, windows)):
        window_of_item[chunk] = w
    pair_window = window_of_item[pairs.item]
    o_all = coincidence(pairs, r.n_values)
    out = []
    for w, chunk in enumerate(np.array_split(order, windows)):
        p = pairs.subset(pair_window == w)
        o = coincidence(p, r.n_values)
        out.append({"window": w + 1, "start": pd.Timestamp(item_times[chunk].min()).isoformat(),
                    "end": pd.Timestamp(item_times[chunk].max()).isoformat(), "n_items": int(len(chunk)),
                    "alpha": alpha_from_coincidence(o, r.values, r.level),
                    "alpha_at_overall_mix": alpha_at_mix(o, o_all, r.values, r.level),
                    "percent_agreement": float((p.left == p.right).mean()) if len(p) else None,
                    "pairs": int(len(p) // 2), "agreeing_pairs": int((p.left == p.right).sum() // 2),
                    "label_shares": _shares(o, r.values)})
    return out


def _shares(o: np.ndarray, values: np.ndarray) -> dict[str, float]:
    margins = o.sum(axis=1)
    total = margins.sum()
    return {str(_plain(v)): float(m / total) for v, m in zip(values, margins)} if total else {}


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value
