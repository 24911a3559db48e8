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

Regions = tuple[tuple[int, int], ...]


def resolve_speaker(tok: Token | None, actors: ActorIndex,
                    exclude: Regions = ()) -> tuple[ExtractedActor | None, str]:
    """The actor behind a speaker token: the index first, then the nearest compatible earlier actor.

    `exclude` holds the character ranges of what the speaker is quoted as saying: a person named only in
    there is spoken about, so "the president" or "he" after it refers to someone named before.
    """
    if tok is None:
        return None, "none"
    # a place only locates ("a Lagos-based official"): it never speaks, a capital standing for its country does
    # (the actors stage has made that one a country)
    hit = _speaking(actors.of_token(tok))
    if hit is not None and tok.pos_ != "PROPN" and _named_only_in(hit, tok, exclude):
        hit = None
    if hit is not None:
        holder = _role_holder(tok, hit, actors)
        return (holder, "index") if holder is not None else (None, "none")
    # "A and B stressed": try the first conjunct's partners too
    for conj in tok.conjuncts:
        hit = _speaking(actors.of_token(conj))
        if hit is not None:
            return hit, "index"
    if tok.pos_ == "PROPN" or tok.text[:1].isupper() and tok.lemma_.lower() not in _speaker_nouns():
        hit = _by_name(tok, actors, exact_only=tok.pos_ != "PROPN")  # the tagger takes a rare name for a noun
        if hit is not None:
            return hit, "fallback"
    types = fallback_types(tok)
    if not types:
        return None, "none"
    if tok.lower_ in lexicon().reporting.government_speakers and all(c.dep_ == "det" for c in tok.children):
        hit = _government(tok, actors, exclude)
        if hit is not None:
            return hit, "fallback"
    country = _modifier_country(tok)
    if country:
        hit = _latest(actors, tok.idx, types, lambda a: country in (a.name, a.country), exclude)
        if hit is None:
            hit = next((a for a in actors.actors if a.name == country), None)
        if hit is not None:
            return hit, "fallback"
    lemma = tok.lemma_.lower()
    if lemma in lexicon().reporting.document_nouns:
        hit = issuer_of_document(tok, actors)
        return (hit, "fallback") if hit is not None else (None, "none")
    if is_common_noun(tok):
        # "the ministry": the latest actor whose name has that noun, before any other compatible one
        hit = _latest(actors, tok.idx, types,
                      lambda a: any(lemma in n.lower() for n in [a.name, *a.aliases]), exclude)
        if hit is not None:
            return hit, "fallback"
    if is_common_noun(tok) and any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in tok.children):
        return None, "none"  # "the government peace delegation": described, not one named before
    hit = _latest(actors, tok.idx, types, lambda a: True, exclude)
    return (hit, "fallback") if hit is not None else (None, "none")


def _government(tok: Token, actors: ActorIndex, exclude: Regions) -> ExtractedActor | None:
    """A bare "authorities"/"officials": the country last named, else the country of the person or body last
    named with one, else the first country named after; never an arbitrary body ("a university")."""
    hit = _latest(actors, tok.idx, ("country",), lambda a: True, exclude)
    if hit is not None:
        return hit
    owner = _latest(actors, tok.idx, ("person", "organization"), lambda a: bool(a.country), exclude)
    countries = [a for a in actors.actors if a.type == "country"]
    if owner is not None:
        return next((a for a in countries if a.name == owner.country), None)
    after = [(min(m.start for m in a.mentions), a) for a in countries if a.mentions]
    return min(after, key=lambda x: x[0])[1] if after else None


def counted_sides(tok: Token | None, actors: ActorIndex, exclude: Regions = ()) -> list[ExtractedActor]:
    """ "The two sides said", "both countries", "the three parties": each of the countries named last.

    Empty unless the phrase counts its members and that many distinct countries are named before it.
    """
    if tok is None or tok.tag_ != "NNS" or tok.lemma_.lower() not in lexicon().reporting.counted_sides:
        return []
    cardinals = lexicon().words.numbers.cardinals
    count = next((cardinals.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                  for c in tok.children if c.dep_ == "nummod"), None)
    if count is None and any(c.lower_ == "both" for c in tok.children):
        count = 2
    if not count or count < 2:
        return []
    named: list[tuple[int, ExtractedActor]] = []
    for actor in actors.actors:
        ends = [m.end for m in actor.mentions if m.end <= tok.idx and not _inside(m.start, exclude)]
        if actor.type == "country" and ends:
            named.append((max(ends), actor))
    named.sort(key=lambda x: -x[0])
    return [a for _, a in named[:count]] if len(named) >= count else []


def is_common_noun(tok: Token) -> bool:
    """A common noun, or one the tagger took for a name but the text writes in lower case ("its ministry")."""
    return tok.pos_ == "NOUN" or tok.pos_ == "PROPN" and tok.text.islower()


