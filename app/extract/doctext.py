"""The text of a parsed document, read once: spaCy's Doc.text joins every token on each access (O(tokens)).

Extractors that slice the text per candidate (dates, event evidence, statement lines) should call
`doc_text(doc)` instead of `doc.text`; the value is cached in `doc.user_data`.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = ("eventkb", "text")


def doc_text(doc: Doc) -> str:
    """doc.text, computed once per document."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
