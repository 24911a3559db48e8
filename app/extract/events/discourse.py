"""Discourse-level steps of the event finder: back references, the dateline's date, which events are kept.

The finder (finder.py) hands its own mention and event objects; these functions only read their fields.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from app.extract.doctext import doc_text
from app.extract.events.arguments import BACK_REFERENCE
from app.extract.temporal.dateline import Dateline, dateline_time
from app.extract.types import TimeExpression

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
