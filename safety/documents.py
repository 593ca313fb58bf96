"""Read a JSON or YAML document (an answers file, an assessment export) within the declared limits.

JSON is measured before it is parsed (`safety.nesting`): nesting deeper than the limit is refused
instead of exhausting the parser's recursion. YAML is read as a stream of events first, so an alias
(`*name`, which can expand exponentially: the "billion laughs") or deep nesting is refused before
any value is built; then it is loaded with the safe loader (no Python tags). JSON text is always
read as JSON (YAML would cap its keys at 1,024 characters).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from safety.limits import DOCUMENT, DocumentLimits, size
from safety.nesting import measure

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ten times faster


class DocumentError(ValueError):
    """The document is refused or unreadable; `str(error)` is a user-facing sentence without the file name."""


def load_document(raw: bytes | str, *, limits: DocumentLimits | None = None) -> Any:
    """Parse JSON or YAML text (JSON when it looks like JSON) within `limits`; raises `DocumentError`."""
    limits = limits or DOCUMENT
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if len(data) > limits.max_bytes:
        raise DocumentError(f"the file is {size(len(data))}, over the limit of {size(limits.max_bytes)}; answers "
                            "and exports are far smaller, so this is not one")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("the file is not UTF-8 text") from None
    if text.lstrip().startswith(("{", "[")):
        try:
            return load_json(text, limits=limits)
        except DocumentError as exc:
            if "not valid JSON" not in str(exc):
                raise
        # not JSON after all: YAML flow style starts with a bracket too
    return load_yaml(text, limits=limits)


def load_json(text: str, *, limits: DocumentLimits | None = None) -> Any:
    """Parse JSON after checking its nesting depth; raises `DocumentError`."""
    limits = limits or DOCUMENT
    depth = measure(text.encode("utf-8"), max_depth=limits.max_depth).depth
    if depth > limits.max_depth:
        raise DocumentError(_too_deep(depth, limits))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON: {exc}") from None
    except RecursionError:  # only when the limit is set above the interpreter's recursion limit
        raise DocumentError(_too_deep(limits.max_depth + 1, limits)) from None


def load_yaml(text: str, *, limits: DocumentLimits | None = None) -> Any:
    """Parse YAML after checking its events (aliases, depth, number of values); raises `DocumentError`."""
    limits = limits or DOCUMENT
    try:
        _check_events(text, limits)
        return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        raise DocumentError(f"not valid YAML: {_first_line(exc)}") from None
    except RecursionError:
        raise DocumentError(_too_deep(limits.max_depth + 1, limits)) from None


def _check_events(text: str, limits: DocumentLimits) -> None:
    depth = nodes = aliases = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > limits.max_aliases:
                raise DocumentError(
                    "uses YAML aliases (*name), which are not accepted here because they can expand without "
                    "bound; write the values out in full (the tool's own exports never use aliases)")
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > limits.max_nodes:
                raise DocumentError(f"holds more than {limits.max_nodes:,} values, over the limit; "
                                    "remove the parts that are not answers or revisions")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limits.max_depth:
                raise DocumentError(_too_deep(depth, limits))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _too_deep(depth: int, limits: DocumentLimits) -> str:
    return (f"values are nested {depth:,}+ levels deep, over the limit of {limits.max_depth} levels; "
            "answers and exports are only a few levels deep, so this file was not written by the tool")


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def read_document_file(path: Path, *, limits: DocumentLimits | None = None) -> Any:
    """Read and parse a JSON or YAML file within `limits` (size checked before reading); raises `DocumentError`."""
    limits = limits or DOCUMENT
    data = read_bounded(path, limits)
    if path.suffix.lower() == ".json":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError("the file is not UTF-8 text") from None
        return load_json(text, limits=limits)
    return load_document(data, limits=limits)


def read_bounded(path: Path, limits: DocumentLimits | None = None) -> bytes:
    """The bytes of a regular file of at most `limits.max_bytes` (never more is read); raises `DocumentError`."""
    limits = limits or DOCUMENT
    if not path.exists():
        raise DocumentError("file not found")
    if path.is_dir():
        raise DocumentError("is a folder, not a file")
    if not path.is_file():
        raise DocumentError("is not a regular file (a device, a pipe or a socket); save it to a file first")
    with path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise DocumentError(f"the file is over the limit of {size(limits.max_bytes)}; answers and exports are "
                            "far smaller, so this is not one")
    return data
