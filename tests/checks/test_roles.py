"""Column roles are declared once (`checks.roles`) and every place that lists them reads that declaration."""

from __future__ import annotations

import pandas as pd
import pytest
import typer.main

from checks.mapping import AnnotationMapping, ColumnMapping, guess_annotation_mapping, guess_mapping
from checks.needs import NEEDS, CheckData
from checks.roles import ANNOTATION_ROLES, ROLES, SAMPLE_ROLES, from_options
from checks.sources import build_inputs


def test_the_mappings_have_one_field_per_role():
    assert set(ColumnMapping.model_fields) == {r.name for r in SAMPLE_ROLES}
    assert list(AnnotationMapping.model_fields) == [r.name for r in ANNOTATION_ROLES]
    assert [n for n, f in AnnotationMapping.model_fields.items() if f.is_required()] == \
        [r.name for r in ANNOTATION_ROLES if r.required]


def test_options_are_unique_and_every_role_is_an_option_of_the_data_commands():
    import cli

    assert len({r.option for r in ROLES}) == len(ROLES)
    for name in ("check", "score", "report", "gate"):
        command = typer.main.get_command(cli.app).commands[name]
        options = {o for p in command.params for o in p.opts}
        assert {r.option for r in ROLES} <= options, name
        multiple = {p.opts[0] for p in command.params if p.multiple}
        assert {r.option for r in ROLES if r.multiple} <= multiple


def test_every_sample_role_is_a_need_and_a_column_of_check_data():
    for role in SAMPLE_ROLES:
        assert NEEDS[role.name].missing == role.missing
        assert isinstance(getattr(CheckData, role.name), property), role.name


def test_the_wizard_offers_every_role():
    from ui import sample_step

    assert [r.name for r in sample_step.MAPPING_FIELDS] + [sample_step.SEGMENTS.name] == \
        [r.name for r in SAMPLE_ROLES if not r.multiple] + [r.name for r in SAMPLE_ROLES if r.multiple]


def test_special_roles_are_not_features_and_production_may_lack_the_others():
    mapping = ColumnMapping(label="y", timestamp="t", text="body", id="row", segments=["region"], edge_tag="case")
    assert mapping.special_columns() == {"y", "t", "row", "case"}
    assert {r.name for r in SAMPLE_ROLES if not r.in_production} == {"label", "timestamp", "id", "edge_tag"}


def test_roles_are_guessed_from_their_declared_name_patterns():
    frame = pd.DataFrame({"Target": ["a", "b"], "created_at": pd.to_datetime(["2024-01-01", "2024-01-02"]),
                          "review": ["fine", "bad"], "order_id": [1, 2], "Region": ["n", "s"], "scenario": ["x", "y"],
                          "amount": [1.0, 2.0]})
    assert guess_mapping(frame) == ColumnMapping(label="Target", timestamp="created_at", text="review", id="order_id",
                                                 segments=["Region"], edge_tag="scenario")
    ratings = pd.DataFrame({"doc_id": [1], "rater": ["r1"], "gold": ["a"], "ts": ["2024-01-01"]})
    assert guess_annotation_mapping(ratings) == AnnotationMapping(item="doc_id", annotator="rater", label="gold",
                                                                  timestamp="ts")
    assert guess_annotation_mapping(ratings.drop(columns=["rater"])) is None


def test_options_become_mappings_and_unknown_options_are_refused(tmp_path):
    sample, annotations = from_options({"label": "y", "segment": ["a", "b"], "time": None, "item_col": "i"})
    assert (sample, annotations) == ({"label": "y", "segments": ["a", "b"]}, {"item": "i"})
    path = tmp_path / "train.csv"
    path.write_text("y,a,b\n1,x,z\n")
    assert build_inputs(path, label="y", segment=["a", "b"]).mapping == ColumnMapping(label="y", segments=["a", "b"])
    with pytest.raises(TypeError, match="segments"):
        build_inputs(path, segments=["a"])
