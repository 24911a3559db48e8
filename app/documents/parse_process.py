"""The parse process of a pipelined ingest: what it runs, and how the writer starts it.

Kept apart from app.documents.bulk on purpose: a spawned process imports the module of every function it is
handed, and bulk's imports (SQLAlchemy, SQLModel, the models and services) cost the parse process ~0.6 s of CPU
and nothing it uses. This module imports only the standard library; the extractor is imported in the parse
process when the model is loaded.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.extract.types import ExtractedDocument

log = logging.getLogger("eventkb.ingest")

# An invented article extracted once after the model loads: the extractors' modules, their reference data
# (GeoNames cities, first read when a text names a place) and their caches are then ready before the first batch.
WARM_UP_TEXT = ("BERGEN, Norway - The mayor of Bergen met Elena Varga, the foreign minister of Chile, on Monday, "
                'officials said.\n\n"We agreed to talk again in May," Varga told reporters after the meeting.')


def extract_each(texts: list[tuple[str, date | None]], batch_size: int,
                 n_process: int = 1) -> list[ExtractedDocument | str]:
    """Extract a batch; when it fails, each document alone: one that fails gives its reason (a string) in its
    place and the others are stored."""
    from app.extract import extract, extract_many

    try:
        return list(extract_many(texts, batch_size=batch_size, n_process=n_process))
    except Exception as exc:  # the reason is reported per document below; no traceback on the console
        log.warning("a batch failed to extract (%s); extracting its documents one by one", exc)
    out: list[ExtractedDocument | str] = []
    for text, published in texts:
        try:
            out.append(extract(text, published=published))
        except Exception as exc:
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


def extract_batch(texts: list[tuple[str, date | None]], batch_size: int) -> list[ExtractedDocument | str]:
    """Parse and extract one batch in the parse process."""
    return extract_each(texts, batch_size)


def load_model() -> None:
    """Parse process: load the pipeline and warm the extractors now, while the writer starts up, not when the
    first batch arrives."""
    from app.extract import extract, get_nlp

    get_nlp()
    extract(WARM_UP_TEXT, published=date(2024, 5, 6))


def exit_with_parent(parent_pid: int) -> None:
    """Parse-process initializer: exit when the writer dies (kill -9 gives the child no other signal)."""
    import threading

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="exit-with-parent").start()


class ParseProcess:
    """One spawned process that parses and extracts batches for the writer.

    Started when constructed and told to load the model at once, so its start-up (interpreter, spaCy, the
    model, the warm-up) overlaps whatever the writer does next: `eventkb ingest` and the benchmark start it
    before they open the database. spawn, not fork: a forked child would hold the parent's pipe ends and
    outlive a killed parent.
    """

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=exit_with_parent, initargs=(os.getpid(),))
        self.pool.submit(load_model)

    def submit(self, fn: Any, *args: Any) -> Future:
        return self.pool.submit(fn, *args)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)

    def __enter__(self) -> ParseProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
