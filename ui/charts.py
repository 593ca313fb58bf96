"""Charts as Altair specs (plain Python, no Streamlit), so a report can render the same ones."""

from __future__ import annotations

import altair as alt
import pandas as pd

SCORE_BANDS = [(0, 50, "#c0392b", "Weak (below 50)"), (50, 75, "#e67e22", "Needs work (50-74)"),
               (75, 101, "#2e7d32", "Good (75+)")]


def band_of(score: int) -> str:
    return next(label for low, high, _, label in SCORE_BANDS if low <= score < high)


def area_scores_chart(scores: dict[str, int], titles: dict[str, str]) -> alt.Chart:
    """Horizontal bars of each area's score (0-100), coloured by band, in questionnaire order."""
    frame = pd.DataFrame(
        [{"area": titles.get(a, a), "score": s, "band": band_of(s)} for a, s in scores.items()]
    )
    order = list(frame["area"])
    color = alt.Color(
        "band:N", title=None, legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=[b[3] for b in SCORE_BANDS], range=[b[2] for b in SCORE_BANDS]),
    )
    bars = alt.Chart(frame).mark_bar(cornerRadiusEnd=3, height=22).encode(
        x=alt.X("score:Q", title="Score (0-100)", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("area:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)),
        color=color,
        tooltip=[alt.Tooltip("area:N", title="Area"), alt.Tooltip("score:Q", title="Score")],
    )
    labels = bars.mark_text(align="left", dx=4, fontWeight="bold").encode(text="score:Q", color=alt.value("#333"))
    return (bars + labels).properties(height=alt.Step(34))
