"""Who takes part, told around the trigger rather than as its subject or object.

"a junta airstrike" (the doer in front of an event noun), "thanked X for hosting" (the doer of a gerund is the
verb's object), "brokered a deal between X and Y" (the parties of an accord the verb names). arguments.py asks
these; they read the parse and the actor index only.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.actors.index import ActorIndex
from app.extract.events.senses import direct_objects, phrase_keys
from app.extract.types import ExtractedActor

# deps through which a word modifies the noun it precedes
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


def credited_doer(verb: Token) -> list[Token]:
    """ "praised X for hosting", "thanked X for brokering": a gerund after "for" on a verb with an object is done by
    that object."""
    prep = verb.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.lower_ != "for" or prep.dep_ != "prep":
        return []
    return [t for c in prep.head.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]


def _between(tok: Token) -> list[Token]:
    """ "between X and Y": the coordinated objects of a "between" or "among" phrase on the token."""
    return [t for c in tok.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
            for p in c.children if p.dep_ in ("pobj", "pcomp") for t in (p, *p.conjuncts)]


def named_object_parties(verb: Token, sense) -> list[Token]:
    """ "brokered a deal between X and Y", "mediated an accord to restore relations between X and Y": the parties of
    the accord a verb names as its object are parties of the event, beside whoever brokered it."""
    if sense.object is None:
        return []
    objects = [o for o in direct_objects(verb) if phrase_keys(o) & sense.object]
    if not objects:
        return []
    out: list[Token] = []
    for head in objects:
        out.extend(_between(head))
    # "an accord to restore relations between X and Y": its infinitive, on the noun or (misattached) on the verb
    for clause in (c for h in (*objects, verb) for c in h.children if c.dep_ in ("acl", "advcl", "relcl")):
        if any(a.dep_ == "aux" and a.tag_ == "TO" for a in clause.children):
            out.extend(_between(clause))
            out.extend(p for o in clause.children if o.dep_ == "dobj" for p in _between(o))
    return out


AGENT_TYPES = ("organization", "group")


def modifying_agents(tok: Token, actors: ActorIndex) -> list[Token]:
    """ "a junta airstrike", "an army air raid", "a police raid": an organization or group named in front of an
    event noun is who carries it out (a place or country there may as well be where or whom it hits)."""
    out: list[Token] = []
    stack = [c for c in tok.lefts if c.dep_ in MODIFIER_DEPS]
    while stack:
        mod = stack.pop(0)
        hit = actors.at(mod.idx, mod.idx + len(mod))
        if hit is not None:
            if hit.type in AGENT_TYPES:
                out.append(mod)
            continue
        if mod.dep_ == "compound":  # "army" modifies "air" in "army air raid"
            stack.extend(c for c in mod.lefts if c.dep_ in MODIFIER_DEPS)
    return out


OWN_COUNTRY_NOUNS = frozenset({"country", "nation", "homeland"})


def owned_country(actors: ActorIndex, tok: Token) -> tuple[bool, ExtractedActor | None]:
    """ "his country", "her nation": (whether the phrase is one, the country of whoever the pronoun refers to). The
    pronoun's own referent is a person, not the country, so with no country known the phrase names no actor."""
    if tok.lemma_.lower() not in OWN_COUNTRY_NOUNS:
        return False, None
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is None:
        return False, None
    person = actors.at(owner.idx, owner.idx + len(owner))
    if person is None or person.type == "country":
        return True, person
    return True, next((a for a in actors.actors if a.type == "country" and a.name == person.country), None)
