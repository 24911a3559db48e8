"""Where an event happened: the place phrase of its clause; a definite generic place re-mentions a named one."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.lexicon import lexicon

LOCATION_ENTS = {"GPE", "FAC", "LOC"}


def _pobjs(prep: Token) -> list[Token]:
    return [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in (c, *c.conjuncts)]


def _place_text(p: Token) -> str:
    """The place phrase without its determiner, dates, relative clauses or appositions."""
    cut = set()
    for c in p.children:
        if c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") or (
                c.dep_ == "prep" and any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)):
            cut.update(t.i for t in c.subtree)
    keep = {t.i for t in p.subtree if t.i not in cut and not (t.i == p.left_edge.i and t.dep_ == "det")}
    lo = hi = p.i  # the contiguous run around the head
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    return p.doc[lo: hi + 1].text.strip(" ,.;")


def _is_named(p: Token) -> bool:
    """A place phrase carrying a proper name or demonym ("Oslo airports", "the Finnish-Norwegian border")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in LOCATION_ENTS | {"NORP"} for t in p.subtree)


def _antecedent_place(p: Token, sentences_back: int = 2) -> Token | None:
    """ "... at the Finnish-Norwegian border. A bottleneck emerged at the crossing": the definite generic place
    re-mentions the latest named place phrase of the preceding sentences."""
    doc, sent = p.doc, p.sent
    first = sent.start
    for _ in range(sentences_back):
        if first == 0:
            break
        prev = doc[first - 1].sent
        named = [t for t in prev if t.dep_ == "pobj" and t.head.lower_ in lexicon().words.events.location_preps
                 and t.lemma_.lower() in lexicon().words.events.place_nouns and _is_named(t)]
        if named:
            return named[-1]
        first = prev.start
    return None


def _place_of(p: Token) -> str:
    if not _is_named(p) and any(c.dep_ == "det" and c.lower_ == "the" for c in p.children):
        antecedent = _antecedent_place(p)
        if antecedent is not None:
            return _place_text(antecedent)
    return _place_text(p)


def location(trigger) -> str | None:
    """A place named in the trigger's clause: "in Kharkiv", "at Kyiv airports", "at the border"."""
    vocab = lexicon().words.events
    heads = [trigger.token]
    if trigger.governor is not None:
        heads.append(trigger.governor)
    for head in heads:
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in vocab.location_preps:
                continue
            for p in _pobjs(c):
                if p.lemma_.lower() in vocab.place_nouns or (p.ent_type_ in LOCATION_ENTS and c.lower_ != "on"):
                    return _place_of(p)
                # "outside the parliament in Tbilisi": the named place inside the phrase
                for q in p.children:
                    if q.dep_ == "prep" and q.lower_ in ("in", "at", "near"):
                        named = [r for r in _pobjs(q) if r.ent_type_ in LOCATION_ENTS]
                        if named:
                            return _place_text(named[0])
    return None
