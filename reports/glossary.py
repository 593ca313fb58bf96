"""The glossary: technical terms the report explains in its appendix and keeps off its first pages."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")


@lru_cache(maxsize=1)
def glossary() -> dict[str, str]:
    """Term -> plain definition, sorted by term."""
    data = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return {k: " ".join(str(v).split()) for k, v in sorted(data.items(), key=lambda kv: kv[0].lower())}


def _pattern(term: str) -> re.Pattern[str]:
    """A whole-word, any-case pattern; a space in the term also matches a hyphen ("domain-classifier")."""
    body = r"[\s-]".join(re.escape(word) for word in term.split(" "))
    return re.compile(rf"(?<![\w-]){body}(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {term: _pattern(term) for term in glossary()}


def terms_in(*texts: str) -> list[str]:
    """The glossary terms that occur in any of `texts` (whole words, any case), in glossary order."""
    joined = "\n".join(t for t in texts if t)
    return [term for term, pattern in _patterns().items() if pattern.search(joined)]
