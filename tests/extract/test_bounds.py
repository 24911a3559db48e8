"""Token and sentence bounds (app/extract/bounds.py): hand-built texts and Docs, no model where it is not the point."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from app.extract.bounds import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_SENTENCE_TOKENS,
    MAX_TOKEN_CHARS,
    BoundedTokenizer,
    bounded_sentences,
    count_tokens,
    on_calendar,
)
from app.extract.temporal.resolve import UNKNOWN, Resolution


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_a_text_without_long_runs_is_tokenized_by_the_model_tokenizer_unchanged(blank):
    text = "The U.S. envoy didn't say (much) about the talks -- http://example.org/a/b?c=d, he said.\n\nThen: 'no'."
    bounded = BoundedTokenizer(blank.tokenizer)(text)
    plain = blank.tokenizer(text)
    assert [(t.text, t.whitespace_, t.norm_) for t in bounded] == [(t.text, t.whitespace_, t.norm_) for t in plain]


@pytest.mark.parametrize("run", ["x" * 1000, '"([' * 400, "a-b" * 500, "😀" * 300])
def test_a_long_whitespace_free_run_is_cut_into_bounded_tokens_and_the_text_is_kept(blank, run):
    text = f"Before it {run} and after it."
    doc = BoundedTokenizer(blank.tokenizer)(text)
    assert doc.text == text  # offsets still point into the stored text
    assert max(len(t.text) for t in doc) <= MAX_TOKEN_CHARS
    assert [t.text for t in doc[:2]] == ["Before", "it"] and [t.text for t in doc[-4:]] == ["and", "after", "it", "."]
    assert "".join(t.text_with_ws for t in doc[2:-4]).strip() == run


def _doc(blank, words: list[str], starts: dict[int, bool] | None = None) -> Doc:
    doc = Doc(blank.vocab, words=words)
    for i, value in (starts or {}).items():
        doc[i].is_sent_start = value
    return doc


def _lengths(doc: Doc) -> list[int]:
    starts = [t.i for t in doc if t.i == 0 or t.is_sent_start] + [len(doc)]
    return [b - a for a, b in itertools.pairwise(starts)]


def test_a_stretch_without_sentence_end_is_cut_at_its_last_soft_break(blank):
    words = [w for n in range(100) for w in ("word", "word", "word", "word", ",")][:450]
    doc = bounded_sentences(_doc(blank, words))
    lengths = _lengths(doc)
    assert max(lengths) <= MAX_SENTENCE_TOKENS and sum(lengths) == 450
    cuts = [t.i for t in doc if t.i and t.is_sent_start]
    assert cuts and all(doc[i - 1].text == "," for i in cuts)  # every cut right after a comma


def test_without_any_break_the_cut_falls_at_the_bound(blank):
    doc = bounded_sentences(_doc(blank, ["word"] * 1000))
    assert _lengths(doc) == [MAX_SENTENCE_TOKENS] * 5


def test_sentences_that_end_in_punctuation_or_start_on_a_new_line_are_left_to_the_parser(blank):
    words = (["word"] * 150 + ["."]) * 4 + ["word"] * 150 + ["\n"] + ["word"] * 150
    doc = _doc(blank, words, {len(words) - 150: True})
    bounded_sentences(doc)
    assert [t.i for t in doc if t.i and t.is_sent_start] == [len(words) - 150]  # only the preset start


def test_count_tokens_counts_words_and_punctuation_and_long_words_by_the_token_bound():
    assert count_tokens("The envoy didn't say (much).") == 10  # didn ' t
    assert count_tokens("x" * (MAX_TOKEN_CHARS * 10)) == 10
    assert count_tokens('"([' * 100) == 300
    assert count_tokens(" \n\u200b ") == 1  # a zero-width space is not whitespace to the regex either


def test_on_calendar_keeps_dates_inside_the_bounds_and_turns_overflow_into_unknown():
    inside = Resolution(date(2024, 4, 29), date(2024, 4, 29), "day", "publication")
    assert on_calendar(lambda: inside, UNKNOWN) is inside
    assert on_calendar(lambda: date(1, 1, 1).replace(year=0), UNKNOWN) is UNKNOWN  # ValueError: year 0
    assert on_calendar(lambda: Resolution(date(5, 1, 1), date(5, 12, 31), "year", "publication"), UNKNOWN) is UNKNOWN
    edge = Resolution(EARLIEST_DATE, LATEST_DATE, "year", "absolute")
    assert on_calendar(lambda: edge, UNKNOWN) is edge
