"""Long texts in segments (app/extract/segments.py): where they are cut, how results merge, the parse lock, stopping."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import date

import pytest

from app.extract.bounds import count_tokens
from app.extract.segments import (
    SEGMENT_CHARS,
    SEGMENT_TOKENS,
    ExtractionStopped,
    FairLock,
    clear_stop,
    merge_segments,
    one_segment,
    request_stop,
    split_segments,
)
from app.extract.types import (
    ExtractedActor,
    ExtractedDocument,
    ExtractedEvent,
    ExtractedStatement,
    Participant,
    Span,
    TimeExpression,
)


def _covers(body: str, ranges: list[tuple[int, int]], limit: int) -> None:
    assert ranges[0][0] == 0 and ranges[-1][1] == len(body)
    assert all(a < b and b - a <= limit for a, b in ranges)
    assert all(prev[1] == nxt[0] for prev, nxt in itertools.pairwise(ranges))


def test_an_ordinary_article_is_one_segment():
    body = "The envoy met the minister on Monday.\n\n" * 500
    assert len(body) < SEGMENT_CHARS and split_segments(body) == [(0, len(body))]


def test_segments_end_at_paragraph_breaks_when_there_are_any():
    body = "\n\n".join(f"Paragraph {n} says that the talks went on. And on." for n in range(60))
    ranges = split_segments(body, limit=500)
    _covers(body, ranges, 500)
    assert all(body[b - 2:b] == "\n\n" for _, b in ranges[:-1])


def test_without_paragraphs_segments_end_after_a_sentence_then_at_whitespace_then_anywhere():
    sentences = "The talks went on for a while. " * 100
    ranges = split_segments(sentences, limit=500)
    _covers(sentences, ranges, 500)
    assert all(sentences[b - 2:b] == ". " for _, b in ranges[:-1])
    words = "word " * 300
    ranges = split_segments(words, limit=500)
    _covers(words, ranges, 500)
    assert all(words[b - 1] == " " for _, b in ranges[:-1])
    run = "x" * 1234
    assert split_segments(run, limit=500) == [(0, 500), (500, 1000), (1000, 1234)]


def test_a_dense_text_is_cut_by_tokens_before_it_reaches_the_character_limit():
    body = '"([' * 10_000  # 30,000 characters, each a token
    ranges = split_segments(body)
    _covers(body, ranges, SEGMENT_CHARS)
    assert len(ranges) == 3 and all(count_tokens(body[a:b]) <= SEGMENT_TOKENS for a, b in ranges)
    assert not one_segment(body) and one_segment(body[:SEGMENT_TOKENS])


def _span(start: int, text: str, sentence_start: int = 0) -> Span:
    return Span(start, start + len(text), text, "sentence", sentence_start)


def _part(first_name: str, second_name: str) -> ExtractedDocument:
    """A segment's extraction: two actors, a time anchored to another, an event anchored to another, a statement."""
    doc = ExtractedDocument(text="", body_end=0, language="en", published=date(2024, 5, 1), extractor_version="t")
    doc.actors = [ExtractedActor("actor:0", first_name, "person", role="Minister", aliases=[first_name, "Keller"],
                                 mentions=[_span(0, first_name)]),
                  ExtractedActor("actor:1", second_name, "country", country=second_name, aliases=[second_name],
                                 mentions=[_span(20, second_name, 18)])]
    doc.times = [TimeExpression(_span(30, "Monday"), date(2024, 4, 29), date(2024, 4, 29), "day", "publication"),
                 TimeExpression(_span(40, "a day later"), date(2024, 4, 30), date(2024, 4, 30), "day", "text:30")]
    doc.events = [ExtractedEvent("event:0", "CONSULT", None, "met", "meet", date(2024, 4, 29), date(2024, 4, 29),
                                 "day", "Monday", participants=[Participant("actor:0", "source"),
                                                                Participant("actor:1", "target")],
                                 evidence=[_span(0, "met")]),
                  ExtractedEvent("event:1", "ACCUSE", None, "accused", "accuse", None, None, "unknown", None,
                                 participants=[Participant("actor:1", "source")], evidence=[_span(50, "accused")],
                                 anchor_key="event:0", anchor_days=1)]
    doc.statements = [ExtractedStatement("statement:1", "actor:0", "say", "it went well", False,
                                         evidence=_span(60, "she said it went well", 60),
                                         quote=_span(69, "it went well"), event_key="event:1")]
    doc.cited_sources = ["Wire A"]
    return doc


def test_merged_segments_point_into_the_whole_text_and_share_one_key_space():
    parts = [(0, _part("Anna Keller", "France")), (1000, _part("Anna Keller", "Norway"))]
    out = merge_segments(parts, "t" * 2000, 2000, date(2024, 5, 1), "en", "v")
    assert [(a.key, a.name) for a in out.actors] == [("actor:0", "Anna Keller"), ("actor:1", "France"),
                                                     ("actor:2", "Norway")]
    keller = out.actors[0]  # the same person named in both segments is one actor with both mentions
    assert [m.start for m in keller.mentions] == [0, 1000] and keller.aliases == ["Anna Keller", "Keller"]
    assert out.actors[2].mentions[0].start == 1020 and out.actors[2].mentions[0].sentence_start == 1018
    assert [(t.span.start, t.anchor) for t in out.times] == [(30, "publication"), (40, "text:30"),
                                                             (1030, "publication"), (1040, "text:1030")]
    assert [e.key for e in out.events] == ["event:0", "event:1", "event:2", "event:3"]
    assert [(p.actor_key, p.role) for p in out.events[2].participants] == [("actor:0", "source"),
                                                                          ("actor:2", "target")]
    assert out.events[3].anchor_key == "event:2" and out.events[3].evidence[0].start == 1050
    second = out.statements[1]
    assert (second.key, second.speaker_key, second.event_key) == ("statement:2", "actor:0", "event:3")
    assert (second.evidence.start, second.quote.start) == (1060, 1069)
    assert out.cited_sources == ["Wire A"] and out.extractor_version == "v" and out.body_end == 2000


def test_the_parse_lock_goes_to_the_thread_that_waited_first():
    lock, order = FairLock(), []
    lock.__enter__()
    waiter = threading.Thread(target=lambda: (lock.__enter__(), order.append("waiter"), lock.__exit__()))
    waiter.start()
    while not lock._waiters:  # the waiter is queued
        time.sleep(0.01)
    lock.__exit__()
    with lock:  # the releasing thread asks again at once: it must not overtake the one that waited
        order.append("holder")
    waiter.join(10)
    assert order == ["waiter", "holder"]


def test_a_requested_stop_ends_an_extraction_at_its_next_segment(nlp):
    from app.extract import extract

    text = "The envoy met the minister in Paris on Monday.\n\n" * 3000  # three segments
    request_stop()
    try:
        with pytest.raises(ExtractionStopped):
            extract(text, published=date(2024, 5, 1), nlp=nlp)
    finally:
        clear_stop()
    # extraction works again
    assert extract("Chile's envoy met Foreign Minister Ana Diaz of Peru in Lima on Monday.", nlp=nlp).events
