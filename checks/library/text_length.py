"""Edge cases: empty, very short and very long texts in the mapped text column."""

from __future__ import annotations

import numpy as np

from checks.needs import CheckData
from checks.outcome import Outcome
from checks.registry import Thresholds, register
from vocabulary import Severity, Stage, share_text


@register(id="text_length", area="edge_cases", title="Text length extremes",
          description="Share of empty, very short (< min_chars) and very long (> long_factor x median) texts.",
          needs=("train", "text"), thresholds={"min_chars": 3, "long_factor": 10.0, "max_share": 0.01})
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    text = data.train[data.text]
    lengths = text.str.strip().str.len().to_numpy(dtype="float64", na_value=0.0)
    median = float(np.median(lengths)) if len(lengths) else 0.0
    long_limit = max(median * float(t["long_factor"]), float(t["min_chars"]))
    empty = int((lengths == 0).sum())
    short = int(((lengths > 0) & (lengths < t["min_chars"])).sum())
    long = int((lengths > long_limit).sum())
    n = len(lengths)
    p = np.percentile(lengths, [1, 50, 99]) if n else [0, 0, 0]
    out.metrics.update(rows=n, empty=empty, very_short=short, very_long=long, long_limit=long_limit,
                       length_p01=float(p[0]), length_median=float(p[1]), length_p99=float(p[2]),
                       length_max=float(lengths.max()) if n else 0.0)
    short_share, long_share = (empty + short) / max(n, 1), long / max(n, 1)
    if short_share >= t["max_share"]:
        out.flag(Severity.medium, f"{empty + short:,} empty or near-empty texts",
                 f"{share_text(short_share)} of texts are empty or shorter than {t['min_chars']} characters; "
                 "they carry no signal and often hide extraction bugs.",
                 "Find where the empty texts come from (export, parsing) and fix or remove them before labeling.",
                 due=Stage.before_labeling, key="short", metrics={"empty": empty, "very_short": short})
    if long_share >= t["max_share"]:
        out.flag(Severity.low, f"{long:,} unusually long texts",
                 f"{share_text(long_share)} of texts are more than {t['long_factor']:g} times the median length "
                 f"({median:.0f} characters); models often truncate them.",
                 "Decide how long inputs are handled (truncate, split, route) and make sure evaluation covers them.",
                 due=Stage.before_first_training, key="long", metrics={"very_long": long, "long_limit": long_limit})
    return out
