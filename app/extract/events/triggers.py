"""Event triggers: lexicon senses matched on lemmas plus the checks that keep irrealis mentions out."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.events.syntax import is_reporting
from app.extract.lexicon import Sense, lexicon

NOUN_POS = {"NOUN"}
VERB_POS = {"VERB"}


@dataclass
class Trigger:
    """One lexicon match on a token, before arguments are resolved."""

    token: Token
    type: str  # PLOVER type, or "*" for an anaphoric noun compatible with several types
    mode: str | None
    sense: Sense
    is_noun: bool
    anaphoric: bool  # a definite or anaphoric-only noun: may only point back to an earlier event
    governor: Token | None  # the light verb ("held talks", "paid a visit") or the noun's head verb


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def direct_objects(tok: Token) -> list[Token]:
    """Object-like arguments: dobj (active), nsubjpass (passive), plus their conjuncts."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    # "were stranded" parses the subject as nsubj of an adjectival passive sometimes
    for c in list(out):
        out.extend(c.conjuncts)
    return out


def _prep_lemmas(tok: Token) -> set[str]:
    return {_lemma(c) for c in tok.children if c.dep_ in ("prep", "prt", "agent", "advmod", "dative")}


def _modifier_lemmas(tok: Token) -> set[str]:
    """Compound/amod modifiers and "of X" complements of a noun ("protest note", "note of protest")."""
    out = set()
    for c in tok.children:
        if c.dep_ in ("acl",):  # "the checks implemented by ..."
            out.add(_lemma(c))
        if c.dep_ in ("compound", "amod", "nmod"):
            out.add(_lemma(c))
            out.update(_lemma(t) for t in c.subtree)
        elif c.dep_ == "prep" and _lemma(c) == "of":
            out.update(_lemma(p) for p in c.children if p.dep_ == "pobj")
    return out


def _is_actor_like(tok: Token, actors) -> bool:
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    return actors is not None and actors.of_token(tok) is not None


def _sense_matches(tok: Token, sense: Sense, is_noun: bool, actors) -> bool:
    objs = direct_objects(tok) if not is_noun else []
    obj_lemmas = {_lemma(o) for o in objs}
    if sense.object is not None and not obj_lemmas & sense.object:
        return False
    if sense.not_object:
        if "*" in sense.not_object and any(c.dep_ == "dobj" for c in tok.children):
            return False
        if obj_lemmas & sense.not_object:
            return False
    if sense.prep is not None and sense.prep not in _prep_lemmas(tok):
        return False
    if sense.object_actor:
        dobj = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if not dobj or not any(_is_actor_like(o, actors) for o in dobj):
            return False
        if any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children):  # "called it an act of ..."
            return False
    if sense.xcomp is not None:
        wanted = sense.xcomp
        xcomps = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
        ok = False
        for x in xcomps:
            if "*" in wanted or _lemma(x) in wanted:
                ok = True
            if "neg" in wanted and any(c.dep_ == "neg" for c in x.children):
                ok = True
        if not ok:
            return False
    if sense.modifier is not None and not _modifier_lemmas(tok) & sense.modifier:
        return False
    if sense.needs_place and not _has_place(tok):
        return False
    return not (sense.plural and tok.tag_ not in ("NNS", "NNPS"))


def _has_place(tok: Token) -> bool:
    """A place phrase on the noun or its verb: "a bottleneck ... at the crossing"."""
    heads = [tok] + ([tok.head] if tok.head is not tok else [])
    place_words = lexicon().words.events.place_words
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("at", "on", "near", "in", "along"):
                for p in c.children:
                    if p.dep_ == "pobj" and (p.lemma_.lower() in place_words or p.ent_type_ in ("GPE", "FAC", "LOC")):
                        return True
    return False


