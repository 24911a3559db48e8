"""Who speaks: the actor behind a cue's subject, with anaphora fallbacks when the index has none.

`ActorIndex.of_token` (fed by actors/coref.py) answers first; pronouns and definite
descriptions ("the ministry", "officials", "the note", "Kenyan officials") that it leaves open fall
back to the nearest earlier actor of a compatible type.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.actors.countries import country_of_modifier
from app.extract.actors.index import ActorIndex
from app.extract.lexicon import lexicon
from app.extract.types import ExtractedActor


def resolve_speaker(tok: Token | None, actors: ActorIndex) -> tuple[ExtractedActor | None, str]:
    """The actor behind a speaker token: the index first, then the nearest compatible earlier actor."""
    if tok is None:
        return None, "none"
    # a place only locates ("a Lagos-based official"): it never speaks, a capital standing for its country does
    # (the actors stage has made that one a country)
    hit = _speaking(actors.of_token(tok))
    if hit is not None:
        return hit, "index"
    # "A and B stressed": try the first conjunct's partners too
    for conj in tok.conjuncts:
        hit = _speaking(actors.of_token(conj))
        if hit is not None:
            return hit, "index"
    types = fallback_types(tok)
    if not types:
        return None, "none"
    country = _modifier_country(tok)
    if country:
        hit = _latest(actors, tok.idx, types, lambda a: country in (a.name, a.country))
        if hit is None:
            hit = next((a for a in actors.actors if a.name == country), None)
        if hit is not None:
            return hit, "fallback"
    lemma = tok.lemma_.lower()
    if lemma in lexicon().reporting.document_nouns:
        hit = issuer_of_document(tok, actors)
        if hit is not None:
            return hit, "fallback"
    if tok.pos_ == "NOUN":
        # "the ministry": the latest actor whose name has that noun, before any other compatible one
        hit = _latest(actors, tok.idx, types, lambda a: any(lemma in n.lower() for n in [a.name, *a.aliases]))
        if hit is not None:
            return hit, "fallback"
    hit = actors.before(tok.idx, types)
    return (hit, "fallback") if hit is not None else (None, "none")


def _speaking(actor: ExtractedActor | None) -> ExtractedActor | None:
    return None if actor is None or actor.type == "location" else actor


def _latest(actors: ActorIndex, offset: int, types, accept) -> ExtractedActor | None:
    """The most recently mentioned actor before `offset` of `types` that `accept` approves."""
    best, best_end = None, -1
    for actor in actors.actors:
        if actor.type not in types or not accept(actor):
            continue
        for m in actor.mentions:
            if best_end < m.end <= offset:
                best, best_end = actor, m.end
    return best


def _modifier_country(tok: Token) -> str | None:
    """The country named by a modifier of the speaker noun ("Kenyan officials", "the French side")."""
    for child in tok.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < tok.i:
            country = country_of_modifier(child.text)
            if country:
                return country
    return None


def issuer_of_document(tok: Token, actors: ActorIndex) -> ExtractedActor | None:
    """Who issued "the note": the subject of the clause around the last earlier mention of the same noun."""
    doc, lemma = tok.doc, tok.lemma_.lower()
    for prev in reversed(doc[: tok.i]):
        if prev.lemma_.lower() != lemma:
            continue
        verb = prev
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if verb.lemma_.lower() in lexicon().words.statements.document_receiving_verbs:
            continue
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "agent")), None)
        if subj is not None and subj.dep_ == "agent":
            subj = next((c for c in subj.children if c.dep_ == "pobj"), None)
        if subj is not None and subj.lemma_.lower() != lemma:
            hit = actors.of_token(subj)
            if hit is not None and hit.type in ("country", "organization", "person"):
                return hit
    return None


def fallback_types(tok: Token) -> tuple[str, ...] | None:
    """Actor types a pronoun or definite description can refer back to (None for names and the unknown)."""
    lex = lexicon().reporting
    word = tok.lower_
    if word in lex.speaker_pronouns:
        return tuple(lex.speaker_pronouns[word])
    if tok.pos_ == "PROPN" and tok.ent_type_ not in ("NORP", ""):
        return None  # a name the actor finder missed: do not guess another actor
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "some", "several", "many") for c in tok.children) \
            and not _modifier_country(tok):
        return None  # "a spokesperson", "some analysts": new, unnamed people, not someone mentioned before
    nouns = lex.speaker_nouns
    lemma, text = tok.lemma_.lower(), tok.lower_
    if text in nouns.group or (tok.tag_ == "NNS" and lemma in nouns.person):
        return tuple(lex.group_noun_types)
    if lemma in nouns.person:
        return ("person",)
    if lemma in nouns.organization:
        return ("organization", "country")
    return None
