"""Which lexicon sense a token takes: the conditions of plover.json senses checked on the dependency parse.

triggers.py uses this to find triggers; syntax.py uses it to tell a reporting verb that is itself an event
("warned that an attack would be met with force") from one that only reports ("said that ..."). It imports
neither of them, so the event modules form no import cycle.
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.lexicon import Sense, lexicon

SUBJECT_DEPS = ("nsubj", "csubj")
COMPLEMENT_DEPS = ("xcomp", "ccomp", "acomp", "oprd")
# dependents that carry a verb's particle or preposition ("break off", "call for", "remove from")
PREP_DEPS = ("prep", "prt", "agent", "advmod", "dative")


# "resort to", "engage in": the prepositions through which a light verb takes its event noun
LIGHT_PREPS = frozenset({"to", "in"})


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def direct_objects(tok: Token) -> list[Token]:
    """Object-like arguments: dobj (active), nsubjpass (passive), plus their conjuncts."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN"):
        # "the tariff [that] X imposed": the relative pronoun stands for the noun the clause modifies
        relative = [c for c in out if c.tag_ in ("WDT", "WP") or c.lower_ in ("that", "which", "whom")]
        if relative or (not out and _gapped_object(tok)):
            out = [c for c in out if c not in relative] + [tok.head]
    for c in list(out):
        out.extend(c.conjuncts)
    return out


def _gapped_object(tok: Token) -> bool:
    """ "the curfew [the mayor imposed]", "the ban [imposed by the court]": a relative clause or participle whose
    object is the noun it modifies (a relative clause with a subject of its own, or a past participle)."""
    if tok.dep_ == "relcl":
        return any(c.dep_ == "nsubj" for c in tok.children) and not any(
            c.dep_ in ("prep", "xcomp", "ccomp") and c.i > tok.i and not any(g.dep_ == "pobj" for g in c.children)
            for c in tok.children)
    return tok.dep_ == "acl" and tok.tag_ == "VBN"


def phrase_keys(tok: Token) -> set[str]:
    """How a sense may name a noun: "law", "martial law" (modifier + head), "state of emergency" (head of X)."""
    head = lemma(tok)
    keys = {head}
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod"):
            keys.add(f"{lemma(c)} {head}")
        elif c.dep_ == "prep" and c.lower_ == "of":
            keys.update(f"{head} of {lemma(p)}" for p in c.children if p.dep_ == "pobj")
    return keys


def _preps(tok: Token) -> list[Token]:
    """Particles and prepositions, except those of a date ("called the minister [on] Monday" is no "call on")."""
    out = []
    for c in tok.children:
        if c.dep_ not in PREP_DEPS:
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        if objs and all(p.ent_type_ in ("DATE", "TIME") for p in objs):
            continue
        out.append(c)
    return out


def _modifier_lemmas(tok: Token) -> set[str]:
    """Compound/amod modifiers and "of X" complements of a noun ("protest note", "note of protest")."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("acl",):  # "the checks implemented by ..."
            out.add(lemma(c))
        if c.dep_ in ("compound", "amod", "nmod"):
            out.add(lemma(c))
            out.update(lemma(t) for t in c.subtree)
        elif c.dep_ == "prep" and lemma(c) == "of":
            out.update(lemma(p) for p in c.children if p.dep_ == "pobj")
    return out


def is_actor_like(tok: Token, actors) -> bool:
    """A named actor, an actor the index knows, or a common noun for people ("two men", "the prisoners")."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if lemma(tok) in lexicon().plover.person_nouns:
        return True
    return actors is not None and actors.of_token(tok) is not None


def _names_actor(tok: Token, actors) -> bool:
    """An object that is an actor ("questioned the suspects"), not a thing an actor owns or did ("questioned
    X's involvement", "X's role"): the possessor of a common noun is not what the verb acts on."""
    if tok.pos_ == "NOUN" and not tok.ent_type_ and any(c.dep_ == "poss" for c in tok.children) \
            and lemma(tok) not in lexicon().plover.person_nouns \
            and (actors is None or actors.at(tok.idx, tok.idx + len(tok)) is None):
        return False
    return is_actor_like(tok, actors)


