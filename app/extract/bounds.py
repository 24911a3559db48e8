"""Bounds on the work one article can cost: token length, sentence length and the size of a text.

Whatever its shape, a text costs time near-linear in its length:
- no token is longer than MAX_TOKEN_CHARS: spaCy's tokenizer searches for suffixes by scanning the rest of a
  whitespace-free run once per split, so a long run of punctuation costs its length squared;
- no sentence is longer than MAX_SENTENCE_TOKENS: the extractors walk a sentence (and its subtrees) per
  mention, so one giant sentence costs its length squared;
- a text of more than EVENTKB_MAX_DOCUMENT_TOKENS words and punctuation marks (counted by `count_tokens`) is
  refused before anything parses it.
Ordinary articles never reach these bounds, so their tokens and sentences are the model's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

MAX_TOKEN_CHARS = 100
MAX_SENTENCE_TOKENS = 200

_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")
_TOKEN = re.compile(rf"\w{{1,{MAX_TOKEN_CHARS}}}|[^\w\s]")
# a sentence most likely ends after these; a stretch without any is cut at the last soft break
_FINAL = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_SOFT_BREAKS = frozenset({",", ";", ":", "-", "–", "—", "(", ")", "[", "]", '"', "“", "”", "'", "and", "or", "but"})


def count_tokens(text: str) -> int:
    """Words and punctuation marks the parser would see (a long word counts once per MAX_TOKEN_CHARS)."""
    return sum(1 for _ in _TOKEN.finditer(text))


class BoundedTokenizer:
    """The model's tokenizer, except that a whitespace-free run longer than MAX_TOKEN_CHARS is tokenized in
    pieces of that length, so the tokenizer's suffix search never scans more than MAX_TOKEN_CHARS characters.

    The Doc's text is the input text unchanged (pieces are joined without whitespace), so offsets still point
    into the stored text. A text without such a run goes through the model's tokenizer untouched.
    """

    def __init__(self, inner: Tokenizer) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        if _LONG_RUN.search(text) is None:
            return self.inner(text)
        docs, at = [], 0
        for run in _LONG_RUN.finditer(text):
            if run.start() > at:
                docs.append(self.inner(text[at:run.start()]))
            docs.extend(self.inner(text[i:min(i + MAX_TOKEN_CHARS, run.end())])
                        for i in range(run.start(), run.end(), MAX_TOKEN_CHARS))
            at = run.end()
        if at < len(text):
            docs.append(self.inner(text[at:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:  # spaCy's Tokenizer.pipe
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # everything else (vocab, rules, to_bytes, ...) is the model's tokenizer; "inner" itself must not
        # recurse while an unpickled instance has no attributes yet
        if name == "inner" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.inner, name)


@Language.component("bounded_sentences")
def bounded_sentences(doc: Doc) -> Doc:
    """Start a sentence wherever MAX_SENTENCE_TOKENS tokens pass without sentence-final punctuation or a line
    break (run before the parser, which keeps preset starts): at the last comma, dash, bracket, quote or
    conjunction of the stretch's second half, else right there."""
    run, soft = 0, -1
    for tok in doc:
        if tok.i == 0 or tok.is_sent_start or doc[tok.i - 1].text in _FINAL:
            run, soft = 0, -1
        run += 1
        if run > MAX_SENTENCE_TOKENS:
            cut = soft if soft > tok.i - MAX_SENTENCE_TOKENS // 2 else tok.i
            doc[cut].is_sent_start = True
            run, soft = tok.i - cut + 1, -1
        if tok.lower_ in _SOFT_BREAKS and tok.i + 1 < len(doc):
            soft = tok.i + 1
    return doc


def bound_pipeline(nlp: Language) -> Language:
    """Put the token and sentence bounds into a loaded pipeline (before its parser)."""
    if not isinstance(nlp.tokenizer, BoundedTokenizer):
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "bounded_sentences" not in nlp.pipe_names:
        nlp.add_pipe("bounded_sentences", before="parser")
    return nlp


# Dates the extractor gives out stay this far inside the calendar, so that what is counted from them later
# (days between events, dates derived across sources: at most a few years) never leaves date's range.
EARLIEST_DATE, LATEST_DATE = date(100, 1, 1), date(9899, 12, 31)
_R = TypeVar("_R")


def on_calendar(read: Callable[[], _R], unknown: _R) -> _R:
    """`read()` (a date resolution), or `unknown` when it counts past the calendar's range or lands near its ends."""
    try:
        found = read()
    except (OverflowError, ValueError):  # date arithmetic beyond year 1 or 9999
        return unknown
    for day in (getattr(found, "date_start", None), getattr(found, "date_end", None)):
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            return unknown
    return found
