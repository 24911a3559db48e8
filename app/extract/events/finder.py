"""PLOVER events: lexicon triggers, dependency arguments, dates, numbers and in-document coreference.

Pipeline per document: find asserted triggers (triggers.py) -> one Mention per trigger with its
participants, local date, location and clause (arguments.py) -> merge mentions of one happening
(same type, or an anaphoric definite noun such as "the call"/"the incident") -> resolve dates left
open from discourse -> attach stated numbers -> number the events in text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from app.extract.actors.index import ActorIndex
from app.extract.doctext import doc_text
from app.extract.events.arguments import (
    clause_text,
    clause_tokens,
    participants,
)
from app.extract.events.dates import (
    SEQUENCE_PREPS,
    adjacent_date_pp,
    borrows_no_context,
    clause_sibling_time,
    clock_day,
    context_time,
    dates_compatible,
    local_time,
    month_of,
    relative_offset,
    report_time,
    sentence_times,
    shifted,
)
from app.extract.events.discourse import (
    dateline_times,
    fold_headline,
    headline_end,
    identified,
    lead_paragraphs_end,
    lede_times,
    older_than_lead,
    resolve_back_reference,
    speaking_occasion_times,
)
from app.extract.events.elapsed import elapsed_times
from app.extract.events.numbers import stated_numbers
from app.extract.events.places import location
from app.extract.events.sides import SYMMETRIC_TYPES, country_sides, credit_crowd, same_side
from app.extract.events.syntax import tree_distance
from app.extract.events.triggers import Trigger, find_triggers
from app.extract.lexicon import lexicon
from app.extract.temporal.dateline import find_dateline
from app.extract.types import ExtractedEvent, Participant, Span, TimeExpression

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


@dataclass
class Mention:
    """One trigger occurrence with its local arguments."""

    trigger: Trigger
    type: str
    mode: str | None
    parts: list[tuple[str, str]]
    time: TimeExpression | None
    location: str | None
    summary: str
    characterization: str
    evidence: Span
    sent_start: int


@dataclass
class _Event:
    mentions: list[Mention] = field(default_factory=list)
    time: TimeExpression | None = None
    time_from_context: bool = False
    numbers: dict[str, int] = field(default_factory=dict)
    # "X a day after Y" with neither dated here: (Y, +1) — another source that dates Y dates X (app.ingest.anchors)
    anchor: tuple[_Event, int] | None = None

    @property
    def type(self) -> str:
        return self.mentions[0].type

    @property
    def mode(self) -> str | None:
        # an anaphoric "incident" sentence may describe the weapons ("gunmen ... opening fire")
        return next((m.mode for m in self.mentions if m.mode and (m.type == self.type or
                                                                   (m.type == "*" and self.type == "ASSAULT"))), None)

    def actor_keys(self) -> set[str]:
        return {k for m in self.mentions for k, _ in m.parts}


# ----------------------------------------------------------------------------- mentions and merging

def _assault_mode(trigger: Trigger) -> str | None:
    lex = lexicon().plover
    lemmas = {t.lemma_.lower() for t in trigger.token.sent}
    if lemmas & lex.firearms_cues or ("open" in lemmas and "fire" in lemmas):
        return "firearms"
    if lemmas & lex.explosives_cues:
        return "explosives"
    return None


def _claimed_times(triggers: list[Trigger], times: list[TimeExpression]) -> dict[int, int]:
    """Date phrases that low attachment gives to an event noun (span start -> trigger token index)."""
    out: dict[int, int] = {}
    for trigger in triggers:
        if not trigger.is_noun:
            continue
        for t, span in sentence_times(trigger.token, times):
            if adjacent_date_pp(trigger, span):
                out.setdefault(t.span.start, trigger.token.i)
    return out


def _phone_mode(trigger: Trigger) -> str | None:
    """ "discussions ... took place via telephone": a consultation's channel."""
    cues = lexicon().plover.phone_cues
    for tok in clause_tokens(trigger)[0]:
        if tok.lemma_.lower() in cues and tok.dep_ == "pobj" and tok.head.lower_ in ("via", "by", "over", "on"):
            return "phone"
    return None


