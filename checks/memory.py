"""How the checks allocate memory: many short-lived arrays of a few to a few hundred megabytes.

A million-row run allocates and frees gigabytes in total. Two defaults make each fresh allocation
expensive on Linux, where the kernel zeroes every page on first touch:

- numpy asks for transparent huge pages on large arrays (`madvise`); a fault then zeroes 2 MB at once,
  and on a busy or fragmented machine the kernel spends more time finding and clearing huge pages
  than the checks spend computing (measured: 3-9 s of system time in a 1M-row run);
- Arrow's default allocator (mimalloc) hands freed memory back to the kernel quickly, so the next
  column's buffers fault in again.

`tune()` turns numpy's huge-page advice off and gives Arrow its jemalloc pool (which keeps freed
pages for reuse, bounded by its decay time) when the installed pyarrow has it. Results do not
change; only where the bytes live. `READINESS_KEEP_ALLOCATORS=1` leaves both defaults alone.
"""

from __future__ import annotations

import os


def tune() -> None:
    """Apply the allocation settings above to this process (idempotent, safe to call at import)."""
    if os.environ.get("READINESS_KEEP_ALLOCATORS") == "1":
        return
    import pyarrow as pa

    try:
        from numpy._core.multiarray import _set_madvise_hugepage  # type: ignore[attr-defined]

        _set_madvise_hugepage(False)
    except ImportError:  # a numpy without the switch: nothing to turn off
        pass
    if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:  # a pool chosen by the user wins
        try:
            pa.set_memory_pool(pa.jemalloc_memory_pool())
        except NotImplementedError:  # pyarrow built without jemalloc
            pass
