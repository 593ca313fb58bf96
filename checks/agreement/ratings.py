"""Ratings in long format (item, annotator, label) turned into integer codes and rating pairs.

Everything agreement-related is computed from two arrays built here once:
- per rating: item code, annotator code, value code (index into the sorted value domain);
- per ordered pair of ratings of the same item by different annotators: the two value codes, the two
  annotators, the item, and the pair's weight 1/(m_u - 1) where m_u is the item's number of ratings
  (Krippendorff's coincidence weighting). Items with a single rating are not pairable.
Pairs are built with vectorised index arithmetic (no Python loop over items).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from checks.placeholders import PLACEHOLDERS
from vocabulary import Level


class AgreementInputError(ValueError):
    """The ratings cannot be used for the requested level (message is user-facing)."""


@dataclass
class Ratings:
    """Coded ratings: `values[value_code]` is the label; codes index `items` and `annotators`."""

    item: np.ndarray
    annotator: np.ndarray
    value: np.ndarray
    values: np.ndarray
    items: np.ndarray
    annotators: np.ndarray
    level: Level
    duplicates_dropped: int = 0
    missing_dropped: int = 0

    @property
    def n_values(self) -> int:
        return len(self.values)

    def without_annotator(self, code: int) -> Ratings:
        keep = self.annotator != code
        return Ratings(self.item[keep], self.annotator[keep], self.value[keep], self.values, self.items,
                       self.annotators, self.level)

    def subset(self, keep: np.ndarray) -> Ratings:
        return Ratings(self.item[keep], self.annotator[keep], self.value[keep], self.values, self.items,
                       self.annotators, self.level)


def prepare_ratings(frame: pd.DataFrame, item: str, annotator: str, label: str,
                    level: Level | str = Level.nominal, order: list[str] | None = None) -> Ratings:
    """Code the ratings; drop missing labels and repeated (item, annotator) ratings (the last one counts).

    Ordinal labels are ranked by `order` (lowest first) when given, else numerically; text labels
    without an order are refused, since their alphabetical order is rarely their meaning.
    """
    level = Level(level)
    data = frame[[item, annotator, label]]
    data = data.assign(**{label: without_placeholders(data[label])})
    missing = int(data[label].isna().sum())
    data = data[data[label].notna()]
    n_before = len(data)
    data = data.drop_duplicates([item, annotator], keep="last")
    labels = data[label]
    if order:
        return _ranked(data, item, annotator, label, level, order, n_before, missing)
    if level is Level.ordinal and _is_string(labels) and pd.to_numeric(labels, errors="coerce").isna().any():
        shown = ", ".join(sorted(map(str, labels.unique()))[:6])
        raise AgreementInputError(
            f"ordinal agreement on text labels needs their order (lowest to highest); the labels are {shown}. "
            f'Pass it with --order "A,B,C" (or use --level nominal).')
    if level in (Level.interval, Level.ratio) or level is Level.ordinal:
        numeric = pd.to_numeric(labels, errors="coerce")
        bad = labels[numeric.isna()]
        if len(bad):
            raise AgreementInputError(
                f"{level.value} agreement needs numeric labels; found e.g. {bad.astype(str).iloc[0]!r} "
                f"in column '{label}' (use --level nominal for categories)")
        labels = numeric.astype("float64")
        if level is Level.ratio and (labels < 0).any():
            raise AgreementInputError("ratio agreement needs non-negative labels")
    value_codes, values = pd.factorize(labels, sort=True)
    item_codes, items = pd.factorize(data[item], sort=False)
    annotator_codes, annotators = pd.factorize(data[annotator], sort=True)
    return Ratings(item_codes.astype(np.int64), annotator_codes.astype(np.int64), value_codes.astype(np.int64),
                   np.asarray(values), np.asarray(items), np.asarray(annotators), level,
                   duplicates_dropped=n_before - len(data), missing_dropped=missing)


def _ranked(data: pd.DataFrame, item: str, annotator: str, label: str, level: Level, order: list[str],
            n_before: int, missing: int) -> Ratings:
    """Ratings coded by their position in an explicit category order."""
    order = [str(o).strip() for o in order if str(o).strip()]
    if level is not Level.ordinal and level is not Level.nominal:
        raise AgreementInputError(f"an order applies to ordinal (or nominal) labels, not to {level.value} ones")
    if len(set(order)) != len(order):
        raise AgreementInputError("the order lists a label twice")
    text = data[label].astype("str").str.strip()
    unknown = sorted(set(text.unique()) - set(order))
    if unknown:
        raise AgreementInputError(f"labels not in the order: {', '.join(unknown[:6])} (the order lists "
                                  f"{', '.join(order)})")
    rank = {v: i for i, v in enumerate(order)}
    used = sorted({rank[v] for v in text.unique()})
    code_of = {r: c for c, r in enumerate(used)}
    value_codes = text.map(lambda v: code_of[rank[v]]).to_numpy(dtype=np.int64)
    item_codes, items = pd.factorize(data[item], sort=False)
    annotator_codes, annotators = pd.factorize(data[annotator], sort=True)
    return Ratings(item_codes.astype(np.int64), annotator_codes.astype(np.int64), value_codes,
                   np.asarray([order[r] for r in used], dtype=object), np.asarray(items), np.asarray(annotators),
                   level, duplicates_dropped=n_before - len(data), missing_dropped=missing)


def without_placeholders(labels: pd.Series) -> pd.Series:
    """Labels with missing-value placeholders ("n/a", "?", "NA"...) made missing."""
    if not (labels.dtype == object or pd.api.types.is_string_dtype(labels.dtype)):
        return labels
    normalised = labels.astype("str").str.strip().str.lower()
    return labels.mask(normalised.isin(PLACEHOLDERS) & labels.notna())


def text_categories(labels: pd.Series) -> list[str] | None:
    """The distinct labels an explicit order must name (as `_ranked` reads them), or None when the labels
    are numbers, which keep their numeric order."""
    present = without_placeholders(labels).dropna()
    if not _is_string(present) or not pd.to_numeric(present, errors="coerce").isna().any():
        return None
    return sorted(set(present.astype("str").str.strip()) - {""})


def _is_string(series: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


@dataclass
class Pairs:
    """All ordered pairs (i != j) of ratings of the same item."""

    item: np.ndarray
    left: np.ndarray      # value code of the first rating
    right: np.ndarray     # value code of the second rating
    rater_left: np.ndarray
    rater_right: np.ndarray
    weight: np.ndarray    # 1 / (m_u - 1)

    def __len__(self) -> int:
        return len(self.item)

    def subset(self, keep: np.ndarray) -> Pairs:
        return Pairs(self.item[keep], self.left[keep], self.right[keep], self.rater_left[keep],
                     self.rater_right[keep], self.weight[keep])


def build_pairs(r: Ratings) -> Pairs:
    """Ordered within-item pairs via index arithmetic on the ratings sorted by item."""
    order = np.argsort(r.item, kind="stable")
    item, value, rater = r.item[order], r.value[order], r.annotator[order]
    counts = np.bincount(item, minlength=len(r.items)) if len(item) else np.zeros(0, dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]) if len(counts) else counts
    m = counts[item]  # ratings of this rating's item
    keep = m >= 2
    idx = np.nonzero(keep)[0]
    reps = m[idx]
    left = np.repeat(idx, reps)
    # offset of each partner within its item: 0..m-1 for every left rating
    block_start = np.repeat(np.cumsum(reps) - reps, reps)
    offset = np.arange(len(left)) - block_start
    right = starts[item[left]] + offset
    ok = left != right
    left, right = left[ok], right[ok]
    return Pairs(item[left], value[left], value[right], rater[left], rater[right], 1.0 / (m[left] - 1))