def subjects(tok: Token) -> list[Token]:
    """The active subject, else the passive agent ("was surrounded by troops"), inherited across conj/xcomp."""
    cur = tok
    for _ in range(3):
        found = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        found += [p for c in cur.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if found:
            return found
        if cur.dep_ not in ("conj", "xcomp") or cur.head is cur:
            break
        cur = cur.head
    return []


def _complements(tok: Token) -> list[Token]:
    """Clausal and predicative complements, as the small model attaches them: "voted [to lift]", "pleaded not
    [guilty]", "arrived [to assist]" (an infinitival advcl), "held the minister [responsible]" (a postposed amod
    of the object), "found the general [guilty]" (an adjective parsed as dobj)."""
    out = [c for c in tok.children if c.dep_ in COMPLEMENT_DEPS]
    out += [c for c in tok.children if c.dep_ == "advcl" and any(a.tag_ == "TO" for a in c.children)]
    if tok.pos_ == "NOUN":  # "his call [to end] the strike": a noun's infinitival clause is its content
        out += [c for c in tok.children if c.dep_ == "acl" and any(a.tag_ == "TO" for a in c.children)]
    for obj in (c for c in tok.children if c.dep_ == "dobj"):
        if obj.pos_ == "ADJ":
            out.append(obj)
        out += [a for a in obj.children if a.dep_ == "amod" and a.i > obj.i]
    return out


def matched_complements(tok: Token, sense: Sense) -> list[Token]:
    """The complements a sense's `xcomp` condition names ("voted to [lift]"): part of the trigger phrase."""
    if sense.xcomp is None:
        return []
    out = []
    for x in _complements(tok):
        negated = any(c.dep_ == "neg" for c in x.children)
        if "*" in sense.xcomp or lemma(x) in sense.xcomp or ("neg" in sense.xcomp and negated):
            out.append(x)
    return out


def named_arguments(tok: Token, sense: Sense) -> list[Token]:
    """The words a matched sense names as part of its phrase: its complement ("voted to [lift]"), its object
    ("lifted the [curfew]", "called off the [talks]") and its prepositional object ("withdrew from the [deal]").
    They are not events of their own."""
    out = matched_complements(tok, sense)
    if sense.object is not None:
        out += [o for o in direct_objects(tok) if phrase_keys(o) & sense.object]
    if sense.pobj is not None:
        out += [p for c in _preps(tok) if lemma(c) == sense.prep for p in c.children
                if p.dep_ in ("pobj", "pcomp") and phrase_keys(p) & sense.pobj]
    return out


def _complement_words(tok: Token) -> set[str]:
    heads = _complements(tok) + [c for c in tok.children if c.dep_ in ("prep", "dobj")]
    return {lemma(t) for h in heads for t in h.subtree}


def has_place(tok: Token) -> bool:
    """A place phrase on the noun or its verb: "a bottleneck ... at the crossing"."""
    heads = [tok] + ([tok.head] if tok.head is not tok else [])
    place_words = lexicon().words.events.place_words
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("at", "on", "near", "in", "along"):
                for p in c.children:
                    if p.dep_ == "pobj" and (lemma(p) in place_words or p.ent_type_ in ("GPE", "FAC", "LOC")):
                        return True
    return False


def noun_governor(tok: Token) -> Token | None:
    """The verb a noun trigger hangs from: "held [talks]", "following [an attack]"."""
    cur = tok
    for _ in range(3):
        head = cur.head
        if head is cur:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if cur.dep_ == "pobj" or head.dep_ == "prep":
            cur = head
            continue
        if cur.dep_ in ("conj", "appos"):
            cur = head
            continue
        return None
    return None


def _objects_ok(tok: Token, sense: Sense, is_noun: bool, actors) -> bool:
    if not is_noun and sense.type == "MOBILIZE" and any(
            g.tag_ == "VBG" and (g.dep_ in COMPLEMENT_DEPS or (g.dep_ == "acl" and c.dep_ == "dobj"))
            for c in tok.children for g in (c, *c.children)):
        return False  # "sent the garrison running": a rout the verb reports, not a deployment
    objs = direct_objects(tok) if not is_noun else []
    keys = set().union(*(phrase_keys(o) for o in objs)) if objs else set()
    if sense.object is not None and not keys & sense.object:
        return False
    if sense.not_object:
        if "*" in sense.not_object and any(c.dep_ == "dobj" for c in tok.children):
            return False
        if keys & sense.not_object:
            return False
    if sense.object_actor and is_noun:
        # "the removal of X": a noun's "of" phrase, or its possessor, must name a person
        named = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"] + [c for c in tok.children if c.dep_ == "poss"]
        return any(o.ent_type_ == "PERSON" or (actors is not None and (a := actors.of_token(o)) is not None
                                                and a.type == "person") for o in named)
    if sense.object_actor:
        dobj = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not dobj or not any(_names_actor(o, actors) for o in dobj):
            return False
        # "called it an act of ...": a predicative complement, unless the sense asks for one ("ordered X to")
        if sense.xcomp is None and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children):
            return False
    return True


def _prep_ok(tok: Token, sense: Sense) -> bool:
    if sense.prep is None:
        return True
    for c in _preps(tok):
        if lemma(c) != sense.prep:
            continue
        if any(p.dep_ == "pobj" and p.lower_ == "hand" for p in c.children):
            continue  # "on the other hand": a discourse connective, not "called on X"
        if sense.pobj is None:
            return True
        pobjs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
        if any(phrase_keys(p) & sense.pobj for p in pobjs):
            return True
    return False


def sense_matches(tok: Token, sense: Sense, is_noun: bool, actors=None) -> bool:
    """Whether every condition of `sense` holds on `tok` (data/README.md describes each)."""
    if not _objects_ok(tok, sense, is_noun, actors) or not _prep_ok(tok, sense):
        return False
    if sense.xcomp is not None and not matched_complements(tok, sense):
        return False
    if sense.complement_words is not None and not _complement_words(tok) & sense.complement_words:
        return False
    if sense.subject is not None or sense.not_subject:
        subj = {lemma(s) for s in subjects(tok)}
        if sense.subject is not None and not subj & sense.subject:
            return False
        if subj & sense.not_subject:
            return False
    if sense.modifier is not None and not _modifier_lemmas(tok) & sense.modifier:
        return False
    if sense.governor is not None:
        gov = noun_governor(tok)
        if gov is None or lemma(gov) not in sense.governor:
            return False
    if sense.needs_place and not has_place(tok):
        return False
    return not (sense.plural and tok.tag_ not in ("NNS", "NNPS"))


def matching_sense(tok: Token, senses: tuple[Sense, ...], is_noun: bool, actors=None) -> Sense | None:
    """The first sense, in lexicon order, whose conditions hold."""
    return next((s for s in senses if sense_matches(tok, s, is_noun, actors)), None)


def is_event_verb(tok: Token) -> bool:
    """A verb some sense of the lexicon matches here ("warned X of retaliation"), whatever else it reports."""
    senses = lexicon().plover.verbs.get(lemma(tok))
    return senses is not None and matching_sense(tok, senses, False) is not None
