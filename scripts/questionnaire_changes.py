"""List the questions added, changed and removed by area between two questionnaire versions.

Usage: python scripts/questionnaire_changes.py [OLD_REF] [NEW_REF]

OLD_REF defaults to the last commit whose questionnaire.yaml still said 2026.11.1; NEW_REF defaults to
the working tree. Both sides are read from the YAML files (area files and `additions/` placements), so
the list is built from git history, never typed by hand. Renamed and removed ids come from
`questionnaire/migrations.yaml`. Prints Markdown.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = "questionnaire"


def _read(ref: str | None, path: str) -> Any:
    if ref is None:
        return yaml.safe_load((ROOT / path).read_text())
    shown = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True, text=True, check=True)
    return yaml.safe_load(shown.stdout)


def load(ref: str | None) -> tuple[str, dict[str, tuple[str, dict[str, Any]]]]:
    """The version and {question id: (area title, raw question)} at `ref` (None: the working tree)."""
    top = _read(ref, f"{DATA}/questionnaire.yaml")
    areas: dict[str, dict[str, Any]] = {}
    for name in top["areas"]:
        area = _read(ref, f"{DATA}/areas/{name}")
        areas[area["id"]] = area
    for name in top.get("additions", []):
        for block in _read(ref, f"{DATA}/additions/{name}")["placements"]:
            areas[block["area"]]["questions"].extend(block["questions"])
    questions = {q["id"]: (a["title"], q) for a in areas.values() for q in a["questions"]}
    return top["version"], questions


def last_commit_of_version(version: str) -> str:
    """The last commit whose questionnaire.yaml still declared `version`: the parent of the commit that bumped it."""
    git = ["git", "log", "--format=%H", "--", f"{DATA}/questionnaire.yaml"]
    for commit in subprocess.run(git, cwd=ROOT, capture_output=True, text=True, check=True).stdout.split():
        if _read(commit, f"{DATA}/questionnaire.yaml")["version"] == version:
            continue
        try:
            before = _read(f"{commit}^", f"{DATA}/questionnaire.yaml")["version"]
        except subprocess.CalledProcessError:
            continue
        if before == version:
            return f"{commit}^"
    raise SystemExit(f"no commit replaced questionnaire version {version}")


def _options(q: dict[str, Any]) -> dict[str, Any]:
    return {o["value"]: (o.get("label"), o.get("risk", 0)) for o in q.get("options", [])}


def _bands(q: dict[str, Any]) -> list[Any]:
    return [(b.get("gte"), b.get("lt"), b.get("risk", 0)) for b in q.get("bands", [])]


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two versions of one question, in words."""
    said = []
    if old.get("text") != new.get("text"):
        said.append("reworded")
    if old.get("type") != new.get("type"):
        said.append(f"type {old.get('type')} → {new.get('type')}")
    before, after = _options(old), _options(new)
    if set(after) - set(before):
        said.append("options added: " + ", ".join(sorted(set(after) - set(before))))
    if set(before) - set(after):
        said.append("options removed: " + ", ".join(sorted(set(before) - set(after))))
    relabeled = [v for v in set(before) & set(after) if before[v][0] != after[v][0]]
    if relabeled:
        said.append("options reworded: " + ", ".join(sorted(relabeled)))
    rerisked = [f"{v} {before[v][1]} → {after[v][1]}" for v in sorted(set(before) & set(after))
                if before[v][1] != after[v][1]]
    if rerisked:
        said.append("risk " + ", ".join(rerisked))
    if _bands(old) != _bands(new):
        said.append("bands changed")
    if old.get("show_if") != new.get("show_if"):
        said.append("now conditional" if old.get("show_if") is None else "condition changed")
    if old.get("aggregate", "max") != new.get("aggregate", "max"):
        said.append(f"aggregate {old.get('aggregate', 'max')} → {new.get('aggregate', 'max')}")
    choices_old = [*old.get("options", []), *old.get("bands", [])]
    choices_new = [*new.get("options", []), *new.get("bands", [])]
    for label, keys in (("findings reworded", ("finding", "why")), ("advice reworded", ("action", "how", "variants"))):
        if [{k: c.get(k) for k in keys} for c in choices_old] != [{k: c.get(k) for k in keys} for c in choices_new]:
            if not any(part.startswith(("options", "bands")) for part in said):
                said.append(label)
    if old.get("unknown") != new.get("unknown"):
        said.append("\"don't know yet\" default " + ("added" if old.get("unknown") is None else "reworded"))
    if old.get("help") != new.get("help"):
        said.append("help reworded")
    return said


def main(argv: list[str]) -> None:
    old_ref = argv[0] if argv else last_commit_of_version("2026.11.1")
    new_ref = argv[1] if len(argv) > 1 else None
    old_version, old = load(old_ref)
    new_version, new = load(new_ref)
    steps = _read(new_ref, f"{DATA}/migrations.yaml")["steps"]
    renamed = {k: v for s in steps for k, v in s.get("renamed", {}).items()}
    removed = {q for s in steps for q in s.get("removed", [])}
    by_area: dict[str, dict[str, list[str]]] = {}

    def note(area: str, kind: str, line: str) -> None:
        by_area.setdefault(area, {"added": [], "changed": [], "removed": []})[kind].append(line)

    for qid, (area, q) in new.items():
        origin = next((o for o, n in renamed.items() if n == qid), qid)
        if origin not in old:
            note(area, "added", f"`{qid}` ({q['type']}) {q['topic']}")
        else:
            said = changes(old[origin][1], q)
            if origin != qid:
                said.insert(0, f"renamed from `{origin}`")
            if said:
                note(area, "changed", f"`{qid}`: " + "; ".join(said))
    for qid, (area, q) in old.items():
        if qid not in new and qid not in renamed:
            why = "listed as removed in migrations.yaml" if qid in removed else "NOT MAPPED in migrations.yaml"
            note(area, "removed", f"`{qid}` {q['topic']} ({why})")
    print(f"# Questionnaire {old_version} → {new_version}\n")
    total = {k: sum(len(v[k]) for v in by_area.values()) for k in ("added", "changed", "removed")}
    print(f"{len(old)} → {len(new)} questions: {total['added']} added, {total['changed']} changed, "
          f"{total['removed']} removed.\n")
    for area, kinds in by_area.items():
        print(f"## {area}\n")
        for kind in ("added", "changed", "removed"):
            if kinds[kind]:
                print(f"**{kind.capitalize()} ({len(kinds[kind])})**\n")
                print("\n".join(f"- {line}" for line in kinds[kind]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
