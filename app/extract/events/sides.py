"""Sides of a happening: a country and its own state bodies stand for one party when mentions are matched.

"Chile fined the firms ..." and later "fines set by the Chilean administration" name the country and then its
government; the actor step keeps them apart (they are two actors), but as parties of one directed happening they
are one side. Two bodies of one country ("the police", "the government") are not one side, and the finder asks
only for directed types: clashes and talks recur between the same two countries.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from app.extract.actors.index import ActorIndex
from app.extract.lexicon import lexicon

# types whose two sides act alike: "X met Y" and "Y met X" tell one meeting
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "FIGHT", "AGREE"})


def country_sides(actors: ActorIndex) -> Callable[[str], str | None]:
    """actor key -> the key of the country actor it is (a country) or belongs to (an organization), "people of
    <country>" for a group of a country, else None."""
    country_keys = {a.name: a.key for a in actors.actors if a.type == "country"}

    def side(key: str) -> str | None:
        actor = actors.get(key)
        if actor is not None and actor.type == "group" and actor.country:
            return f"people of {actor.country}"  # "Kenyan citizens", "Protesters (Kenya)": see `same_side`
        if actor is None or actor.type not in ("country", "organization"):
            return None
        return key if actor.type == "country" else country_keys.get(actor.country or "")

    return side


def same_side(type_a: str, parts_a: list[tuple[str, str]], type_b: str, parts_b: list[tuple[str, str]],
              side: Callable[[str], str | None]) -> bool:
    """Whether two mentions name a country and one of its own bodies in the same role (and never in opposite
    roles, which makes them two happenings)."""
    if type_a in SYMMETRIC_TYPES or type_b in SYMMETRIC_TYPES:
        return False
    a = [(k, side(k), r) for k, r in parts_a]
    b = [(k, side(k), r) for k, r in parts_b]
    # a body and the country itself, not two bodies of one country ("the police" is not "the government")
    # in a protest, a country's people ("Bolivian citizens marched") are its protesters
    crowd = type_a == type_b == "PROTEST"
    pairs = [(r1, r2) for k1, s1, r1 in a for k2, s2, r2 in b if s1 is not None and s1 == s2 and k1 != k2
             and (s1 in (k1, k2) or (crowd and s1.startswith("people of ")))]
    if any({r1, r2} == {"source", "target"} for r1, r2 in pairs):
        return False
    return bool(pairs)


def credit_crowd(events: list, actors: ActorIndex) -> None:
    """A protest with no doer named ("a large union march took place on Sunday") is by the article's
    protesters, when it names exactly one protesters agent ("Protesters (Kenya)"). `events` are the finder's."""
    template = lexicon().words.actors.agents["protesters"].name
    pattern = re.compile(re.escape(template).replace(re.escape("{country}"), ".+"))
    keys = [a.key for a in actors.actors if pattern.fullmatch(a.name)]
    if len(keys) != 1:
        return
    for e in events:
        if e.type == "PROTEST" and not any(r == "source" for m in e.mentions for _, r in m.parts):
            e.mentions[0].parts.append((keys[0], "source"))