def is_irrealis(tok: Token) -> bool:
    """Negated, modal, conditional, future or merely intended: the happening is not asserted."""
    seen = 0
    cur = tok
    while cur is not None and seen < 4:
        seen += 1
        for c in cur.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in lexicon().words.events.modal_words):
                return True
            if c.dep_ == "mark" and c.lower_ in lexicon().words.events.condition_marks:
                return True
            if c.dep_ == "det" and c.lower_ == "no":
                return True
        # climb only through control/complement links ("plans to meet", "would need to expel")
        if cur.dep_ in ("xcomp",) and cur.head is not cur:
            head = cur.head
            if _lemma(head) in lexicon().plover.control_heads or head.pos_ == "ADJ":
                return True
            cur = head
            continue
        if cur.dep_ == "conj" and cur.head is not cur:
            cur = cur.head
            continue
        break
    # purpose and infinitival clauses ("to prevent attacks", "measures to ban"): not asserted
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) \
        and tok.dep_ in ("advcl", "acl", "relcl", "ccomp", "xcomp", "advmod", "ROOT")


def _is_manner_of_report(tok: Token) -> bool:
    """ "..., insisting on respect" / "while urging cooperation" hanging off a reporting verb: speech content."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "xcomp", "conj"):
        return False
    return is_reporting(tok.head)


def _is_generic_noun(tok: Token) -> bool:
    """Adjectival or generic uses: "anti-terrorism measures", "attack helicopters", "any attack"."""
    if tok.dep_ in ("compound", "amod", "nmod", "poss"):
        return True
    left = tok.doc[tok.i - 2: tok.i] if tok.i >= 2 else tok.doc[:tok.i]
    if len(left) == 2 and left[1].text == "-" and left[0].lower_ in lexicon().plover.generic_prefixes:
        return True
    return any(c.dep_ == "det" and c.lower_ in lexicon().words.events.generic_dets for c in tok.children)


def _noun_is_specific(tok: Token, sense: Sense) -> bool:
    if sense.bare_ok:
        return True
    for c in tok.children:
        if c.dep_ in ("det", "poss", "nummod", "predet"):
            return True
        if c.dep_ in ("compound", "amod", "npadvmod") and (c.pos_ == "PROPN" or c.ent_type_):
            return True
    return False


def _noun_governor(tok: Token) -> Token | None:
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


def find_triggers(doc: Doc, actors=None) -> list[Trigger]:
    """Every lexicon trigger in the document that is asserted as having happened."""
    lex = lexicon().plover
    out: list[Trigger] = []
    for tok in doc:
        lemma = _lemma(tok)
        if tok.pos_ in VERB_POS or (tok.tag_.startswith("VB") and tok.pos_ != "AUX"):
            senses, is_noun = lex.verbs.get(lemma), False
            if senses is None and tok.tag_ in ("VBG", "VBN") and lemma in lex.nouns:
                senses, is_noun = lex.nouns[lemma], True  # "the shooting" mis-tagged as a verb
                if not any(c.dep_ in ("det", "poss") for c in tok.children):
                    senses = None
        elif tok.pos_ in NOUN_POS:
            senses, is_noun = lex.nouns.get(lemma), True
        else:
            continue
        if not senses:
            continue
        sense = next((s for s in senses if _sense_matches(tok, s, is_noun, actors)), None)
        if sense is None:
            continue
        governor = _noun_governor(tok) if is_noun else None
        if is_noun:
            if _is_generic_noun(tok) or not _noun_is_specific(tok, sense):
                continue
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                continue
            # "a note of protest": the note is the trigger, the "protest" inside it is not another event
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN" \
                    and _lemma(tok.head.head) in lex.nouns and _lemma(tok.head) == "of":
                continue
            if governor is not None and is_irrealis(governor):
                continue
        elif is_irrealis(tok) or tok.dep_ in ("amod", "compound", "nmod") or _is_manner_of_report(tok):
            continue
        anaphoric = sense.anaphoric_only or (
            is_noun and any(c.dep_ == "det" and c.lower_ in lexicon().words.events.definite_dets for c in tok.children))
        out.append(Trigger(tok, sense.type, sense.mode, sense, is_noun, anaphoric, governor))
    return out