def _mention(trigger: Trigger, actors: ActorIndex, times, claimed, skip: tuple[int, int] = (0, 0)) -> Mention:
    sent = trigger.token.sent
    summary, start, end = clause_text(trigger)
    characterization, _, _ = clause_text(trigger, with_subject=False)
    mode = trigger.mode
    if trigger.type in ("ASSAULT", "*") and mode is None:
        mode = _assault_mode(trigger)
    if trigger.type == "CONSULT" and mode is None:
        mode = _phone_mode(trigger)
    evidence = Span(start=start, end=end, text=doc_text(trigger.token.doc)[start:end], sentence=sent.text,
                    sentence_start=sent.start_char)
    return Mention(trigger=trigger, type=trigger.type, mode=mode, parts=participants(trigger, actors, skip),
                   time=local_time(trigger, times, claimed) or report_time(trigger, times),
                   location=location(trigger), summary=summary,
                   characterization=characterization, evidence=evidence, sent_start=sent.start_char)


def _frame(m: Mention) -> str:
    return m.trigger.sense.frame


def _types_compatible(m: Mention, e: _Event) -> bool:
    if m.type == e.type and not m.trigger.anaphoric and _frame(m) != _frame(e.mentions[0]):
        return False
    if m.type == e.type:
        return m.mode is None or e.mode is None or m.mode == e.mode or m.trigger.anaphoric
    allowed = lexicon().plover.anaphoric_compatible.get(m.type, frozenset())
    return e.type in allowed


def _types_compatible_reverse(m: Mention, e: _Event) -> bool:
    """An event begun by an anaphoric noun ("during the exchange, they discussed") takes the verb."""
    return e.mentions[0].trigger.anaphoric and e.type == m.type


# types one diplomatic incident is told through ("protested ... and was summoned")
COMPLAINT_FAMILY = frozenset({"DISAPPROVE", "ACCUSE", "PROTEST"})


def _conjoined_target(m: Mention, events: list[_Event]) -> _Event | None:
    """ "X protested the treatment, and was summoned to the ministry": two coordinated verbs of one subject
    telling one complaint episode are one event (same complaint family, compatible dates)."""
    tok = m.trigger.token
    if m.trigger.is_noun or m.type not in COMPLAINT_FAMILY or tok.dep_ != "conj":
        return None
    for e in reversed(events):
        if e.type not in COMPLAINT_FAMILY or not dates_compatible(m.time, _event_time(e)):
            continue
        if any(not x.trigger.is_noun and x.trigger.token.i == tok.head.i for x in e.mentions):
            return e
    return None


def _event_time(e: _Event) -> TimeExpression | None:
    dated = [m.time for m in e.mentions if m.time is not None]
    return min(dated, key=lambda t: PRECISION_RANK.get(t.precision, 4)) if dated else None




def _roles_swapped(m: Mention, e: _Event) -> bool:
    """ "X accused Y ..." and later "Y in turn accuses X": the doer of one is the one the other is done to, so they
    are two happenings of one type, not one (for directed types)."""
    if m.type in SYMMETRIC_TYPES or e.type in SYMMETRIC_TYPES:
        return False
    mine = {r: {k for k, role in m.parts if role == r} for r in ("source", "target")}
    theirs = {r: {k for x in e.mentions for k, role in x.parts if role == r} for r in ("source", "target")}
    return bool(mine["source"] & theirs["target"]) or bool(mine["target"] & theirs["source"])


