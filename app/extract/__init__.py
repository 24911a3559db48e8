"""Pure extraction: article text and metadata in, `ExtractedDocument` dataclasses out. No database here.

`import app.extract` stays cheap: it does not import spaCy. The pipeline names below are loaded on first
attribute access (PEP 562), so code that only needs the dataclasses (`app.extract.types`) or the version
pays nothing for the model.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from app.extract.pipeline import EXTRACTOR_VERSION, extract, extract_many, get_nlp

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many", "get_nlp"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(import_module("app.extract.pipeline"), name)
    raise AttributeError(f"module 'app.extract' has no attribute {name!r}")
