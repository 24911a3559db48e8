"""Candidate events looked up around a dated account's date (app.ingest.nearby) are the plain lookup's less those
dated apart, for every kind of view: with a cast, with a country's agent, naming nobody."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import select

from app.extract.types import ExtractedDocument
from app.ingest.context import with_context
from app.ingest.derived import max_span_days
from app.ingest.fusion import candidate_ids, dated_apart, new_view
from app.ingest.matching_events import EventView
from app.models import Actor, Event
from tests.ingest.kb import Builder, actor, add_document, event

DAY = date(2024, 3, 14)
# (type, start, end, precision, cast): days around DAY, the month and year holding it, an interval, undated
SHAPES = [
    ("PROTEST", DAY, DAY, "day", "both"),
    ("PROTEST", DAY - timedelta(days=1), DAY - timedelta(days=1), "day", "both"),
    ("PROTEST", DAY + timedelta(days=40), DAY + timedelta(days=40), "day", "both"),
    ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "both"),
    ("PROTEST", date(2024, 2, 1), date(2024, 2, 29), "month", "both"),
    ("PROTEST", date(2024, 1, 1), date(2024, 12, 31), "year", "both"),
    ("PROTEST", date(2023, 1, 1), date(2023, 12, 31), "year", "both"),
    ("PROTEST", date(2024, 3, 10), date(2024, 3, 20), "week", "agent"),
    ("PROTEST", None, None, "unknown", "agent"),
    ("PROTEST", DAY, DAY, "day", "none"),
    ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "none"),
    ("PROTEST", DAY + timedelta(days=3), DAY + timedelta(days=3), "day", "none"),
    ("PROTEST", None, None, "unknown", "none"),
    ("ACCUSE", DAY, DAY, "day", "both"),
    ("ACCUSE", date(2022, 6, 1), date(2022, 6, 30), "month", "both"),
    ("COERCE", DAY, DAY, "day", "both"),
]


def _document(index: int, shape: tuple, placed: bool = True) -> ExtractedDocument:
    """One invented article: Dravonia's police and the Kestrel Union, or nobody, at one of the SHAPES."""
    type_, start, end, precision, cast = shape
    b = Builder()
    b.sentence(f"Report {index} from Dravonia.")
    b.sentence("Officers of the Dravonian police faced members of the Kestrel Union.")
    b.sentence(f"Something happened there, item {index}.")
    actors = [
        actor("actor:1", "Dravonia", "country", mentions=[b.span("Dravonia")]),
        actor("actor:2", "Police Forces of Dravonia", "organization", country="Dravonia",
              mentions=[b.span("Dravonian police")]),
        actor("actor:3", "Kestrel Union", "organization", mentions=[b.span("Kestrel Union")]),
    ]
    participants = {"both": [("actor:2", "source"), ("actor:3", "target")], "agent": [("actor:2", "source")],
                    "none": []}[cast]
    # each at its own invented place, so none fuses with another: the lookups see every shape
    place = f"Zorvik {chr(65 + index)}hall" if placed and index < 999 else None
    events = [event("event:1", type_, start, end, precision, participants, [b.span(f"item {index}")],
                    summary=f"event {index}", location=place)]
    return ExtractedDocument(text=b.text, body_end=len(b.text), language="en", published=date(2024, 6, 1),
                             extractor_version="test", actors=actors, events=events)


def _probe(session, type_, start, end, precision, cast):
    extracted = _document(999, (type_, start, end, precision, cast))
    ids = {a.name: a.id for a in session.exec(select(Actor)).all()}
    actor_ids = {a.key: ids[a.name] for a in extracted.actors}
    return with_context(session, [new_view(extracted.events[0], actor_ids)])[0]


def test_near_candidates_are_the_plain_ones_less_those_dated_apart(session):
    for index, shape in enumerate(SHAPES):
        add_document(session, _document(index, shape), f"outlet-{index}")
    assert max_span_days(session) == 365  # the year 2024
    dated = {e.id: (e.date_start, e.date_end) for e in session.exec(select(Event)).all()}
    probes = [("PROTEST", DAY, DAY, "day", c) for c in ("both", "agent", "none")] + [
        ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "both"),
        ("PROTEST", DAY + timedelta(days=40), DAY + timedelta(days=40), "day", "agent"),
        ("ACCUSE", DAY, DAY, "day", "both"),
        ("COERCE", date(2021, 5, 5), date(2021, 5, 5), "day", "both"),
    ]
    kept_any = dropped_any = 0
    for probe in probes:
        view = _probe(session, *probe)
        plain = candidate_ids(session, view)
        near = candidate_ids(session, view, near=True)
        apart = dated_apart(session, view, set(plain))
        assert near == [i for i in plain if i not in apart], probe
        kept_any += len(near)
        dropped_any += len(apart)
        end = view.date_end or view.date_start
        for i in near:  # each overlaps the view's dates, or is undated
            s, e = dated[i]
            assert s is None or (s <= end and (e or s) >= view.date_start), (probe, i)
    assert kept_any and dropped_any  # both sides of the window were exercised

    # the day's protest with a cast finds the events on its day, in its week, month and year, undated ones, and
    # the cast-less ones on overlapping dates or undated; none on other days, months or years
    types = {e.id: e.type for e in session.exec(select(Event)).all()}
    view = _probe(session, "PROTEST", DAY, DAY, "day", "both")
    found = sorted(((types[i],) + dated[i] for i in candidate_ids(session, view, near=True)), key=repr)
    want = [(type_, start, end) for type_, start, end, _, _ in SHAPES
            if type_ != "COERCE" and (start is None or (start <= DAY <= end))]
    assert found == sorted(want, key=repr)
    assert len(found) == 9


