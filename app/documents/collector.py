"""The garbage collector's settings for one bulk ingest, a long run of short-lived allocations over reference
data that lives as long as the process.

CPython's cyclic collector traverses every tracked object of a generation it collects. The writer holds the
gazetteer (about 250,000 tracked objects) and its caches for the whole run, and each full collection traversed
them all again: at 9,000 documents, three full collections per 400 documents took 1.4 s, besides the cache misses
the traversals cost the writer's own work. The run's reference data, once loaded, is moved out of the
collector's generations (`gc.freeze`), and the youngest generation is collected every 10,000 allocations instead
of 700: a document's rows and views are garbage within the document, mostly freed by reference counting, and
what is cyclic waits a little longer. Both are undone when the run ends, so a process that goes on (the test
suite, `eventkb evaluate`) is left as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 10_000  # allocations between collections of the youngest generation (CPython's default: 700)


@contextmanager
def long_run() -> Iterator[Callable[[], None]]:
    """Raise the youngest generation's threshold for the block; yields `settle`, to call once what the run keeps
    to its end is loaded: it is frozen out of later collections (once; later calls do nothing)."""
    threshold = gc.get_threshold()
    frozen_before = gc.get_freeze_count()
    settled = False

    def settle() -> None:
        nonlocal settled
        if not settled:
            gc.collect()  # garbage left by loading is not frozen with what stays
            gc.freeze()
            settled = True

    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        yield settle
    finally:
        gc.set_threshold(*threshold)
        if settled and frozen_before == 0:
            gc.unfreeze()  # back to the oldest generation, collected as before
