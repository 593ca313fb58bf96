"""Owner roles: one vocabulary for every action, read from `roles.yaml`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

ROLES_FILE = Path(__file__).with_name("roles.yaml")


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str]]:
    data = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))
    return dict(data["roles"]), dict(data.get("aliases") or {})


def roles() -> dict[str, str]:
    """Role name -> what the role owns, in the order the file lists them."""
    return dict(_vocabulary()[0])


def canonical_role(name: str) -> str:
    """The vocabulary's name for `name` (an alias is mapped; an unknown name is kept as written)."""
    known, aliases = _vocabulary()
    if name in known:
        return name
    return aliases.get(name, name)


def is_known_role(name: str) -> bool:
    known, aliases = _vocabulary()
    return name in known or name in aliases
