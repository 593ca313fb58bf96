"""Measure JSON text without parsing it: how deeply it nests, its longest line, its top-level items.

Parsers recurse once per nesting level; the one inside pyarrow crashes the whole process (a
segmentation fault) on a line nested some 20,000 levels deep, and Python's raises RecursionError.
`measure()` reads the bytes with numpy, a few megabytes at a time, so the depth is known before
any parser sees the text: brackets inside strings (and escaped quotes) are skipped, and in JSON
Lines mode every line starts again at depth 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

CHUNK_BYTES = 4 * 1024 * 1024
_QUOTE, _BACKSLASH, _NEWLINE = 34, 92, 10
_OPEN = (123, 91)  # { [
_CLOSE = (125, 93)  # } ]


@dataclass
class Nesting:
    """What `measure` found; it stops early once `max_depth` is exceeded (`depth` is then a lower bound)."""

    depth: int = 0  # the deepest nesting seen (1 for a flat object)
    longest_line: int = 0  # bytes in the longest line
    items: int = 0  # objects or arrays directly inside a top-level array (the records of a JSON array)


def measure(data: bytes | memoryview, *, lines: bool = False, max_depth: int | None = None) -> Nesting:
    """Nesting depth, longest line and top-level array items of JSON (`lines=True`: JSON Lines)."""
    view = np.frombuffer(data, dtype=np.uint8)
    result = Nesting()
    depth = in_string = 0  # carried from one chunk to the next
    line_start = 0  # offset of the current line's first byte
    start = 0
    while start < len(view):
        stop = _boundary(view, start + CHUNK_BYTES)
        # only the bytes that matter are looked at: quotes, backslashes, brackets and newlines
        offsets = np.flatnonzero(_SPECIAL[view[start:stop]])
        chars = view[start:stop][offsets]
        newline = chars == _NEWLINE
        backslash = chars == _BACKSLASH
        after_backslash = np.zeros(len(chars), dtype=bool)
        after_backslash[1:] = backslash[:-1] & (np.diff(offsets) == 1)
        run_start = np.where(backslash & ~after_backslash, np.arange(len(chars)), 0)
        np.maximum.accumulate(run_start, out=run_start)
        run_length = np.where(backslash, np.arange(len(chars)) - run_start + 1, 0)
        escaped = np.zeros(len(chars), dtype=bool)
        escaped[1:] = after_backslash[1:] & (run_length[:-1] % 2 == 1)
        quote = (chars == _QUOTE) & ~escaped
        quotes = _running(quote.astype(np.int64), newline if lines else None, in_string)
        outside = quotes % 2 == 0
        step = (_OPENING[chars] & outside).astype(np.int64) - (_CLOSING[chars] & outside)
        depths = _running(step, newline if lines else None, depth)
        if len(chars):
            result.depth = max(result.depth, int(depths.max()))
            result.items += int(np.count_nonzero((step == 1) & (depths == 2)))
            depth, in_string = int(depths[-1]), int(quotes[-1] % 2)
        ends = offsets[newline] + start
        if len(ends):
            result.longest_line = max(result.longest_line, int(ends[0]) - line_start,
                                      int(np.diff(ends).max(initial=1)) - 1)
            line_start = int(ends[-1]) + 1
        if max_depth is not None and result.depth > max_depth:
            return result
        start = stop
    result.longest_line = max(result.longest_line, len(view) - line_start)
    return result


def _boundary(view: np.ndarray, stop: int) -> int:
    """`stop`, moved past any backslashes there, so no run of backslashes is cut between two chunks."""
    while stop < len(view) and view[stop - 1] == _BACKSLASH:
        stop += 1
    return min(stop, len(view))


def _table(*codes: int) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(codes)] = True
    return table


_SPECIAL = _table(_QUOTE, _BACKSLASH, _NEWLINE, *_OPEN, *_CLOSE)
_OPENING = _table(*_OPEN)
_CLOSING = _table(*_CLOSE)


def _running(step: np.ndarray, resets: np.ndarray | None, carry: int) -> np.ndarray:
    """Cumulative sum of `step` starting from `carry`, restarting from 0 after every `resets` position."""
    total = np.cumsum(step)
    total += carry
    if resets is None or not resets.any():
        return total
    at_reset = np.where(resets, np.arange(len(step)), 0)
    np.maximum.accumulate(at_reset, out=at_reset)
    base = total[at_reset]
    base[: int(np.argmax(resets))] = 0  # before the chunk's first reset the carry stands
    return total - base