def _speaking(actor: ExtractedActor | None) -> ExtractedActor | None:
    return None if actor is None or actor.type == "location" else actor


def _inside(offset: int, regions: Regions) -> bool:
    return any(s <= offset < e for s, e in regions)


def _appositions(doc, actor: ExtractedActor) -> list[str]:
    """What the text says a person is, in apposition to a mention: "X, the President of the Council, said"."""
    out = []
    for m in actor.mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            out += [" ".join(t.text for t in c.subtree) for c in span.root.children if c.dep_ == "appos"]
    return out


def _latest(actors: ActorIndex, offset: int, types, accept, exclude: Regions) -> ExtractedActor | None:
    """The most recently mentioned actor before `offset` of `types` that `accept` approves (none in `exclude`)."""
    best, best_end = None, -1
    for actor in actors.actors:
        if actor.type not in types or not accept(actor):
            continue
        for m in actor.mentions:
            if best_end < m.end <= offset and not _inside(m.start, exclude):
                best, best_end = actor, m.end
    return best


def _via_modifier(tok: Token, hit: ExtractedActor) -> bool:
    """Whether `hit` is named in a possessive or prepositional modifier of `tok` ("X's lawyer", "the head of X"),
    rather than in an apposition or compound naming the same one."""
    inside = {t.idx: t for t in tok.subtree}
    starts = [inside[m.start] for m in hit.mentions if m.start in inside]
    for t in starts:
        while t.i != tok.i and t.head.i != t.i:
            if t.dep_ in ("poss", "prep", "pobj"):
                return True
            t = t.head
    return False


def _named_only_in(actor: ExtractedActor, tok: Token, exclude: Regions) -> bool:
    """Whether the actor's latest mention before `tok` (its own excepted) lies in an excluded range."""
    before = [m for m in actor.mentions if m.end <= tok.idx]
    return bool(before) and _inside(max(before, key=lambda m: m.end).start, exclude)


def _speaker_nouns() -> frozenset[str]:
    nouns = lexicon().reporting.speaker_nouns
    return nouns.person | nouns.organization | nouns.group


def _by_name(tok: Token, actors: ActorIndex, exact_only: bool = False) -> ExtractedActor | None:
    """A name the index left open ("Novak said" where the finder missed that mention): the actor so named.

    An actor whose name or alias is the name exactly wins; else one holding it as whole words (a surname),
    the latest mentioned before the speaker, else the first after.
    """
    words = [t for t in tok.subtree if t.i == tok.i or (t.pos_ == "PROPN" and t.i < tok.i
                                                        and t.dep_ in ("compound", "flat"))]
    name = " ".join(t.text for t in words).lower()
    candidates = [a for a in actors.actors if a.type in ("person", "organization", "group", "country")]
    exact = [a for a in candidates if name in {n.lower() for n in [a.name, *a.aliases]}]
    holding = exact if exact or exact_only else [
        a for a in candidates if any(f" {name} " in f" {n.lower()} " for n in [a.name, *a.aliases])]
    if not holding:
        return None
    earlier = [(max((m.end for m in a.mentions if m.end <= tok.idx), default=-1), a) for a in holding]
    end, best = max(earlier, key=lambda x: x[0])
    if end >= 0:
        return best
    return min(holding, key=lambda a: min((m.start for m in a.mentions), default=1 << 30))


def _role_holder(tok: Token, hit: ExtractedActor, actors: ActorIndex) -> ExtractedActor | None:
    """ "the President of the Council said": the person holding that role, not the body named in the phrase.

    The index answers with any actor inside the speaker's phrase; when the phrase's head is a person's role
    and the actor found is only its modifier, the speaker is the person whose role or alias pairs that noun
    with that actor. Without such a person the body stands (a spokesperson speaks for it); a relative or aide
    of a person ("the sister of X") is not X: no speaker then.
    """
    if any(m.start <= tok.idx < m.end for m in hit.mentions) or not _via_modifier(tok, hit):
        return hit
    if hit.type == "person":
        return None
    lemma = tok.lemma_.lower()
    nouns = lexicon().reporting.speaker_nouns
    if tok.pos_ != "PROPN" and lemma not in nouns.person | nouns.organization | nouns.group:
        return None  # "an act of defiance by X": a thing X did, not X speaking
    if lemma not in nouns.person:
        return hit
    names = {n.lower() for n in [hit.name, *hit.aliases]}

    def holds(a: ExtractedActor) -> bool:
        return any(lemma in t and (any(n in t for n in names) or a.country == hit.name)
                   for t in (x.lower() for x in [a.role or "", *a.aliases, *_appositions(tok.doc, a)]))

    people = [a for a in actors.actors if a.type == "person" and holds(a)]
    if not people:
        return hit
    return _latest(actors, tok.idx, ("person",), lambda a: a in people, ()) or people[0]


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
        if prev.lemma_.lower() != lemma or prev.pos_ != "NOUN":
            continue  # the document named before ("reported" is no "report")
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
