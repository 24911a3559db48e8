"""Speakers the text describes but never names: "a defence spokesperson", "critics", "a resident", "his office".

When no actor of the document answers for a speaker phrase, the phrase itself names one: a person for a
singular noun ("a resident"), a group for a plural or collective one ("human rights groups", "a large crowd"),
a body for an office of a named person ("his office" -> "Office of the President"). The new actor keeps
every surface form as an alias and is registered in the index, so later pronouns can refer back to it.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.actors.index import ActorIndex
from app.extract.actors.roles import ministry_name, portfolio
from app.extract.doctext import doc_text
from app.extract.lexicon import lexicon
from app.extract.statements.speaker import is_common_noun
from app.extract.types import ExtractedActor, Span

NAME_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "case", "npadvmod", "punct", "det", "predet"})
MAX_NAME_TOKENS = 8
ARTICLES = frozenset({"a", "an", "the"})
# a singular noun for a person: "a resident", "a protester", "an activist", "a historian", "a participant"
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ess")


def unnamed_speaker(tok: Token | None, actors: ActorIndex,
                    resolve) -> ExtractedActor | None:
    """A new actor for a described speaker (a common noun the index and its fallbacks left open), or None.

    `resolve(token)` resolves a possessor ("his", "the minister's") to an actor.
    """
    if tok is None or not is_common_noun(tok) or tok.lemma_.lower() in lexicon().reporting.document_nouns:
        return None
    lex = lexicon().reporting
    lemma = lemma_of(tok)
    spokes = lemma in lexicon().words.actors.spokesperson_nouns
    if lemma in lex.speaker_nouns.organization:
        type_ = "organization"
    elif tok.tag_ == "NNS" or lemma in lex.collective_nouns:
        type_ = "group"
    elif spokes or lemma in lex.speaker_nouns.person | lex.person_nouns or lemma.endswith(PERSON_SUFFIXES):
        type_ = "person"
    else:
        return None  # "the principle asserts": a thing, not someone
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        owner = resolve(poss)
        if owner is None or type_ == "person":
            return None  # "the minister's lawyer": someone else, whom the text does not name
        if owner.type == "person":
            of = f"the {owner.role}" if owner.role else owner.name
        else:
            of = owner.name
        words = [t for t in _name_tokens(tok) if t.i > poss.right_edge.i]
        country = owner.country or (owner.name if owner.type == "country" else None)
        dept = portfolio([t.lower_ for t in words if t.i < tok.i])
        if lemma == "ministry" and country and (dept or len(words) == 1):
            name = ministry_name(dept, country)  # "its foreign ministry": named as the actors stage names ministries
        else:
            name = f"{_text(words)[:1].upper()}{_text(words)[1:]} of {of}"
        return _register(actors, tok, type_, name, country=country)
    # named as the text names it, less its article ("some villagers", "a large crowd" -> "large crowd"); the
    # bare noun phrase ("villagers") is an alias
    words = _name_tokens(tok)
    named = [t for t in words if t.i > tok.i or t.lower_ not in ARTICLES]
    bare = [t for t in named if t.i > tok.i or not (t.dep_ in ("det", "predet") or t.lower_ in lex.quantifiers)]
    if not bare or any(t.pos_ == "PROPN" and t.dep_ == "compound" and t.i == tok.i - 1 for t in bare):
        return None  # "spokesman Novak": a name the actor finder owns
    return _register(actors, tok, type_, _text(named), role="Spokesperson" if spokes else None,
                     aliases=[_text(bare), _text(words)])


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


def _name_tokens(tok: Token) -> list[Token]:
    """The speaker phrase: its head with the modifiers before it and an "of" phrase after it, if short."""
    left = [t for t in tok.subtree if t.i < tok.i and all(a.i == tok.i or a.dep_ in NAME_DEPS
                                                          for a in _path(t, tok))]
    if left and left[0].dep_ not in NAME_DEPS:
        left = []
    right: list[Token] = []
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "outside", "from", "in")), None)
    if of is not None and len(list(of.subtree)) <= 5:
        right = list(of.subtree)
    words = sorted(left + [tok] + right, key=lambda t: t.i)
    return words if len(words) <= MAX_NAME_TOKENS else [tok]


def _path(t: Token, top: Token) -> list[Token]:
    out = [t]
    while t.i != top.i and t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _text(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text if tokens else ""


def _register(actors: ActorIndex, tok: Token, type_: str, name: str, role: str | None = None,
              country: str | None = None, aliases: list[str] | None = None) -> ExtractedActor:
    phrase = [t for t in tok.subtree if t.i <= tok.i or t.dep_ == "prep"] or [tok]
    start, end = min(t.idx for t in phrase), tok.idx + len(tok)
    sent = tok.sent
    surface = doc_text(tok.doc)[start:end]
    names = list(dict.fromkeys([name, *(aliases or []), surface]))
    actor = ExtractedActor(key=actors.next_key(), name=name, type=type_, role=role, country=country,
                           aliases=names, mentions=[Span(start, end, surface, sent.text, sent.start_char)])
    return actors.add(actor)