def _merge_target(m: Mention, events: list[_Event], lead_end: int = 0,
                  published: date | None = None, context=None, side=None) -> _Event | None:
    """The earlier event this mention most plausibly re-mentions, if any.

    Anaphoric nouns ("the call", "the incident") take the latest compatible event. Other mentions
    need the same type, compatible dates and no conflicting participants; a non-anaphoric mention in
    the same sentence as the candidate is a different happening ("stranded due to tightened controls").
    An undated candidate is compared by the date its context gives it (`context`): a dated, non-anaphoric
    background mention ("who had toured the region in January") is not the undated news event the article is
    about, while "the incident, which occurred on May 2" dates the event it points back to.
    Shared participants and trigger lemma rank candidates before recency.
    """
    best, best_score = None, None
    mine = {k for k, _ in m.parts}
    for n, e in enumerate(events):
        if not _types_compatible(m, e) or not dates_compatible(m.time, _event_time(e)):
            continue
        if older_than_lead(m, e, lead_end, published):
            continue
        if m.time is not None and _event_time(e) is None and context is not None and not m.trigger.anaphoric \
                and not dates_compatible(m.time, context(e)):  # widened to its month
            continue
        theirs = e.actor_keys()
        shared = bool(mine & theirs) or (side is not None and same_side(
            m.type, m.parts, e.type, [p for x in e.mentions for p in x.parts], side))
        if _roles_swapped(m, e):
            continue
        if m.trigger.anaphoric:
            if mine and theirs and not shared and len(mine) > 1:
                continue
        else:
            if mine and theirs and not shared:
                continue
            if any(x.sent_start == m.sent_start and (x.trigger.is_noun or m.trigger.is_noun) for x in e.mentions):
                continue
        lemma = m.trigger.token.lemma_.lower()
        score = (0 if m.trigger.anaphoric else 3 * shared + 2 * any(
            x.trigger.token.lemma_.lower() == lemma for x in e.mentions) + (m.mode is not None and m.mode == e.mode),
            n)
        if best_score is None or score > best_score:
            best, best_score = e, score
    return best


def _related_time(e: _Event, events: list[_Event]) -> TimeExpression | None:
    """ "arrested for involvement in the attack on March 22": dated by the event its clause names."""
    for m in e.mentions:
        clause = {t.i for t in clause_tokens(m.trigger)[0]}
        for other in events:
            if other is e or other.time is None or other.time_from_context:
                continue
            # "the first call since the invasion", "arrests after the attack": another time, not the same month
            if any(x.trigger.token.doc is m.trigger.token.doc and x.trigger.token.i in clause
                   and x.trigger.token.head.lower_ not in SEQUENCE_PREPS for x in other.mentions):
                return month_of(other.time)
    return None


def _relative_times(events: list[_Event]) -> None:
    """ "X was initiated a day after Y was summoned": one dated side dates the other, to the day."""
    owner = {}
    for e in events:
        for m in e.mentions:
            tok = m.trigger.token
            # "the call was initiated a day after ...": a noun trigger's clause verb stands for it
            clause_verb = tok.head if m.trigger.is_noun and tok.dep_ in ("nsubj", "nsubjpass", "dobj") else None
            for head in (tok, m.trigger.governor, clause_verb):
                if head is not None:
                    owner.setdefault(head.i, e)
    for e in events:
        for m in e.mentions:
            found = relative_offset(m.trigger.governor or m.trigger.token) or relative_offset(m.trigger.token)
            other = owner.get(found[0].i) if found else None
            if other is None or other is e:
                continue
            days = found[1]
            if e.time is None and other.time is not None and other.time.precision == "day":
                e.time = shifted(other.time, days)
            elif other.time is None and e.time is not None and e.time.precision == "day":
                other.time = shifted(e.time, -days)
            elif e.time is None and other.time is None:
                # kept both ways: whichever side another source dates, dates the other
                e.anchor = e.anchor or (other, days)
                other.anchor = other.anchor or (e, -days)


def _assign_numbers(doc: Doc, events: list[_Event]) -> None:
    """Counts stated in a sentence go to its compatible event, else to the latest earlier one."""
    categories = lexicon().words.events.number_categories
    for sent in doc.sents:
        found = stated_numbers(list(sent))
        for category, value, tok in found:
            allowed = categories[category].event_types
            # the counted noun's sentence: a bad split can leave "after 11 | Kenyan men were arrested"
            here = [(e, m) for e in events for m in e.mentions
                    if m.sent_start == tok.sent.start_char and e.type in allowed]
            if here:
                target = min(here, key=lambda em: tree_distance(em[1].trigger.token, tok))[0]
            else:
                earlier = [e for e in events if e.type in allowed and e.mentions[0].evidence.start < sent.start_char]
                if not earlier:
                    continue
                target = max(earlier, key=lambda e: max(m.evidence.start for m in e.mentions
                                                        if m.evidence.start < sent.start_char))
            target.numbers[category] = max(value, target.numbers.get(category, 0))


