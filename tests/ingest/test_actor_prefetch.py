"""The resolver's prefetch: one statement finds the actors sharing a name or name key and reads their facts."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from app.extract.types import ExtractedDocument
from app.ingest.accounts import tally_of
from app.ingest.matching_actors import profile
from app.ingest.resolver import ActorResolver
from app.models import Actor
from tests.ingest.kb import Builder, actor, add_document


def _doc(sentence: str, *specs) -> ExtractedDocument:
    b = Builder()
    b.sentence(sentence)
    actors = [actor(f"actor:{i}", name, type_, country=country, mentions=[b.span(name)])
              for i, (name, type_, country) in enumerate(specs, 1)]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=date(2024, 5, 1),
                             extractor_version="test", actors=actors)


def _kb(session):
    add_document(session, _doc("Velmor Draskin met Velmor Quint in Zandoria.",
                               ("Velmor Draskin", "person", "Zandoria"), ("Velmor Quint", "person", "Zandoria"),
                               ("Zandoria", "country", None)), outlet="Outlet A")
    add_document(session, _doc("Harbor Guard of Zandoria and Harbor Guard of Quellany patrolled.",
                               ("Harbor Guard", "group", "Zandoria"), ("Zandoria", "country", None),
                               ("Quellany", "country", None)), outlet="Outlet B")
    add_document(session, _doc("The Harbor Guard of Quellany patrolled again.",
                               ("Harbor Guard", "group", "Quellany"), ("Quellany", "country", None)),
                 outlet="Outlet C")
    return add_document(session, _doc("Nothing of note happened.", ), outlet="Outlet D")


def _id(session, name: str, country: str | None = None) -> int:
    rows = session.exec(select(Actor).where(Actor.name == name)).all()
    if country is not None:
        country_id = session.exec(select(Actor.id).where(Actor.name == country, Actor.type == "country")).one()
        rows = [a for a in rows if a.country_id == country_id]
    assert len(rows) == 1
    return rows[0].id


def test_prefetch_reads_the_facts_of_everyone_sharing_a_name_word(session):
    doc = _kb(session)
    resolver = ActorResolver(session, doc)
    wanted = profile("person", ["Velmor"], None, None)
    resolver.prefetch([wanted])
    draskin, quint = _id(session, "Velmor Draskin"), _id(session, "Velmor Quint")
    for actor_id in (draskin, quint):  # found by the key "w:velmor", facts read with it
        stored = session.get(Actor, actor_id)
        row = resolver._get(actor_id)
        assert (row.id, row.type, row.name, row.role, row.country_id) == (
            stored.id, "person", stored.name, None, stored.country_id)
        assert resolver._aliases[actor_id] == [stored.name]
    assert resolver._candidates(wanted) == sorted([draskin, quint])
    assert resolver._find_match(wanted) is None  # a bare word that could be either: neither is certain


def test_prefetch_of_a_full_name_skips_those_sharing_only_its_given_name(session):
    doc = _kb(session)
    resolver = ActorResolver(session, doc)
    wanted = profile("person", ["Velmor Oskarsson"], None, None)
    resolver.prefetch([wanted])
    draskin, quint = _id(session, "Velmor Draskin"), _id(session, "Velmor Quint")
    assert draskin not in resolver._aliases and quint not in resolver._aliases
    assert resolver._candidates(wanted) == []
    # a spelling variant of one of them is found through its shape ("p:vel qui")
    variant = profile("person", ["Velmor Quintt"], None, None)
    resolver.prefetch([variant])
    assert resolver._candidates(variant) == [quint]


def test_prefetch_skips_the_aliases_of_another_countrys_namesake(session):
    doc = _kb(session)
    resolver = ActorResolver(session, doc)
    wanted = profile("group", ["Harbor Guard"], None, "Quellany")
    resolver.prefetch([wanted])
    ours, theirs = _id(session, "Harbor Guard", "Quellany"), _id(session, "Harbor Guard", "Zandoria")
    # the statement itself leaves out the namesake placed in a country no profile names: neither its facts nor its
    # aliases are read (a knowledge base holds one "police" per country)
    assert theirs not in resolver._rows and theirs not in resolver.actors and theirs not in resolver._aliases
    assert ours in resolver._aliases
    assert resolver._find_match(wanted).id == ours
    # the tally of the namesake sharing the whole name is read with it, for the fusion that follows a match
    assert resolver._others[ours].counts == tally_of(session, ours).counts
    assert resolver._others[ours].counts["country"] == {"Quellany": 1}
    assert theirs not in resolver._others


def test_prefetch_keeps_a_namesake_whose_country_this_document_names(session):
    """The other country is itself found by one of the document's names: it may be renamed by this document,
    so its namesake is read and kept, as `could_match` keeps it."""
    doc = _kb(session)
    resolver = ActorResolver(session, doc)
    wanted = profile("group", ["Harbor Guard"], None, "Quellany")
    resolver.prefetch([wanted, profile("country", ["Zandoria"], None, None)])
    ours, theirs = _id(session, "Harbor Guard", "Quellany"), _id(session, "Harbor Guard", "Zandoria")
    assert ours in resolver._aliases and theirs in resolver._aliases
    assert resolver._find_match(wanted).id == ours


def test_prefetch_keeps_every_namesake_for_a_profile_without_country(session):
    doc = _kb(session)
    resolver = ActorResolver(session, doc)
    placed = profile("group", ["Harbor Guard"], None, "Quellany")
    unplaced = profile("group", ["Harbor Guard"], None, None)
    resolver.prefetch([placed, unplaced])
    ours, theirs = _id(session, "Harbor Guard", "Quellany"), _id(session, "Harbor Guard", "Zandoria")
    assert ours in resolver._aliases and theirs in resolver._aliases
    assert resolver._find_match(placed).id == ours
    assert resolver._find_match(unplaced).id == min(ours, theirs)  # a tie goes to the oldest
