"""The scorer's matching rules and the cause given for each miss, on hand-written API items (no database)."""

from __future__ import annotations

from app.evaluate.scoring import Scorer, date_ok, norm, prepare_gold, same_name


def _gold(**parts):
    base = {"actors": [
        {"name": "Maria Lindqvist", "type": "person", "aliases": ["Lindqvist", "she"]},
        {"name": "Norway", "type": "country", "aliases": ["Oslo"]},
        {"name": "Ministry of Foreign Affairs of Norway", "type": "organization", "country": "Norway",
         "aliases": ["the Norwegian foreign ministry"]},
        {"name": "fishermen", "type": "group"},
    ], "events": [], "statements": []}
    base.update(parts)
    return prepare_gold(base)


def _actor(i, name, type_="person", aliases=()):
    return {"id": i, "name": name, "type": type_, "aliases": list(aliases)}


def _event(i, type_, date, *names):
    return {"id": i, "type": type_, "date": date, "participants": [{"actor": {"name": n}} for n in names],
            "sources": [{"document_id": 1}]}


def test_folding_and_near_spellings():
    assert norm("The Ministry's  Office!") == "ministry office"
    assert norm("Ministry’s") == "ministrys"  # a curly apostrophe is folded away before the possessive rule
    assert same_name("Sergey Petrovsky", "Sergei Petrovsky")
    assert not same_name("Iran", "Iraq")  # short names must be equal after folding


def test_dates_match_at_the_gold_precision_or_a_month_prefix():
    assert date_ok("2023-05-04", "2023-05-04")
    assert date_ok("2023-05-04", "2023-05")  # a month-precise system date is accepted for a day in it
    assert not date_ok("2023-05-04", "2023")  # a year is too coarse
    assert not date_ok("2023-05-04", None)
    assert date_ok(None, None)


def test_defaults_follow_the_scorer():
    g = _gold(events=[{"summary": "x", "type": "STATEMENT"}, {"summary": "y", "type": "ATTACK"}],
              statements=[{"speaker": "Norway", "text": "t"}])
    assert [a["required"] for a in g["actors"]] == [True, True, True, False]  # groups are optional
    assert g["actors"][0]["aliases"] == ["Lindqvist"]  # pronouns dropped
    assert [e["required"] for e in g["events"]] == [False, True]
    assert g["events"][1]["types"] == ["ASSAULT", "FIGHT"]
    assert g["statements"][0]["id"] == "s0"


def test_actor_misses_duplicates_and_extras():
    score = Scorer(_gold()).score([
        _actor(1, "Maria Lindqvist"), _actor(2, "Lindqvist"), _actor(3, "Oslo", "location"),
        _actor(4, "Reuters", "organization"),
    ], [], [])
    a = score.actors
    assert (a.required, a.found) == (3, 2)  # Norway is found through its alias "Oslo"
    assert {m["name"]: m["cause"] for m in a.misses} == {
        "Ministry of Foreign Affairs of Norway": "missing", "Maria Lindqvist": "duplicate"}
    assert score.duplicates == {"Maria Lindqvist": ["Maria Lindqvist", "Lindqvist"]}
    assert a.precision == 2 / 4  # the duplicate and the unknown outlet both count against precision
    assert [e["name"] for e in a.extras] == ["Reuters"]


def test_event_miss_causes_in_the_scorers_order():
    gold = _gold(events=[
        {"id": "trigger", "summary": "a", "type": "ARREST", "date": "2023-06-04", "actors": ["Norway"]},
        {"id": "type", "summary": "b", "type": "MEET", "date": "2023-05-06", "actors": ["Maria Lindqvist"]},
        {"id": "date", "summary": "c", "type": "ATTACK", "date": "2023-05-01", "actors": ["fishermen"]},
        {"id": "cast", "summary": "d", "type": "DEMAND", "date": "2023-05-02", "actors": ["Norway"]},
        {"id": "hit", "summary": "e", "type": "REJECT", "date": "2023-05", "actors": ["Norway"]},
    ])
    events = [
        _event(10, "ACCUSE", "2023-05-06", "Maria Lindqvist"),
        _event(11, "ASSAULT", "2023-04-30", "fishermen"),
        _event(12, "REQUEST", "2023-05-02", "fishermen"),
        _event(13, "DISAPPROVE", "2023-05", "Norway"),
    ]
    score = Scorer(gold).score([], events, [])
    causes = {m["id"]: m["cause"] for m in score.events.misses}
    assert causes == {"trigger": "no trigger", "type": "wrong type", "date": "wrong date",
                      "cast": "no shared participant"}
    assert score.matched_events == {"hit": {"system_id": 13, "sources": 1}}
    assert score.events.precision == 1 / 4
    assert {e["id"] for e in score.events.extras} == {10, 11, 12}


def test_an_earlier_gold_event_can_take_the_only_fitting_event():
    gold = _gold(events=[
        {"id": "first", "summary": "a", "type": "ATTACK", "date": "2023-05", "actors": ["fishermen"]},
        {"id": "second", "summary": "b", "type": "KILL", "date": "2023-05-04", "actors": ["fishermen"]},
    ])
    score = Scorer(gold).score([], [_event(1, "ASSAULT", "2023-05-04", "fishermen")], [])
    assert score.events.found == 1
    assert score.events.misses[0]["id"] == "second"
    assert score.events.misses[0]["cause"] == "taken by another gold event"


def test_statement_speaker_sides_and_causes():
    gold = _gold(statements=[
        {"id": "side", "speaker": "Norway", "words": ["quota", "talks", "resume", "autumn"]},
        {"id": "speaker", "speaker": "Maria Lindqvist", "text": "the harbour tariffs were unfair to fishermen"},
        {"id": "words", "speaker": "Maria Lindqvist", "text": "negotiators met twice in Bergen"},
    ])
    statements = [
        {"id": 1, "speaker": {"name": "the Norwegian foreign ministry"}, "text": "quota talks resume in autumn"},
        {"id": 2, "speaker": {"name": "Norway"}, "text": "harbour tariffs were unfair to fishermen"},
        {"id": 3, "speaker": {"name": "Lindqvist"}, "text": "the weather was fine"},
    ]
    score = Scorer(gold).score([], [], statements)
    s = score.statements
    assert (s.required, s.found) == (3, 1)  # the ministry speaks for its country's side
    causes = {m["id"]: m for m in s.misses}
    assert causes["speaker"]["cause"] == "wrong speaker" and causes["speaker"]["stored_speaker"] == "Norway"
    assert causes["words"]["cause"] == "no match" and causes["words"]["best_overlap_same_speaker"] == 0.0
    assert s.precision == 1 / 3


def test_sides_persist_across_a_run_when_shared():
    first = _gold()
    second = {"actors": [{"name": "Norway", "type": "country"},
                         {"name": "Ministry of Foreign Affairs of Norway", "type": "organization"}],
              "events": [], "statements": [{"speaker": "Norway", "text": "quota talks resume"}]}
    prepare_gold(second)
    said = [{"id": 1, "speaker": {"name": "Ministry of Foreign Affairs of Norway"}, "text": "quota talks resume"}]
    sides: dict = {}
    Scorer(first, sides)
    assert Scorer(second, sides).score([], [], said).statements.found == 1
    assert Scorer(second).score([], [], said).statements.found == 0  # a fresh run has not learnt that side
