"""The README's plot: label-next versus random selection over simulated labeling rounds.

Runs `benchmarks.label_rounds` (5 seeds) and draws macro-F1 and rare-class recall against the number
of labeled items, one panel per data set (mean over seeds, band = one standard deviation), with
Altair and vl-convert (both dependencies already):

    python -m benchmarks.label_rounds_plot            # writes docs/images/label-next-rounds.png
"""

from __future__ import annotations

import sys
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert

from benchmarks.label_rounds import run_all

OUT = Path(__file__).resolve().parent.parent / "docs" / "images" / "label-next-rounds.png"
LABELS = {"macro_f1": "macro-F1", "rare_recall": "rare-class recall"}


def chart(results: pd.DataFrame) -> alt.Chart:
    long = results.melt(id_vars=["dataset", "seed", "arm", "labeled"], value_vars=list(LABELS),
                        var_name="metric", value_name="value")
    long["metric"] = long["metric"].map(LABELS)
    summary = long.groupby(["dataset", "arm", "labeled", "metric"], as_index=False)["value"].agg(["mean", "std"])
    summary["low"], summary["high"] = summary["mean"] - summary["std"], summary["mean"] + summary["std"]
    base = alt.Chart(summary).encode(
        x=alt.X("labeled:Q", title="labeled items"),
        color=alt.Color("arm:N", title="selection", scale=alt.Scale(domain=["label-next", "random"],
                                                                   range=["#1f6feb", "#9a9a9a"])))
    band = base.mark_area(opacity=0.15).encode(y=alt.Y("low:Q", title=None), y2="high:Q")
    line = base.mark_line(point=True).encode(y=alt.Y("mean:Q", title=None, scale=alt.Scale(zero=False)))
    return (alt.layer(band, line).properties(width=210, height=150)
            .facet(row=alt.Row("metric:N", title=None), column=alt.Column("dataset:N", title=None))
            .resolve_scale(x="independent", y="independent")
            .properties(title="label-next vs random selection (mean of 5 seeds, band = 1 sd)"))


def main(out: Path = OUT) -> None:
    results = run_all()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(vl_convert.vegalite_to_png(chart(results).to_json(), scale=2))
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
