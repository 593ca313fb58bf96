"""The score trend chart across revisions: one line per score, gaps for unscored revisions, renders to SVG."""

from __future__ import annotations

from reports.charts import TREND_ANSWERS_ONLY, TREND_OVERALL, TREND_WITH_DATA, score_trend_chart
from reports.svg import chart_svg

POINTS = [
    {"number": 1, "overall": 48, "areas": {"scope": 40, "labels": 70}, "has_checks": True},
    {"number": 2, "overall": None, "areas": {}},
    {"number": 3, "overall": 71, "areas": {"scope": 75, "labels": 80}, "has_checks": False},
]
TITLES = {"scope": "Collection scope", "labels": "Annotation quality"}


def test_one_series_per_score_with_overall_first():
    spec = score_trend_chart(POINTS, TITLES).to_dict()
    rows = rows_of(spec)
    assert {r["series"] for r in rows} == {TREND_OVERALL, *TITLES.values()}
    assert len(rows) == 6  # revision 2 has no scores
    encoding = spec["layer"][0]["encoding"]
    color = encoding["color"]["scale"]["domain"]
    assert color == [TREND_OVERALL, "Collection scope", "Annotation quality"]
    assert encoding["x"]["scale"]["domain"] == ["Rev. 1", "Rev. 2", "Rev. 3"]


def rows_of(spec: dict) -> list[dict]:
    return spec["data"]["values"] if "data" in spec else next(iter(spec["datasets"].values()))


def test_points_with_data_are_filled_and_answers_only_points_hollow():
    spec = score_trend_chart(POINTS, TITLES).to_dict()
    basis = {r["revision"]: r["basis"] for r in rows_of(spec)}
    assert basis == {"Rev. 1": TREND_WITH_DATA, "Rev. 3": TREND_ANSWERS_ONLY}
    fill = spec["layer"][1]["encoding"]["fill"]
    assert TREND_WITH_DATA in fill["condition"]["test"] and fill["value"] == "white"


def test_renders_to_svg_even_for_a_single_revision():
    svg = chart_svg(score_trend_chart(POINTS[:1], TITLES))
    assert svg.startswith("<svg") and "Rev. 1" in svg
