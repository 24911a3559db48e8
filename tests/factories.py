"""Build knowledge-base rows directly through the models, so API tests don't depend on extraction quality."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlmodel import Session

from app.ingest.derived import event_changed, event_key
from app.models import (
    Actor,
    ActorAlias,
    Document,
    DocumentSource,
    Event,
    EventParticipant,
    EventReport,
    Evidence,
    Statement,
)
from app.text import normalize


def add_document(session: Session, text: str, *, outlet: str | None = None, cites: list[str] | None = None,
                 published: date | None = date(2024, 5, 1), title: str | None = None) -> Document:
    doc = Document(sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, outlet=outlet, cites=cites or [],
                   published=published, title=title, extractor_version="test")
    session.add(doc)
    session.flush()
    for name, kind in [(outlet, "outlet")] + [(c, "cited") for c in cites or []]:
        if name:
            session.add(DocumentSource(document_id=doc.id, name=name, normalized=normalize(name), kind=kind))
    return doc


def add_actor(session: Session, name: str, kind: str, aliases: list[str] = (), country: Actor | None = None,
              role: str | None = None) -> Actor:
    actor = Actor(key=f"{kind}:{normalize(name)}", name=name, type=kind, role=role,
                  country_id=country.id if country else None)
    session.add(actor)
    session.flush()
    for alias in {name, *aliases}:
        session.add(ActorAlias(actor_id=actor.id, alias=alias, normalized=normalize(alias)))
    return actor


def add_event(session: Session, doc: Document, kind: str, start: date | None, end: date | None = None, *,
              precision: str = "day", participants: list[tuple[Actor, str]] = (), summary: str = "",
              span: tuple[int, int] = (0, 10), mode: str | None = None) -> Event:
    fields = {"type": kind, "mode": mode, "summary": summary or f"{kind} event", "date_start": start,
              "date_end": end or start, "date_precision": precision if start else "unknown"}
    event = Event(**fields)
    session.add(event)
    session.flush()
    session.add(EventReport(event_id=event.id, document_id=doc.id, **fields))
    for actor, role in participants:
        session.add(EventParticipant(event_id=event.id, actor_id=actor.id, role=role, document_id=doc.id))
        session.add(Evidence(document_id=doc.id, start=span[0], end=span[1], kind="mention", actor_id=actor.id))
    session.add(Evidence(document_id=doc.id, start=span[0], end=span[1], sentence=doc.text[span[0]:span[1]],
                         kind="event", event_id=event.id))
    session.flush()
    # what refresh_event keeps for every stored event: participant dates, timeline rollup, max span
    event_changed(session, event.id, None, event_key(event))
    return event


def add_statement(session: Session, doc: Document, speaker: Actor | None, text: str, *, cue: str = "say",
                  event: Event | None = None, when: date | None = None, span: tuple[int, int] = (0, 10)) -> Statement:
    st = Statement(speaker_id=speaker.id if speaker else None, document_id=doc.id,
                   event_id=event.id if event else None, cue=cue, text=text, date_start=when, date_end=when,
                   date_precision="day" if when else "unknown")
    session.add(st)
    session.flush()
    session.add(Evidence(document_id=doc.id, start=span[0], end=span[1], kind="statement", statement_id=st.id))
    session.flush()
    return st


def small_kb(session: Session) -> dict:
    """Two documents, five actors, six events, three statements: enough to tell every filter apart."""
    d1 = add_document(session, "First article text about a telephone call and border checks.", outlet="Wire One",
                      cites=["TASS"], title="one")
    d2 = add_document(session, "Second article text about a protest note and arrests at the border.",
                      cites=["ASIA-Plus"], published=date(2024, 4, 29), title="two")
    ru = add_actor(session, "Russia", "country", ["the Russian Federation"])
    tj = add_actor(session, "Tajikistan", "country")
    lav = add_actor(session, "Sergey Lavrov", "person", ["Lavrov", "Сергей Лавров"], country=ru,
                    role="Minister of Foreign Affairs of Russia")
    muh = add_actor(session, "Sirojiddin Muhriddin", "person", ["Muhriddin"], country=tj)
    mfa = add_actor(session, "Ministry of Foreign Affairs of Tajikistan", "organization", country=tj)
    call = add_event(session, d1, "CONSULT", date(2024, 4, 30), participants=[(lav, "source"), (muh, "target")],
                     summary="ministers speak by telephone", mode="phone", span=(20, 40))
    note = add_event(session, d2, "DISAPPROVE", date(2024, 4, 29), participants=[(mfa, "source"), (ru, "target")],
                     summary="protest note handed over", span=(20, 40))
    arrests = add_event(session, d2, "COERCE", date(2024, 3, 1), date(2024, 3, 31), precision="month",
                        participants=[(ru, "source"), (tj, "target")], summary="arrests after the attack")
    attack = add_event(session, d1, "ASSAULT", date(2024, 3, 22), summary="gunmen attack a concert hall")
    undated = add_event(session, d1, "CONSULT", None, participants=[(lav, "source")], summary="talks someday")
    old = add_event(session, d2, "AGREE", date(2023, 1, 10), participants=[(ru, "source"), (tj, "target")],
                    summary="treaty signed")
    s1 = add_statement(session, d1, lav, "the checks are temporary", cue="stress", event=call, when=date(2024, 4, 30))
    s2 = add_statement(session, d2, mfa, "nationals were stranded at airports", cue="report", when=date(2024, 4, 28))
    s3 = add_statement(session, d2, None, "an unattributed remark", cue="say")
    session.commit()
    return {"docs": [d1, d2], "actors": {"ru": ru, "tj": tj, "lav": lav, "muh": muh, "mfa": mfa},
            "events": {"call": call, "note": note, "arrests": arrests, "attack": attack, "undated": undated,
                       "old": old},
            "statements": [s1, s2, s3]}
