"""What the data shows: file loading, column mapping, the check registry and one module per check.

Entry points: `load_table` (one file), `build_inputs` (files + mapping -> `CheckInputs`),
`run_checks` (every registered check -> `CheckReport`), `check_run.CheckRun` (a report and what was
checked, as saved and exchanged) and `checks.agreement.compute_agreement`.
"""

from checks.memory import tune

tune()
