"""Discourse-level steps of the event finder: back references, the dateline's date, which events are kept.

The finder (finder.py) hands its own mention and event objects; these functions only read their fields.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from spacy.tokens import Doc

from app.extract.doctext import doc_text
from app.extract.events.arguments import BACK_REFERENCE
from app.extract.temporal.dateline import Dateline, dateline_time
from app.extract.types import Span, TimeExpression

# finder.py's Mention and _Event: imported from there, they would make the two modules import each other
Mention = Any
_Event = Any


def identified(e: _Event) -> bool:
    """Whether an event is specific enough to keep: PLOVER codes a happening by who did it to whom.

    With no participant named in any of its mentions, an event is most often a generic, background or clipped
    mention ("the protests", "fighting") that cannot be told apart from its neighbours or fused with another
    source's account. An attack by unnamed gunmen is still kept when the text pins it to a day of its own
    (not one borrowed from context): that date is what lets other sources' accounts fuse with it.
    """
    if e.actor_keys():
        return True
    if e.numbers:
        return True
    return e.time is not None and not e.time_from_context and e.time.precision == "day"


def resolve_back_reference(m: Mention, events: list[_Event]) -> None:
    """ "Iran and Saudi Arabia agreed ... the two countries will reopen embassies": "the two countries", "both
    sides", "the parties" stand for the actors of the latest earlier mention that names two or more."""
    if not any(k == BACK_REFERENCE for k, _ in m.parts):
        return
    start = m.trigger.token.idx
    earlier = [x for e in events for x in e.mentions
               if x.trigger.token.doc is m.trigger.token.doc and x.trigger.token.idx < start
               and len({k for k, _ in x.parts if k != BACK_REFERENCE}) >= 2]
    role = next(r for k, r in m.parts if k == BACK_REFERENCE)
    mine = [p for p in m.parts if p[0] != BACK_REFERENCE]
    if earlier:
        latest = max(earlier, key=lambda x: x.trigger.token.idx)
        parts = [(k, r) for k, r in latest.parts if k != BACK_REFERENCE]
        # "X and Y rejected Z ... the two": the coordinated actors of one role, when there are two of them
        roles = [r for _, r in parts]
        shared = [p for p in parts if roles.count(p[1]) >= 2]
        have = {k for k, _ in mine}
        for k, _ in shared or parts:
            if k not in have:
                mine.append((k, role))
                have.add(k)
    m.parts = mine


def dateline_times(doc: Doc, events: list[_Event], dateline: Dateline | None,
                    times: list[TimeExpression]) -> None:
    """ "CITY, May 7 -": the dateline's date dates the undated events of the lead paragraph it opens."""
    when = dateline_time(dateline, times)
    if when is None:
        return
    text = doc_text(doc)
    lead_end = text.find("\n", dateline.end)
    lead_end = len(text) if lead_end < 0 else lead_end
    for e in events:
        if e.time is None and any(dateline.start <= m.evidence.start < lead_end for m in e.mentions):
            e.time = when


LEDE_DAYS = 7  # how far before publication the undated news of a lede may lie
LEDE_MIN_CHARS = 100  # a shorter first line without a full stop is the headline, not the lede


def _lede_end(doc: Doc, dateline: Dateline | None) -> int:
    """End of the lede's first sentence: the first line that reads as prose opens it (a headline above it
    counts too). Inverted-pyramid news tells the news there; what follows adds background."""
    pos = 0
    for line in doc_text(doc).split("\n"):
        stripped = line.strip()
        if len(stripped) >= LEDE_MIN_CHARS or stripped[-1:] in (".", "!", "?", "\"", "\u201d"):
            break
        pos += len(line) + 1
    after = dateline.end if dateline is not None else 0  # "CITY (Agency) -" may parse as a sentence of its own
    first = next((sent for sent in doc.sents if sent.start_char >= pos and sent.end_char > after
                  and sent.text.strip()), None)
    return first.end_char if first is not None else pos


def _asserted_past(tok) -> bool:
    """ "X expelled", "X has signed", "X says it has signed": a main-clause verb in the past or present perfect."""
    if tok.dep_ not in ("ROOT", "conj", "ccomp"):
        return False
    if tok.tag_ == "VBD":
        return True
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)


def lede_times(doc: Doc, events: list[_Event], times: list[TimeExpression], published: date | None,
               dateline: Dateline | None) -> None:
    """A happening the lead paragraph reports in the past tense, with no date anywhere, is the news of the day:
    days before publication at most, so it is dated to the publication's month (the most that honestly says) when
    those days all fall in it."""
    if published is None or (published - timedelta(days=LEDE_DAYS)).month != published.month:
        return  # early in a month the news of the last days may belong to the month before
    lede_end = _lede_end(doc, dateline)
    first = published.replace(day=1)
    last = date(first.year + (first.month == 12), first.month % 12 + 1, 1) - timedelta(days=1)
    for e in events:
        if e.time is not None:
            continue
        # a time phrase in the sentence ("has fought since 2021") says how the text dates it: not the news of the day
        m = next((m for m in e.mentions if m.evidence.start < lede_end and not m.trigger.is_noun
                  and _asserted_past(m.trigger.token) and not any(
                      m.trigger.token.sent.start_char <= t.span.start < m.trigger.token.sent.end_char for t in times)),
                 None)
        if m is None:
            continue
        e.time = TimeExpression(span=Span(start=m.evidence.start, end=m.evidence.start, text=""),
                                date_start=first, date_end=last, precision="month", anchor="publication")
        e.time_from_context = True
