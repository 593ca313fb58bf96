"""One module per check; importing this package registers them all (order = report order)."""
# ruff: noqa: I001  (keep this order: it is the order of the checks in every report)

from checks.library import (  # noqa: F401
    drift,
    segment_shares,
    domain_classifier,
    rare_classes,
    thin_segments,
    production_support,
    outliers,
    text_length,
    edge_tags,
    label_conflicts,
    annotation_agreement,
    class_volume,
    duplicates,
    missing_values,
    constant_columns,
    mixed_types,
    leakage,
    learning_curve,
    data_age,
    time_coverage,
    temporal_drift,
    label_shares_time,
)
