"""Extraction through the real model, each text extracted once per test module."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.extract.pipeline import extract
from app.extract.types import ExtractedDocument


def caching_extractor(nlp, published: date) -> Callable[[str], ExtractedDocument]:
    """A function from text to its extraction (published on `published`), remembering each text's result."""
    cache: dict[str, ExtractedDocument] = {}

    def run(text: str) -> ExtractedDocument:
        if text not in cache:
            cache[text] = extract(text, published=published, nlp=nlp)
        return cache[text]

    return run
