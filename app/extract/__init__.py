"""Pure extraction: article text and metadata in, `ExtractedDocument` dataclasses out. No database here."""

from app.extract.pipeline import EXTRACTOR_VERSION, extract, extract_many, get_nlp

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many", "get_nlp"]
