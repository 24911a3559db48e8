"""Adversarial shapes finish within the bounds: what the parser is given and what extraction returns, not time.

A probe at the end of a real pipeline records every Doc extraction parses: no Doc longer than a segment, no
sentence longer than MAX_SENTENCE_TOKENS, no token longer than MAX_TOKEN_CHARS, and every character parsed
exactly once. Timings for the same shapes at 64 KB and 1 MB are in bench/adversarial.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from app.extract import extract
from app.extract.bounds import MAX_SENTENCE_TOKENS, MAX_TOKEN_CHARS, count_tokens
from app.extract.pipeline import body_end, build_nlp
from app.extract.segments import SEGMENT_CHARS, SEGMENT_TOKENS, split_segments
from app.extract.types import ExtractedDocument
from tests.support.shapes import giant_sentence, giant_token, mentions, nesting

pytestmark = pytest.mark.slow
PARSED: list[dict] = []


@Language.component("test_parse_probe")
def _probe(doc: Doc) -> Doc:
    PARSED.append({"chars": len(doc.text), "tokens": len(doc), "sentences": len(list(doc.sents)),
                   "longest_sentence": max(len(s) for s in doc.sents),
                   "longest_token": max(len(t.text) for t in doc)})
    return doc


@pytest.fixture(scope="module")
def probed_nlp():
    nlp = build_nlp()
    nlp.add_pipe("test_parse_probe", last=True)
    return nlp


def run(nlp, text: str) -> tuple[ExtractedDocument, list[dict]]:
    PARSED.clear()
    result = extract(text, published=date(2024, 5, 1), nlp=nlp)
    parsed = list(PARSED)
    body = body_end(text)
    assert sum(p["chars"] for p in parsed) == body  # every character parsed once, nothing dropped
    assert len(parsed) == len(split_segments(text[:body]))
    assert all(p["chars"] <= SEGMENT_CHARS and p["tokens"] <= 1.1 * SEGMENT_TOKENS + 10 for p in parsed)
    assert max(p["longest_sentence"] for p in parsed) <= MAX_SENTENCE_TOKENS
    assert max(p["longest_token"] for p in parsed) <= MAX_TOKEN_CHARS
    # the parser sees about as many tokens as the budget counts (count_tokens), whatever the shape
    assert sum(p["tokens"] for p in parsed) <= 1.1 * count_tokens(text[:body]) + 10 * len(parsed)
    for actor in result.actors:  # offsets still point into the whole text
        assert all(text[m.start:m.end] == m.text for m in actor.mentions)
    for st in result.statements:
        assert text[st.evidence.start:st.evidence.end] == st.evidence.text
    return result, parsed


def test_one_giant_hyphenated_sentence(probed_nlp):
    text = giant_sentence(120_000)
    result, parsed = run(probed_nlp, text)
    assert len(parsed) >= 4  # 44,000 tokens in segments of at most 12,000
    assert sum(p["sentences"] for p in parsed) >= len(text) // 5 // MAX_SENTENCE_TOKENS  # cut, not one sentence
    # the names in it are still found, once each however many segments they occur in
    names = [a.name for a in result.actors]
    assert len(names) == len(set(names)) and {"France", "Germany"} <= set(names)


def test_one_giant_token(probed_nlp):
    text = giant_token(1_000_000)
    result, parsed = run(probed_nlp, text)
    assert len(parsed) == 20
    assert sum(p["tokens"] for p in parsed) <= len(text) // MAX_TOKEN_CHARS + 40


def test_ten_thousand_short_sentences(probed_nlp):
    cycle = ["Anna Keller left.", "It ended.", "He said so."]
    text = " ".join(cycle[i % 3] for i in range(10_000))
    result, parsed = run(probed_nlp, text)
    assert len(parsed) >= 3
    assert sum(p["sentences"] for p in parsed) >= 10_000  # the bound never merges sentences
    keller = [a for a in result.actors if a.name == "Anna Keller"]
    assert len(keller) == 1 and len([m for m in keller[0].mentions if m.text == "Anna Keller"]) == 3334


def test_deep_nesting_of_quotes_and_brackets(probed_nlp):
    text = nesting(18_000)
    assert text.count('"([') == 2995
    result, parsed = run(probed_nlp, text)
    assert len(parsed) == 2 and sum(p["tokens"] for p in parsed) >= 6 * 2995  # 18,000 tokens: two segments


def test_a_sentence_that_is_only_a_list_of_names_and_pronouns(probed_nlp):
    text = mentions(60_000)
    result, parsed = run(probed_nlp, text)
    assert len(parsed) == 2
    names = {a.name for a in result.actors}
    assert {"Anna Keller", "Pierre Moreau"} <= names