def test_an_undated_view_looks_everywhere(session):
    for index, shape in enumerate(SHAPES[:6]):
        add_document(session, _document(index, shape), f"outlet-{index}")
    view = _probe(session, "PROTEST", None, None, "unknown", "both")
    assert candidate_ids(session, view, near=True) == candidate_ids(session, view)
    assert len(candidate_ids(session, view)) == 6


def test_the_split_reads_only_vague_accounts_that_may_fit_the_new_day(session):
    """A month-dated account fused with a day-dated one is read for a new day in that month, of a type of its
    family; not for a day of another month or an unrelated type (`event_match` rejects those outright); an
    undated account is read for any day."""
    from app.ingest.vague import _with_vague

    add_document(session, _document(0, ("PROTEST", date(2024, 3, 5), date(2024, 3, 5), "day", "both"), False), "a")
    month = add_document(session, _document(1, ("PROTEST", date(2024, 3, 1), date(2024, 3, 31), "month", "both"),
                                            False), "b")
    [fused] = session.exec(select(Event)).all()
    assert fused.sources_count == 2 and fused.date_start == date(2024, 3, 5)
    other = month.id + 1  # the document that would split it

    def vague_for(type_, day, document_id=other):
        view = EventView(type_, day, day, None, frozenset(), None, "day")
        return _with_vague(session, [fused.id], document_id, view)

    assert vague_for("PROTEST", date(2024, 3, 20)) == {fused.id}
    assert vague_for("ACCUSE", date(2024, 3, 31)) == {fused.id}  # a type of its family, the month's last day
    assert vague_for("PROTEST", date(2024, 4, 1)) == set()
    assert vague_for("COERCE", date(2024, 3, 20)) == set()
    assert vague_for("PROTEST", date(2024, 3, 20), month.id) == set()  # its own account is not another's

    add_document(session, _document(2, ("PROTEST", None, None, "unknown", "both"), False), "c")
    assert session.get(Event, fused.id).sources_count == 3
    assert vague_for("PROTEST", date(2024, 4, 1), month.id + 2) == {fused.id}


def test_a_country_is_looked_up_through_the_actors_that_can_stand_for_it(session):
    """Its state agents and its protesters; never its people or its named organisations, nor another country's."""
    from app.ingest.context import DocumentFacts, standing_for

    def add(name, type_, country_id=None):
        row = Actor(key=f"{type_}:{name.lower()}", name=name, type=type_, country_id=country_id)
        session.add(row)
        session.flush()
        return row.id

    dravonia, tarsk = add("Dravonia", "country"), add("Tarsk", "country")
    police = add("Police Forces of Dravonia", "organization", dravonia)
    protesters = add("Protesters (Dravonia)", "group", dravonia)
    add("Dravonian Red Cross", "organization", dravonia)
    add("Kestrel Union", "group", dravonia)
    add("Mira Oskarova", "person", dravonia)
    tarsk_army = add("Military Forces of Tarsk", "organization", tarsk)
    assert standing_for(session, [dravonia]) == sorted([dravonia, police, protesters])
    assert standing_for(session, [dravonia, tarsk]) == sorted([dravonia, police, protesters, tarsk, tarsk_army])
    # kept per country for a document's lookups: each country read once, the same answers in any combination
    facts = DocumentFacts()
    assert standing_for(session, [tarsk], facts) == sorted([tarsk, tarsk_army])
    assert facts.agents == {tarsk: [tarsk_army]}
    assert standing_for(session, [dravonia, tarsk], facts) == sorted([dravonia, police, protesters, tarsk, tarsk_army])
    assert sorted(facts.agents) == [dravonia, tarsk]
    facts.agents[tarsk] = []  # what is kept is what is used: a country already read is not read again
    assert standing_for(session, [tarsk], facts) == [tarsk]
