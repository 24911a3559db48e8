"""Event triggers: lexicon senses matched on lemmas plus the checks that keep irrealis mentions out."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.events.senses import LIGHT_PREPS, is_actor_like, matching_sense, named_arguments, noun_governor
from app.extract.events.senses import lemma as _lemma
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


def _content_head(tok: Token) -> Token | None:
    """The verb whose content `tok` states: "demanded [lifting] it", "accused X of [torching]", "urged that ..."."""
    if tok.dep_ in ("pcomp", "pobj") and tok.head.dep_ == "prep" and tok.head.head is not tok.head:
        head = tok.head.head
        # "filed charges of [looting] X": the object is itself the content's head
        if head.pos_ == "NOUN" and _lemma(head) in lexicon().plover.content_heads:
            return head
        # "accused [the militia] of torching": the PP may hang off the verb's object
        return head.head if head.dep_ == "dobj" and head.head is not head else head
    if tok.dep_ in ("ccomp", "xcomp") or (tok.dep_ in ("dobj", "advcl") and tok.tag_ == "VBG"):
        return tok.head
    # "a request that they be executed": a that-clause stating a noun's content (not a relative clause)
    if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" \
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
        return tok.head
    return None


def is_irrealis(tok: Token) -> bool:
    """Negated, modal, conditional, future, merely intended or merely demanded/alleged: not asserted."""
    seen = 0
    cur = tok
    content_heads = lexicon().plover.content_heads
    while cur is not None and seen < 4:
        seen += 1
        head = _content_head(cur)
        if head is not None and _lemma(head) in content_heads:
            return True
        for c in cur.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in lexicon().words.events.modal_words):
                return True
            if c.dep_ == "mark" and c.lower_ in lexicon().words.events.condition_marks:
                return True
            # "must be lifted when a majority demands it": a present-tense "when" clause states a rule, not a fact
            if c.dep_ == "advmod" and c.lower_ in ("when", "whenever", "once") and cur.tag_ in ("VBZ", "VBP") \
                    and cur.dep_ == "advcl":
                return True
            if c.dep_ == "det" and c.lower_ == "no":
                return True
            if _habitual(c):
                return True
        # climb only through control/complement links ("plans to meet", "would need to expel")
        if cur.dep_ in ("xcomp",) and cur.head is not cur:
            head = cur.head
            if _lemma(head) in lexicon().plover.control_heads or head.pos_ == "ADJ":
                return True
            cur = head
            continue
        if cur.dep_ in ("conj", "csubj") and cur.head is not cur:  # "[impeaching] him would require ..."
            cur = cur.head
            continue
        # "must begin the work of [lifting] it": the verb governing the noun the gerund completes
        if cur.dep_ == "pcomp" and cur.head.head.pos_ == "NOUN":
            governor = noun_governor(cur.head.head)
            if governor is not None:
                cur = governor
                continue
        break
    # purpose and infinitival clauses ("to prevent attacks", "measures to ban"): not asserted, unless the
    # head asserts its complement ("voted to remove", "managed to flee")
    if tok.dep_ == "xcomp" and _lemma(tok.head) in lexicon().plover.asserting_heads:
        return False
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children) \
        and tok.dep_ in ("advcl", "acl", "relcl", "ccomp", "xcomp", "advmod", "ROOT")


def _habitual(c: Token) -> bool:
    """ "have taken to the streets in the past", "clashed over the years": a summary of many occasions, no one
    happening the text could date."""
    if c.dep_ != "prep" or c.lower_ not in ("in", "over"):
        return False
    return any(p.dep_ == "pobj" and p.lower_ in (("past",) if c.lower_ == "in" else ("years", "decades"))
               and any(d.lower_ == "the" for d in p.children) for p in c.children)


PRESUPPOSING_PREPS = frozenset({"since", "after", "following", "before", "amid", "during", "despite"})


def _presupposed(tok: Token) -> bool:
    """ "since the invasion", "despite the truce": the object of a temporal or concessive preposition."""
    return tok.dep_ == "pobj" and tok.head.lower_ in PRESUPPOSING_PREPS


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


def _light_prep_object(tok: Token, governor: Token | None) -> bool:
    """ "X resorted to [shooting]", "Y engaged in [looting]": a bare noun a light verb takes through a preposition
    is the subject's concrete act, not a generic mention."""
    return governor is not None and tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in LIGHT_PREPS \
        and tok.head.head.i == governor.i and _lemma(governor) in lexicon().plover.light_verbs