def _confidence(e: _Event) -> float:
    first = e.mentions[0]
    score = 0.45
    score += 0.15 if not first.trigger.is_noun else 0.05
    score += 0.1 if e.actor_keys() else 0.0
    score += 0.1 if e.time is not None and not e.time_from_context else 0.03 if e.time else 0.0
    score += min(0.15, 0.05 * (len(e.mentions) - 1))
    score = min(score, first.trigger.sense.confidence + 0.2)
    return round(min(0.95, score), 2)


def _to_extracted(n: int, e: _Event, keys: dict[int, str]) -> ExtractedEvent:
    lead = next((m for m in e.mentions if not m.trigger.is_noun), None) or \
        next((m for m in e.mentions if not m.trigger.anaphoric), e.mentions[0])
    roles: dict[str, str] = {}
    for m in e.mentions:
        for key, role in m.parts:
            roles.setdefault(key, role)
    t = e.time
    return ExtractedEvent(
        key=f"event:{n}", type=e.type, mode=e.mode, summary=lead.summary,
        trigger=lead.trigger.token.lemma_.lower(),
        date_start=t.date_start if t else None, date_end=t.date_end if t else None,
        date_precision=t.precision if t else "unknown", date_text=(t.span.text or None) if t else None,
        location=next((m.location for m in e.mentions if m.location), None),
        confidence=_confidence(e),
        participants=[Participant(actor_key=k, role=r) for k, r in roles.items()],
        evidence=[m.evidence for m in e.mentions], numbers=dict(e.numbers),
        characterization=lead.characterization,
        anchor_key=keys[id(e.anchor[0])] if e.anchor and t is None else None,
        anchor_days=e.anchor[1] if e.anchor and t is None else None,
    )


def find_events(doc: Doc, actors: ActorIndex, times: list[TimeExpression],
                published: date | None = None) -> list[ExtractedEvent]:
    """Events of one parsed article, in-document mentions merged, in text order."""
    triggers = find_triggers(doc, actors)
    # "imposed sanctions", "signed an agreement": the noun is the verb's object, not a second event
    verb_types = {t.token.i: t.type for t in triggers if not t.is_noun}
    triggers = [t for t in triggers if not (t.is_noun and t.governor is not None and t.token.dep_ == "dobj"
                                            and verb_types.get(t.governor.i) == t.type)]
    claimed = _claimed_times(triggers, times)
    dateline = find_dateline(doc_text(doc))
    skip = (dateline.start, dateline.end) if dateline else (0, 0)
    events: list[_Event] = []
    provisional: dict[int, TimeExpression | None] = {}

    def context(e: _Event) -> TimeExpression | None:
        if id(e) not in provisional:
            # to the month: a background mention is another month; a day apart is the same news
            found = context_time(e.mentions[0].sent_start, doc, times, published)
            provisional[id(e)] = month_of(found) if found is not None else None
        return provisional[id(e)]

    side = country_sides(actors)
    lead_end = lead_paragraphs_end(doc)
    headline = headline_end(doc)
    for trigger in triggers:
        m = _mention(trigger, actors, times, claimed, skip)
        resolve_back_reference(m, events)
        target = next((e for e in reversed(events) if _same_clause(m, e) and
                       (_types_compatible(m, e) or _types_compatible_reverse(m, e))), None)
        target = target or _conjoined_target(m, events) or _merge_target(m, events, lead_end, published, context,
                                                                        side)
        if target is not None:
            if not _same_clause(m, target):
                target.mentions.append(m)
            else:
                _absorb(target, m)
        elif m.type != "*" and not m.trigger.sense.anaphoric_only:
            events.append(_Event(mentions=[m]))
    events = fold_headline(events, headline, lead_end, _types_compatible)
    for e in events:
        e.time = _event_time(e)
    dateline_times(doc, events, dateline, times)
    speaking_occasion_times(doc, events, times)
    _relative_times(events)
    elapsed_times(doc, events, times)
    for e in events:
        if e.time is None:
            e.time = _related_time(e, events)
    for e in events:
        if e.time is None:
            e.time = next((t for m in e.mentions if (t := report_time(m.trigger, times, nouns=True))), None)
    for e in events:
        if e.time is None:
            e.time = next((t for m in e.mentions if (t := clause_sibling_time(m.trigger, times))), None)
    for e in events:
        if e.time is None:
            e.time = next((t for m in e.mentions if (t := clock_day(m.sent_start, doc, times))), None)
    for e in events:
        if e.time is None:
            # a headline has no context before it: the first of its mentions that has one dates it
            e.time = next((t for m in e.mentions if not borrows_no_context(m.trigger.token)
                           and (t := context_time(m.sent_start, doc, times, published))), None)
            e.time_from_context = e.time is not None
    lede_times(doc, events, times, published, dateline)
    _assign_numbers(doc, events)
    events = [e for e in events if identified(e, published)]
    credit_crowd(events, actors)
    kept = {id(e) for e in events}
    for e in events:
        if e.anchor is not None and id(e.anchor[0]) not in kept:
            e.anchor = None
    events.sort(key=lambda e: e.mentions[0].evidence.start)
    keys = {id(e): f"event:{n}" for n, e in enumerate(events, start=1)}
    return [_to_extracted(n, e, keys) for n, e in enumerate(events, start=1)]


