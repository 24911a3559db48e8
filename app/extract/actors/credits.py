"""Credits: bylines, "Reporting by ...; Editing by ...", photo credits. The people and outlets they name wrote,
edited or photographed the story; they are not actors in it, so their tokens are claimed before any pass reads
them."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from app.extract.lexicon import lexicon

# a line, or a parenthesised aside, that may be a credit ("(Reporting by A; Editing by B)")
CHUNK_RE = re.compile(r"(?m)^[^\S\n]*([^\n]+?)[^\S\n]*$|\(([^()\n]{3,300})\)")
BYLINE_MAX_WORDS = 8  # "By Anne Martin and Bo Lind": a short line opening with "By"


def _is_credit(chunk: str) -> bool:
    words = re.findall(r"[\w'’-]+|:", chunk.lower())
    if not words or words[0] not in lexicon().words.actors.credit_words:
        return False
    if words[0] == "by":
        return len(words) <= BYLINE_MAX_WORDS and chunk.lstrip()[:1].isupper()
    head = words[:4]
    return "by" in head or ":" in head


def credit_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the document's credit lines and credit asides."""
    out = []
    for m in CHUNK_RE.finditer(doc.text):
        group = 1 if m.group(1) is not None else 2
        if _is_credit(m.group(group)):
            span = doc.char_span(m.start(group), m.end(group), alignment_mode="expand")
            if span is not None:
                out.append((span.start, span.end))
    return out
