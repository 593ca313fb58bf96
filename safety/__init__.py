"""Guards against hostile or careless input: declared limits, bounded JSON/YAML parsing, limited child processes.

`limits.yaml` declares every bound once; `safety.limits` holds them typed. `documents` parses
JSON and YAML within those bounds; `sandbox` runs a parser in a child process under address-space and
CPU limits. Plain Python, imports nothing else of ours.
"""