def _damage_report(tok: Token, sense: Sense, is_noun: bool, actors) -> bool:
    """ "A dozen buildings were destroyed": a passive act of violence on things, with no one named as its doer, tells
    the damage of an attack reported elsewhere, so it re-mentions that attack rather than being one."""
    if is_noun or sense.type != "ASSAULT" or any(c.dep_ == "agent" for c in tok.children):
        return False
    patients = [c for c in tok.children if c.dep_ == "nsubjpass"]
    return bool(patients) and not any(is_actor_like(p, actors) for p in patients)


def _known_verb(word: str) -> str | None:
    """A lexicon verb the surface form inflects: "designated" -> "designate", "cordoned" -> "cordon"."""
    verbs = lexicon().plover.verbs
    for cut in range(4):
        stem = word[:len(word) - cut] if cut else word
        if stem in verbs:
            return stem
        if cut >= 2 and stem + "e" in verbs:  # "waging" -> "wage"
            return stem + "e"
    return None


def trigger_lemma(tok: Token) -> str:
    """The lexicon lemma of a verb the small model lemmatizes or tokenizes badly: "re-designated" split as
    "re" + "-" + "designated", "test-fired" as "test" + "-" + "fired", "fined" lemmatized "fin"."""
    lemma = _lemma(tok)
    doc, plover = tok.doc, lexicon().plover
    if not tok.tag_.startswith("VB"):
        return lemma
    if tok.i >= 2 and doc[tok.i - 1].text == "-":
        compound = _known_verb(f"{doc[tok.i - 2].lower_}-{tok.lower_}")
        if compound is not None:
            return compound
    if lemma in plover.verb_prefixes and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-":
        return _known_verb(doc[tok.i + 2].lower_) or lemma
    if lemma not in plover.verbs and lemma not in plover.nouns:
        return _known_verb(tok.lower_) or lemma
    return lemma


def find_triggers(doc: Doc, actors=None) -> list[Trigger]:
    """Every lexicon trigger in the document that is asserted as having happened."""
    lex = lexicon().plover
    out: list[Trigger] = []
    consumed: set[int] = set()  # words a verb sense names ("voted to [lift]", "lifted the [curfew]"): no event
    for tok in doc:
        lemma = trigger_lemma(tok)
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
        sense = matching_sense(tok, senses, is_noun, actors)
        if sense is None and not is_noun and tok.tag_ == "VBG" and tok.lower_ in lex.nouns \
                and _light_prep_object(tok, noun_governor(tok)):
            # "resorted to [shooting]" with the gerund tagged as a verb: the noun it stands for
            senses, is_noun = lex.nouns[tok.lower_], True
            sense = matching_sense(tok, senses, is_noun, actors)
        if sense is None:
            continue
        governor = noun_governor(tok) if is_noun else None
        if is_noun:
            if _is_generic_noun(tok) or not (_noun_is_specific(tok, sense) or _light_prep_object(tok, governor)):
                continue
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                continue
            # "a note of protest": the note is the trigger, the "protest" inside it is not another event
            if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN" \
                    and _lemma(tok.head.head) in lex.nouns and _lemma(tok.head) == "of":
                continue
            # "called for [talks]", "demanded the [release]": wanted, not done; but "has not spoken since the
            # [invasion]": a happening a temporal phrase presupposes stays asserted whatever the clause says
            if governor is not None and not _presupposed(tok) and \
                    (is_irrealis(governor) or _lemma(governor) in lex.content_heads):
                continue
        elif is_irrealis(tok) or tok.dep_ in ("amod", "compound", "nmod") or _is_manner_of_report(tok):
            continue
        else:
            consumed.update(c.i for c in named_arguments(tok, sense))
        anaphoric = sense.anaphoric_only or _damage_report(tok, sense, is_noun, actors) or (
            is_noun and any(c.dep_ == "det" and c.lower_ in lexicon().words.events.definite_dets for c in tok.children))
        out.append(Trigger(tok, sense.type, sense.mode, sense, is_noun, anaphoric, governor))
    return [t for t in out if t.token.i not in consumed]
