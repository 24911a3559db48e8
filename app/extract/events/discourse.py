"""Discourse-level steps of the event finder: back references, the dateline's date, which events are kept.

The finder (finder.py) hands its own mention and event objects; these functions only read their fields.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.tokens import Doc

from app.extract.doctext import doc_text
from app.extract.events.arguments import BACK_REFERENCE
from app.extract.events.dates import attachment
from app.extract.lexicon import lexicon
from app.extract.temporal.arithmetic import month_end
from app.extract.temporal.dateline import Dateline, dateline_time
from app.extract.types import Span, TimeExpression

# finder.py's Mention and _Event: imported from there, they would make the two modules import each other
Mention = Any
_Event = Any

LEAD_PARAGRAPHS = 2  # the headline and the lead paragraph
RECENT_DAYS = 7  # how long before publication the news a report leads with can have happened


def identified(e: _Event, published: date | None = None) -> bool:
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
    if any(_placed_single(m) for m in e.mentions) and _recent(e, published):
        return True
    return e.time is not None and not e.time_from_context and e.time.precision == "day"


def _recent(e: _Event, published: date | None) -> bool:
    """Undated, or dated within days of publication: the news itself rather than a background happening ("a similar
    meeting in X last month"), which another source's account could not be told apart from."""
    if e.time is None or e.time.date_end is None:
        return True
    return published is not None and (published - e.time.date_end).days <= RECENT_DAYS


def _placed_single(m: Mention) -> bool:
    """ "a meeting in Oslo": one happening at a named place, introduced by a singular noun with "a" and not dated by
    its own clause ("the attack on X" points back to something the reader knows, most often background)."""
    tok = m.trigger.token
    if not m.trigger.is_noun or m.time is not None or m.location is None or not m.location[:1].isupper():
        return False
    # "a similar meeting", "an earlier protest": an adjective that sets it beside another marks background
    return tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) \
        and not any(c.dep_ == "amod" for c in tok.children)


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


def headline_end(doc: Doc) -> int:
    """End of the headline (a short first line without a full stop, text below it), else 0."""
    text = doc_text(doc)
    first, sep, rest = text.partition("\n")
    stripped = first.strip()
    if not sep or not rest.strip() or not stripped or len(stripped) >= LEDE_MIN_CHARS or stripped[-1] in ".!?":
        return 0
    return len(first)


# "X jails Y" over "a court sentenced Y": a headline tells a sentence by what it does to the person
PUNISHMENTS = frozenset({"SANCTION", "COERCE"})


def fold_headline(events: list[_Event], headline: int, lead_end: int, compatible) -> list[_Event]:
    """A headline tells the lead's happening in its own short words ("soldiers die in X", "the A-B raid"), so its
    participants and even its events may come out apart from the lead's. An undated event the headline opens and the
    lead does not retell joins the lead paragraph's first event of a compatible type, whoever the two name."""
    if not headline:
        return events
    body = [e for e in events if any(headline <= m.evidence.start < lead_end for m in e.mentions)]
    kept = []
    for e in events:
        # opened in the headline, not retold in the lead (later mentions may have joined it), and undated
        apart = e.mentions[0].evidence.start < headline and not any(
            headline <= m.evidence.start < lead_end for m in e.mentions)
        if apart and not any(m.time is not None for m in e.mentions):
            lead = next((b for b in body if b is not e and compatible(e.mentions[0], b)), None) or next(
                (b for b in body if b is not e and {e.type, b.type} <= PUNISHMENTS), None)
            if lead is not None:
                lead.mentions.extend(e.mentions)  # the lead keeps its own type and mode
                continue
        kept.append(e)
    return kept


def _lede_end(doc: Doc, dateline: Dateline | None) -> int:
    """End of the lede's first sentence: the first line that reads as prose opens it (a headline above it
    counts too). Inverted-pyramid news tells the news there; what follows adds background. Narrower than
    `lead_paragraphs_end` (headline + first paragraph), which bounds where undated news may sit."""
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
    if published is None or published.day <= LEDE_DAYS:
        return  # early in a month the news of the last days may belong to the month before
    lede_end = _lede_end(doc, dateline)
    first, last = published.replace(day=1), month_end(published.year, published.month)
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


def lead_paragraphs_end(doc: Doc) -> int:
    """Where the article's lead ends: after its first two paragraphs (the headline and the lead). Wider than
    `_lede_end` (the lede's first sentence, which alone is dated to the publication month)."""
    text, end = doc_text(doc), 0
    for _ in range(LEAD_PARAGRAPHS):
        while end < len(text) and text[end] == "\n":
            end += 1
        nxt = text.find("\n", end)
        end = len(text) if nxt < 0 else nxt
    return end


def older_than_lead(m: Mention, e: _Event, lead_end: int, published: date | None) -> bool:
    """ "In April, the military bombed a gathering", "carried out 300 strikes in the last year": a mention the text
    dates well before publication, or only to a whole year, is background, not the undated news the report leads
    with (a lead happened within days of the report)."""
    lead = e.mentions[0]
    if published is None or m.time is None or m.time.date_end is None or lead.time is not None:
        return False
    if m.trigger.anaphoric:  # "the March truce" points back to the one the lead told, and dates it
        return False
    if lead.trigger.anaphoric:  # "since the recent attack": the lead itself points back to older news
        return False
    if lead.evidence.start >= lead_end:
        return False
    return m.time.precision == "year" or (published - m.time.date_end).days > RECENT_DAYS


def _occasion_time(sent, times: list[TimeExpression]) -> TimeExpression | None:
    """ "X was speaking at a forum on Monday": the day-precise date of a past progressive occasion verb with no
    content of its own (no object, no clause said)."""
    root = sent.root
    if root.lemma_.lower() not in lexicon().words.events.occasion_verbs or root.tag_ != "VBG":
        return None
    if not any(c.dep_ == "aux" and c.lemma_ == "be" for c in root.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp") for c in root.children):
        return None
    doc = root.doc
    for t in times:
        if t.precision != "day" or not (sent.start_char <= t.span.start < sent.end_char):
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None and len(span) and attachment(span.root).i == root.i:
            return t
    return None


def speaking_occasion_times(doc: Doc, events: list[_Event], times: list[TimeExpression]) -> None:
    """ "X praised Y for ... / X was speaking at a forum on Monday": news dates a lead's words by the occasion the
    next sentence names, so the main verb of the sentence before it takes that day."""
    sents = [s for s in doc.sents if s.text.strip()]
    for before, sent in zip(sents, sents[1:], strict=False):
        when = _occasion_time(sent, times)
        if when is None:
            continue
        for e in events:
            if e.time is None and any(not m.trigger.is_noun and m.trigger.token.i == before.root.i
                                      for m in e.mentions):
                e.time = when