def _same_clause(m: Mention, e: _Event) -> bool:
    """Two triggers of one clause ("opened fire, killing") are one mention, not two evidence spans.

    A plain noun inside another trigger's clause ("stranded due to tightened controls") is its own event, unless
    the verb it hangs from tells the same happening ("spoke with X in a phone call", "visited Y for talks").
    """
    if m.trigger.is_noun and not m.trigger.anaphoric:
        hosts = [h for h in (m.trigger.governor, _copular_host(m.trigger.token)) if h is not None]
        # "died and others were hurt in a raid": the verb the noun's verb is coordinated with tells it too
        # (one raid; "in three separate raids" tells several happenings the verb sums up)
        if m.trigger.token.tag_ == "NN":
            hosts += [h.head for h in hosts if h.dep_ == "conj" and h.head.pos_ == "VERB"]
        if any(not x.trigger.is_noun and x.trigger.token.i == h.i and x.type == m.type
               and x.trigger.token.doc is h.doc for h in hosts for x in e.mentions):
            return True
        # "marched through the capital in a week of protests": a protest noun inside a protest verb's clause
        return m.type == "PROTEST" and m.time is None and any(
            not x.trigger.is_noun and x.type == m.type and x.trigger.token.doc is m.trigger.token.doc
            and x.trigger.token in m.trigger.token.ancestors for x in e.mentions)
    tok = m.trigger.token
    if tok.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ != "WP" for c in tok.children):
        return False  # "levied duties, answering tariffs Y set in May": a clause of its own, Y's own act
    return any(x.evidence.start == m.evidence.start and x.evidence.end == m.evidence.end or
               (x.sent_start == m.sent_start and x.evidence.start <= m.evidence.start < x.evidence.end)
               for x in e.mentions)


def _copular_host(tok) -> object | None:
    """ "met X in what was their first meeting": a noun a free relative equates with the verb's occasion."""
    be = tok.head
    if tok.dep_ != "attr" or be.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ in ("what", "which")
                                                          for c in be.children):
        return None
    cur = be
    for _ in range(3):
        if cur.dep_ not in ("pcomp", "pobj", "prep", "relcl") or cur.head is cur:
            return None
        cur = cur.head
        if cur.pos_ == "VERB":
            return cur
    return None


def _absorb(e: _Event, m: Mention) -> None:
    """Keep what a same-clause duplicate adds (participants, date) without a second evidence span."""
    lead = e.mentions[-1]
    for part in m.parts:
        if part[0] not in {k for k, _ in lead.parts}:
            lead.parts.append(part)
    if lead.time is None:
        lead.time = m.time
    if lead.location is None:
        lead.location = m.location
    if lead.mode is None and m.mode and m.type == lead.type:
        lead.mode = m.mode
