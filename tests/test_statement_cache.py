"""A list page reuses the statement of an earlier page of the same shape, with its own values."""

from __future__ import annotations

from datetime import date

from app import statement_cache
from tests.factories import add_actor, add_document, add_statement


def test_a_reused_statement_answers_with_the_new_request_s_values(client, session, monkeypatch):
    doc = add_document(session, "Two speakers said different things about the harvest.", outlet="Farm Weekly",
                       published=date(2022, 3, 4))
    first, second = add_actor(session, "Ada Quill", "person"), add_actor(session, "Bo Marsh", "person")
    add_statement(session, doc, first, "the harvest was early", when=date(2022, 3, 1))
    add_statement(session, doc, second, "the harvest was late", when=date(2022, 3, 2))
    add_statement(session, doc, second, "prices will rise", when=date(2022, 3, 3))
    session.commit()
    built = []
    real_get = statement_cache.get

    def counting_get(conn, varying, key, build):
        return real_get(conn, varying, key, lambda: built.append(key) or build())

    monkeypatch.setattr(statement_cache, "get", counting_get)
    monkeypatch.setattr(statement_cache, "_cache", {})
    monkeypatch.setattr(statement_cache, "VERIFY", False)  # it rebuilds on every reuse: count the real builds
    answers = {}
    for actor in (first, second, first):
        body = client.get("/api/v1/statements", params={"speaker": actor.id}).json()
        answers.setdefault(actor.id, []).append([(i["speaker"]["actor_id"], i["text"]) for i in body["items"]])
        assert body["total"] == len(body["items"])
    assert answers[first.id] == [[(first.id, "the harvest was early")]] * 2
    assert answers[second.id] == [[(second.id, "prices will rise"), (second.id, "the harvest was late")]]
    assert len(built) == 1  # the other two pages reused it
