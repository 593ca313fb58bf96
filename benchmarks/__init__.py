"""Reproducible performance runs on generated data.

- `benchmarks.datagen`: the deterministic data generator (also used by the tests);
- `benchmarks.generate`: writes the size ladder (10k / 100k / 1M / 10M training rows) as Parquet to
  `benchmarks/data/` (gitignored), the 10M file in chunks so it never sits in memory whole;
- `benchmarks.run` (`make bench`): times `readiness check` and `readiness report` end to end as child
  processes and prints a markdown table.
"""
