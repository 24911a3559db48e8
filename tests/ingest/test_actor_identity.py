"""One real actor, one row across documents: a one-word name joins the full name it is part of when country, role
or a co-mentioned country agree; conflicting or ambiguous evidence keeps it apart; the order does not matter."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from app.actors.identity import actor_detail
from app.extract.types import ExtractedDocument
from app.ingest.matching_actors import explain, match_score, profile
from app.models import Actor
from tests.ingest.kb import Builder, actor, add_document


def _doc(sentence: str, *specs) -> ExtractedDocument:
    """specs: (name, type, role, country, surface) per actor."""
    b = Builder()
    b.sentence(sentence)
    actors = [actor(f"actor:{i}", name, type_, role=role, country=country, mentions=[b.span(surface)])
              for i, (name, type_, role, country, surface) in enumerate(specs, 1)]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=date(2024, 5, 1),
                             extractor_version="test", actors=actors)


FULL = _doc("Ecuadorean President Lenin Moreno met traders in Guayaquil.",
            ("Lenin Moreno", "person", "President of Ecuador", "Ecuador", "Lenin Moreno"),
            ("Ecuador", "country", None, None, "Ecuadorean"))
BARE = _doc("Moreno told Ecuador's farmers the subsidy would stay.",
            ("Moreno", "person", None, None, "Moreno"), ("Ecuador", "country", None, None, "Ecuador"))
FAMILY_FIRST_FULL = _doc("Prime Minister Park Min-jun of South Korea opened the session.",
                         ("Park Min-jun", "person", "Prime Minister", "South Korea", "Park Min-jun"),
                         ("South Korea", "country", None, None, "South Korea"))
FAMILY_FIRST_BARE = _doc("Park addressed South Korea's farmers on Friday.",
                         ("Park", "person", None, None, "Park"), ("South Korea", "country", None, None, "South Korea"))
ELSEWHERE = _doc("Moreno, a Spanish banker, spoke in Madrid.", ("Moreno", "person", None, "Spain", "Moreno"),
                 ("Spain", "country", None, None, "Spanish"))


def _people(session: Session) -> list[str]:
    return sorted(a.name for a in session.exec(select(Actor).where(Actor.type == "person")).all())


def test_a_surname_joins_the_full_name_when_a_co_mentioned_country_agrees():
    bare = profile("person", ["Moreno"], None, None, ["Ecuador"])
    full = profile("person", ["Lenin Moreno"], "President of Ecuador", "Ecuador", ["Ecuador"])
    assert match_score(bare, full) == 1.0
    assert "'moreno' is part of 'lenin moreno'" in explain(bare, full)
    assert "ecuador" in explain(bare, full)


def test_a_family_name_written_first_joins_the_full_name():
    assert match_score(profile("person", ["Park"], None, None, ["South Korea"]),
                       profile("person", ["Park Min-jun"], None, "South Korea")) == 1.0


def test_a_surname_stays_apart_without_evidence_or_with_conflicting_evidence():
    full = profile("person", ["Lenin Moreno"], "President of Ecuador", "Ecuador")
    assert match_score(profile("person", ["Moreno"], None, None, ["Chile"]), full) == 0
    assert match_score(profile("person", ["Moreno"], None, "Spain", ["Ecuador", "Spain"]), full) == 0
    assert explain(profile("person", ["Moreno"], None, "Spain"), full).startswith("countries conflict")
    assert match_score(profile("person", ["Moreno"], "Central Bank Governor", None, ["Ecuador"]), full) == 0


@pytest.mark.parametrize("docs", [(FULL, BARE), (BARE, FULL), (FAMILY_FIRST_BARE, FAMILY_FIRST_FULL)])
def test_surname_only_article_and_full_name_article_give_one_actor_in_either_order(session, docs):
    for n, doc in enumerate(docs):
        add_document(session, doc, f"Outlet {n}")
    people = _people(session)
    assert people in (["Lenin Moreno"], ["Park Min-jun"])
    detail = actor_detail(session, session.exec(select(Actor.id).where(Actor.name == people[0])).one())
    reasons = {link["name"]: link["reason"] for link in detail["identity"]}
    bare = "Moreno" if people == ["Lenin Moreno"] else "Park"
    assert "is part of" in reasons[bare] and "country" in reasons[bare]
    assert {bare} <= set(next(link["forms"] for link in detail["identity"] if link["name"] == bare))


@pytest.mark.parametrize("order", [(FULL, BARE, ELSEWHERE), (ELSEWHERE, BARE, FULL), (BARE, ELSEWHERE, FULL)])
def test_the_same_actors_whatever_the_order_and_a_conflicting_namesake_stays_apart(session, order):
    for n, doc in enumerate(order):
        add_document(session, doc, f"Outlet {n}")
    rows = session.exec(select(Actor).where(Actor.type == "person")).all()
    named = sorted((a.name, session.get(Actor, a.country_id).name if a.country_id else None) for a in rows)
    assert named == [("Lenin Moreno", "Ecuador"), ("Moreno", "Spain")]


def test_a_one_word_name_two_stored_people_share_names_neither(session):
    add_document(session, _doc("Ana Moreno of Ecuador spoke.", ("Ana Moreno", "person", None, "Ecuador",
                                                                 "Ana Moreno")), "A")
    add_document(session, FULL, "B")
    add_document(session, BARE, "C")
    assert _people(session) == ["Ana Moreno", "Lenin Moreno", "Moreno"]


def test_get_actor_explains_its_sources(client, engine):
    with Session(engine, expire_on_commit=False) as session:
        add_document(session, FULL, "A")
        add_document(session, BARE, "B")
        actor_id = session.exec(select(Actor.id).where(Actor.name == "Lenin Moreno")).one()
    body = client.get(f"/api/v1/actors/{actor_id}")
    assert body.status_code == 200
    identity = body.json()["identity"]
    assert [link["name"] for link in identity] == ["Lenin Moreno", "Moreno"]
    assert identity[1]["forms"] == ["Moreno"]
    assert identity[1]["reason"].startswith("'moreno' is part of 'lenin moreno'")
    assert identity[0]["reason"].startswith("'moreno' is part of 'lenin moreno'")
