"""Hand-built extraction results and a canonical, id-free dump of the knowledge base for comparisons."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlmodel import Session, select

from app.changes.service import record
from app.extract.types import ExtractedActor, ExtractedDocument, ExtractedEvent, ExtractedStatement, Participant, Span
from app.ingest import store_extraction
from app.ingest.derived import recount_actors
from app.models import (
    Actor,
    ActorAlias,
    ActorEventCount,
    Claim,
    Document,
    Event,
    EventParticipant,
    EventReport,
    Evidence,
    Place,
    Statement,
)

PUBLISHED = date(2024, 5, 2)


class Builder:
    """Writes a text sentence by sentence and returns spans into it, so offsets are always right."""

    def __init__(self) -> None:
        self.text = ""
        self.sentences: list[tuple[int, str]] = []

    def sentence(self, s: str) -> int:
        start = len(self.text) + (1 if self.text else 0)
        self.text += (" " if self.text else "") + s
        self.sentences.append((start, s))
        return start

    def span(self, phrase: str, after: int = 0) -> Span:
        at = self.text.index(phrase, after)
        s_start, s = next((st, s) for st, s in self.sentences if st <= at < st + len(s))
        return Span(at, at + len(phrase), phrase, s, s_start)

    def inside(self, phrase: str, context: str) -> Span:
        """The span of `phrase` where it occurs within the first `context`."""
        return self.span(phrase, self.text.index(context))


def actor(key, name, type_, *, role=None, country=None, aliases=(), mentions=()) -> ExtractedActor:
    return ExtractedActor(key=key, name=name, type=type_, role=role, country=country,
                          aliases=sorted({name, *aliases}), mentions=list(mentions))


def event(key, type_, start, end, precision, participants, evidence, *, mode=None, date_text=None, location=None,
          numbers=None, characterization=None, summary=None) -> ExtractedEvent:
    return ExtractedEvent(key=key, type=type_, mode=mode, summary=summary or f"{type_} event", trigger="x",
                          date_start=start, date_end=end, date_precision=precision, date_text=date_text,
                          location=location, confidence=0.6,
                          participants=[Participant(k, r) for k, r in participants], evidence=evidence,
                          numbers=numbers or {}, characterization=characterization)


def document_a() -> ExtractedDocument:
    """Outlet A: the call (Sergey Volkov), 11 arrests in Moscow on 30 April."""
    b = Builder()
    b.sentence("Russian Foreign Minister Sergey Volkov held a telephone conversation with "
               "Tajik Foreign Minister Ivan Petrov on May 1.")
    b.sentence("Volkov said the sides discussed border security.")
    b.sentence("The Federal Security Service arrested 11 suspects in Moscow on April 30.")
    actors = [
        actor("actor:1", "Sergey Volkov", "person", role="Foreign Minister", country="Russia",
              aliases=["Volkov"], mentions=[b.span("Sergey Volkov"), b.inside("Volkov", "Volkov said")]),
        actor("actor:2", "Russia", "country", aliases=["Russian"], mentions=[b.span("Russian")]),
        actor("actor:3", "Ivan Petrov", "person", role="Foreign Minister", country="Tajikistan",
              mentions=[b.span("Ivan Petrov")]),
        actor("actor:4", "Tajikistan", "country", aliases=["Tajik"], mentions=[b.span("Tajik")]),
        actor("actor:5", "Federal Security Service", "organization", country="Russia",
              mentions=[b.span("Federal Security Service")]),
    ]
    events = [
        event("event:1", "CONSULT", date(2024, 5, 1), date(2024, 5, 1), "day",
              [("actor:1", "source"), ("actor:3", "target")], [b.span("held a telephone conversation")],
              mode="telephone", date_text="May 1", characterization="telephone conversation"),
        event("event:2", "COERCE", date(2024, 4, 30), date(2024, 4, 30), "day", [("actor:5", "source")],
              [b.span("arrested 11 suspects")], mode="arrest", date_text="April 30", location="Moscow",
              numbers={"arrested": 11}),
    ]
    statements = [ExtractedStatement(
        key="statement:1", speaker_key="actor:1", cue="say", text="the sides discussed border security",
        direct_quote=False, evidence=b.span("Volkov said the sides discussed border security."),
        event_key="event:1", date_start=date(2024, 5, 1), date_end=date(2024, 5, 1), date_precision="day")]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=statements)


def document_b() -> ExtractedDocument:
    """Outlet B: the same call (Sergei Volkov), arrests in April without a count, and an accusation."""
    b = Builder()
    b.sentence("Sergei Volkov, Minister of Foreign Affairs of Russia, spoke by phone with Ivan Petrov "
               "on 1 May 2024.")
    b.sentence("The FSB detained several suspects in Moscow in April.")
    b.sentence("Petrov said Dushanbe values the partnership.")
    b.sentence("Russia accused Ukraine of shelling on 1 May.")
    actors = [
        actor("actor:1", "Sergei Volkov", "person", role="Minister of Foreign Affairs of Russia", country="Russia",
              mentions=[b.span("Sergei Volkov")]),
        actor("actor:2", "Ivan Petrov", "person", country="Tajikistan", aliases=["Petrov"],
              mentions=[b.span("Ivan Petrov"), b.inside("Petrov", "Petrov said")]),
        actor("actor:3", "Russia", "country", mentions=[b.inside("Russia", "Russia,")]),
        actor("actor:4", "Federal Security Service", "organization", country="Russia", aliases=["FSB"],
              mentions=[b.span("FSB")]),
        actor("actor:5", "Ukraine", "country", mentions=[b.span("Ukraine")]),
        actor("actor:6", "Tajikistan", "country", mentions=[]),
    ]
    events = [
        event("event:1", "CONSULT", date(2024, 5, 1), date(2024, 5, 1), "day",
              [("actor:1", "source"), ("actor:2", "target")], [b.span("spoke by phone")],
              mode="telephone", date_text="1 May 2024", characterization="phone call"),
        event("event:2", "COERCE", date(2024, 4, 1), date(2024, 4, 30), "month", [("actor:4", "source")],
              [b.span("detained several suspects")], mode="arrest", date_text="in April", location="Moscow"),
        event("event:3", "ACCUSE", date(2024, 5, 1), date(2024, 5, 1), "day",
              [("actor:3", "source"), ("actor:5", "target")], [b.span("Russia accused Ukraine")],
              date_text="1 May"),
    ]
    statements = [ExtractedStatement(
        key="statement:1", speaker_key="actor:2", cue="say", text="Dushanbe values the partnership",
        direct_quote=False, evidence=b.span("Petrov said Dushanbe values the partnership."), event_key="event:1")]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=PUBLISHED,
                             extractor_version="test", actors=actors, events=events, statements=statements)


def add_document(session: Session, extracted: ExtractedDocument, outlet: str) -> Document:
    """Store the document row and its extraction, as the documents service does."""
    doc = Document(sha256=hashlib.sha256(extracted.text.encode()).hexdigest(), outlet=outlet, text=extracted.text,
                   published=extracted.published, extractor_version=extracted.extractor_version)
    session.add(doc)
    session.flush()
    record(session, "document", doc.id, "created")
    store_extraction(session, doc, extracted)
    session.commit()
    return doc


def _sorted(rows) -> list:
    """Sort rows that may hold None next to values."""
    return sorted(rows, key=repr)


def dump(session: Session) -> dict:
    """Everything in the KB, without ids: actors by name, events by (type, date, cast), documents by sha256."""
    sha = {d.id: d.sha256[:8] for d in session.exec(select(Document)).all()}
    names = {a.id: a.name for a in session.exec(select(Actor)).all()}

    def cast(event_id: int) -> tuple:
        return tuple(sorted({names[p.actor_id] for p in session.exec(
            select(EventParticipant).where(EventParticipant.event_id == event_id)).all()}))

    places = {p.id: p.key for p in session.exec(select(Place)).all()}  # place ids depend on order, keys not
    events = {e.id: (e.type, str(e.date_start), cast(e.id)) for e in session.exec(select(Event)).all()}
    actors = []
    for a in session.exec(select(Actor)).all():
        aliases = sorted(r.alias for r in session.exec(select(ActorAlias).where(ActorAlias.actor_id == a.id)).all())
        actors.append((a.key, a.name, a.type, a.role, names.get(a.country_id), a.description, tuple(aliases),
                       places.get(a.place_id)))
    evidence = _sorted((e.kind, sha[e.document_id], e.start, e.end, e.sentence, names.get(e.actor_id),
                       events.get(e.event_id)) for e in session.exec(select(Evidence)).all())
    fused = _sorted((*events[e.id], e.mode, e.summary, str(e.date_end), e.date_precision, e.date_text, e.location,
                    e.confidence, tuple(sorted(e.numbers.items())), e.fatalities, e.affected, places.get(e.place_id),
                    e.sources_count, e.independent_sources)
                   for e in session.exec(select(Event)).all())
    reports = _sorted((events[r.event_id], sha[r.document_id], r.type, str(r.date_start), r.characterization,
                      tuple(sorted(r.numbers.items())), r.date_derived, r.date_text, r.anchor_days)
                     for r in session.exec(select(EventReport)).all())
    participants = _sorted((events[p.event_id], names[p.actor_id], p.role, sha[p.document_id])
                          for p in session.exec(select(EventParticipant)).all())
    claims = _sorted((events[c.event_id], sha[c.document_id], c.kind, c.attribute, c.value, c.start, c.end, c.quote)
                    for c in session.exec(select(Claim)).all())
    statements = _sorted((names.get(s.speaker_id), sha[s.document_id], events.get(s.event_id), s.cue, s.text,
                         str(s.date_start)) for s in session.exec(select(Statement)).all())
    return {"actors": _sorted(actors), "events": fused, "reports": reports, "participants": participants,
            "claims": claims, "statements": statements, "evidence": evidence}


def emptied(engine) -> Session:
    """A session on the same database with every table emptied, to build a reference KB within one test."""
    from sqlmodel import SQLModel, delete

    with Session(engine) as s:
        for table in reversed(SQLModel.metadata.sorted_tables):
            s.exec(delete(table))
        s.commit()
    return Session(engine, expire_on_commit=False)


def actor_rollup(session: Session) -> dict:
    """The per-actor timeline rollup as stored (non-zero rows), keyed (actor, bucket, period, type)."""
    return {(c.actor_id, c.bucket, c.period, c.type): c.n for c in session.exec(select(ActorEventCount)).all() if c.n}


def actor_recount(session: Session) -> dict:
    """The same rollup counted afresh from the events."""
    return {k: n for k, n in recount_actors(session).items() if n}
