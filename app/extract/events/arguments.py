"""Arguments of one event trigger: participants, location, clause text and stated numbers."""

from __future__ import annotations

import re

from spacy.tokens import Token

from app.extract.actors.countries import lookup
from app.extract.actors.index import ActorIndex
from app.extract.doctext import doc_text
from app.extract.events.parties import credited_doer, modifying_agents, named_object_parties, owned_country
from app.extract.events.senses import LIGHT_PREPS, direct_objects, matched_complements, named_arguments, phrase_keys
from app.extract.lexicon import lexicon
from app.extract.types import ExtractedActor

SUBJECT_DEPS = ("nsubj", "csubj")
LOCATION_ENTS = {"GPE", "FAC", "LOC"}
# deps through which a word modifies the noun it precedes ("French services", "Polish-plate trucks")
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
# "used water cannon to scatter a crowd": the object of a purpose clause of these verbs is who the force was used on
FORCE_PURPOSE_VERBS = frozenset({"disperse", "scatter", "repel", "push", "drive", "clear", "break"})


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts, *_affiliated_conjuncts(tok)]


def _affiliated_conjuncts(tok: Token) -> list[Token]:
    """ "A of party X and B of party Y": the parser often joins B to X, inside A's "of" phrase; a person joined to
    the organization that qualifies a person is the second person of the coordination."""
    if tok.ent_type_ != "PERSON":
        return []
    return [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
            if o.dep_ == "pobj" and o.ent_type_ != "PERSON" for c in o.conjuncts if c.ent_type_ == "PERSON"]


def _actor(actors: ActorIndex, tok: Token) -> ExtractedActor | None:
    """The actor an argument phrase names, else the one its apposition names ("the envoy, X, ...")."""
    hit = _phrase_actor(actors, tok)
    if hit is None:
        for c in tok.children:
            if c.dep_ == "appos":
                hit = _phrase_actor(actors, c)
                if hit is not None:
                    break
    return hit


# people named by their tie to another person: "the brother of X" is someone else than X
KIN_NOUNS = frozenset({"sister", "brother", "wife", "husband", "son", "daughter", "mother", "father", "widow",
                       "widower", "niece", "nephew", "cousin", "uncle", "aunt", "grandson", "granddaughter",
                       "sibling", "relative", "stepson", "stepdaughter"})


def _kin_actor(actors: ActorIndex, tok: Token) -> ExtractedActor | None:
    """ "The brother of minister X said": not X, but someone of X's country (the country, when the text names it)."""
    relatives = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"] + [c for c in tok.children if c.dep_ == "poss"]
    for rel in relatives:
        hit = actors.of_token(rel)
        if hit is not None and hit.type == "person" and hit.country:
            return next((a for a in actors.actors if a.type == "country" and a.name == hit.country), None)
    return None


def _phrase_actor(actors: ActorIndex, tok: Token) -> ExtractedActor | None:
    """The actor an argument phrase names; a place inside it ("worshippers at a mosque in X") is not it."""
    if tok.lower_ in lexicon().words.events.relative_pronouns and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "the men who attacked": the men
    owned, country = owned_country(actors, tok)
    if owned:
        return country
    hit = actors.at(tok.idx, tok.idx + len(tok))
    if hit is not None:
        return hit
    if tok.lemma_.lower() in KIN_NOUNS and tok.pos_ == "NOUN":
        return _kin_actor(actors, tok)
    # places and relative clauses inside the phrase name other things ("a man who attacked the embassy")
    location_preps = lexicon().words.events.location_preps - {"on"}
    places = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in tok.children
              if (c.dep_ == "prep" and c.lower_ in location_preps) or c.dep_ in ("relcl", "acl")]
    if not places:
        return actors.of_token(tok) or _country_modifier(actors, tok)
    left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
    inside = [m for m in actors.in_span(left, right) if not any(a <= m[0] < b for a, b in places)]
    if not inside:  # "the Chilean crew who landed": the relative clause aside, the demonym still attributes it
        return _country_modifier(actors, tok)
    return min(inside, key=lambda m: abs(m[0] - tok.idx))[2]


def _country_modifier(actors: ActorIndex, tok: Token) -> ExtractedActor | None:
    """The country a demonym or country-name modifier attributes an unresolved noun to: "Russian services",
    "Polish-plate trucks", "Norway's border guards". Only countries the actor index already knows."""
    stack = [c for c in tok.lefts if c.dep_ in MODIFIER_DEPS]
    while stack:
        mod = stack.pop(0)
        hit = actors.at(mod.idx, mod.idx + len(mod))
        if hit is not None:
            return hit if hit.type == "country" else None
        # a demonym the actor finder did not keep as a mention ("the Chilean crew"), of a country the text names
        form = lookup(mod.text) if mod.pos_ in ("ADJ", "PROPN") else None
        if form is not None and form.kind == "adjective":
            named = next((a for a in actors.actors if a.type == "country" and a.name == form.country), None)
            if named is not None:
                return named
        stack.extend(c for c in mod.lefts if c.dep_ in MODIFIER_DEPS)
    return None


def _pobjs(prep: Token) -> list[Token]:
    out = []
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            out.extend(_conjuncts(c))
    return out


PARTICIPLE_TAGS = ("VBN",)  # an active "..., killing ten" names its own doer too loosely


def _subject_of(verb: Token) -> tuple[list[Token], bool]:
    """Subject tokens of a verb and whether the verb is passive, inheriting across xcomp/conj."""
    cur = verb
    own_passive = any(c.dep_ == "auxpass" for c in verb.children)
    for _ in range(4):
        subj = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        if subj:
            # "X protested ... and was summoned": the inherited subject is the summoned one
            return [t for s in subj for t in _conjuncts(s)], own_passive
        if passive:
            return [t for s in passive for t in _conjuncts(s)], True
        if cur.dep_ in ("xcomp", "conj") and cur.head is not cur:
            cur = cur.head
            continue
        if cur.dep_ in ("acl", "relcl") and cur.head is not cur:  # "a delegation headed by", "men who fired"
            if cur.dep_ == "acl" and cur.tag_ == "VBN":
                return [], True
            return _conjuncts(cur.head), False
        if cur.dep_ == "advcl" and cur.tag_ in PARTICIPLE_TAGS and cur.head is not cur \
                and not any(c.dep_ == "mark" for c in cur.children):
            # "Detained at the airport, X was freed on bail": a bare participle clause is about the main clause's
            # subject, the one it happened to when the participle is passive
            return _subject_of(cur.head)[0], cur.tag_ == "VBN"
        break
    if verb.dep_ == "conj":
        return _elided_subject(verb), own_passive
    return [], False


def _elided_subject(verb: Token) -> list[Token]:
    """ "X and Y came second, but rejected the result": a coordinated verb the parser hangs on another clause
    (here an opening "Recall that ...") shares the subject of the nearest clause before it in the sentence."""
    for cand in reversed(verb.sent[: verb.i - verb.sent.start]):
        if cand.pos_ not in ("VERB", "AUX"):
            continue
        subj = [c for c in cand.children if c.dep_ == "nsubj" and c.i < cand.i]
        if subj:
            return [t for s in subj for t in _conjuncts(s)]
    return []


def _agents(verb: Token) -> list[Token]:
    """ "by X" of a passive, "initiated by X", "at X's initiative"."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and verb.tag_ == "VBN"):
            # "killed by firing from across the border in X": a gerund names how, not who; its place is no doer
            out.extend(p for p in _pobjs(c) if p.pos_ != "VERB")
        elif c.dep_ in ("acl", "advcl") and c.lemma_.lower() in lexicon().words.events.initiating_verbs:
            out.extend(p for a in c.children if a.dep_ == "agent" for p in _pobjs(a))
        elif c.dep_ == "prep" and c.lower_ in ("at", "on"):
            for p in _pobjs(c):
                if p.lemma_.lower() in lexicon().words.events.initiative_nouns:
                    out.extend(q for q in p.children if q.dep_ == "poss")
                    out.extend(t for q in p.children if q.dep_ == "prep" and q.lower_ == "of" for t in _pobjs(q))
    return out


# stands in a mention's parts for "the two countries", "both sides": the finder replaces it by the actors of the
# event referred back to
BACK_REFERENCE = "@back"
# happenings with no one they are done to: "the visit of X", "a protest of X" name the actor, not a target
UNDERGOER_FREE_TYPES = frozenset({"PROTEST", "RETREAT", "MOBILIZE", "CONSULT", "COOPERATE", "FIGHT", "AGREE",
                                  "CONCEDE", "AID"})
COLLECTIVE_NOUNS = frozenset({"side", "party", "country", "nation", "leader", "government", "state", "neighbour",
                              "neighbor", "rival", "capital", "delegation"})


def _names_undergoer(trigger) -> bool:
    return trigger.type not in UNDERGOER_FREE_TYPES


def back_reference(tok: Token) -> bool:
    """ "both sides", "the two countries", "the parties", "both": a plural that points back to actors already named."""
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and (
            tok.lower_ == "both" or (tok.lower_ == "two" and any(c.lower_ == "the" for c in tok.children))):
        return True  # "both condemned it", "talks between the two"
    if tok.lemma_.lower() not in COLLECTIVE_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    kids = {c.lower_ for c in tok.children if c.dep_ in ("det", "predet", "nummod", "preconj")}
    if kids & {"both", "two"}:
        return True
    # "the parties": only the bare definite plural of a word that means the sides of a dealing
    return tok.lemma_.lower() in ("party", "side") and kids == {"the"} and \
        not any(c.dep_ in ("amod", "compound", "prep") for c in tok.children)


def participants(trigger, actors: ActorIndex, skip: tuple[int, int] = (0, 0)) -> list[tuple[str, str]]:
    """(actor_key, role) pairs for one trigger: sources first, then targets, then participants.

    Tokens inside `skip` (the dateline's character range) are never participants; a back reference ("both
    sides") comes out as BACK_REFERENCE for the finder to resolve against earlier events.
    """
    tok = trigger.token
    sense = trigger.sense
    source_preps = sense.source_preps
    vocab = lexicon().words.events
    receiving = lexicon().plover.receiving_verbs
    target_preps = (set(vocab.default_target_preps) | sense.target_preps) - source_preps
    sources: list[Token] = []
    targets: list[Token] = []
    between: list[Token] = []

    heads = [tok]
    # "advised its citizens not to travel to X": the complement's destination is the target
    heads.extend(c for c in tok.children if c.dep_ in ("xcomp",) and sense.xcomp is not None)
    if trigger.is_noun:
        of_objects = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in _pobjs(c)]
        # "at the request of prosecutors", "the demands of the protesters": an appeal's "of" phrase makes it
        undergoer = _names_undergoer(trigger) and trigger.type not in ("REQUEST", "DEMAND")
        if of_objects:
            # "Russia's invasion of Ukraine", "the killing of X": the "of" phrase is who it is done to, unless the
            # happening has no one it is done to ("the visit of the president", "a protest of farmers")
            (targets if undergoer else sources).extend(of_objects)
        for c in tok.children:
            if c.dep_ == "poss":
                # "X's arrest", "the cleric's execution": with nothing after "of", the possessor undergoes it
                patient = not of_objects and tok.lemma_.lower() in vocab.patient_nouns
                (targets if patient else sources).extend(_conjuncts(c))
            elif c.dep_ == "acl" and c.tag_ == "VBN":  # "checks implemented by X", "sanctions imposed by X"
                sources.extend(_agents(c))
        sources.extend(modifying_agents(tok, actors))
        gov = trigger.governor
        if gov is not None and tok.dep_ == "nsubjpass" and gov.lemma_.lower() in vocab.initiating_verbs:
            sources.extend(_agents(gov))  # "the call was initiated by X"
        light = gov is not None and gov.lemma_.lower() in lexicon().plover.light_verbs
        # "X held talks", "X resorted to shooting": the light verb's subject acts
        through_prep = light and tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in LIGHT_PREPS \
            and tok.head.head.i == gov.i
        if light and (tok.dep_ in ("dobj", "nsubjpass") or through_prep):
            heads.append(gov)
            subj, passive = _subject_of(gov)
            if gov.lemma_.lower() in receiving:
                targets.extend(subj)
            elif not passive:
                sources.extend(subj)
            sources.extend(_agents(gov))
        # "X spoke during a summit", "X said at the talks": who speaks at a meeting takes part in it
        if trigger.type == "CONSULT" and tok.dep_ == "pobj" and tok.head.lower_ in ("during", "at") \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            sources.extend(_subject_of(tok.head.head)[0])
        # "X was in the capital on a visit / for talks": the one who is there takes part in them
        if gov is not None and gov.lemma_.lower() == "be" and trigger.type == "CONSULT" and tok.dep_ == "pobj" \
                and tok.head.lower_ in ("on", "for") and tok.head.head.i == gov.i:
            sources.extend(_subject_of(gov)[0])
    else:
        subj, passive = _subject_of(tok)
        # "found X guilty": X is who it is done to; a headline's "X found guilty" is a passive with no auxiliary
        adjectives = [c for c in matched_complements(tok, sense) if c.tag_ == "JJ"]
        # "ruled that the claim brought by X lacked merit": what is turned down names whose it is
        judged = [c for c in matched_complements(tok, sense) if sense.type == "REJECT" and c.pos_ == "VERB"]
        for adj in adjectives + judged:
            targets.extend(t for c in adj.children if c.dep_ == "nsubj" for t in _conjuncts(c))
        for verb in judged:  # "the claim brought by X": whose claim it is
            targets.extend(a for c in verb.children if c.dep_ == "nsubj" for acl in c.children
                           if acl.dep_ == "acl" and acl.tag_ == "VBN" for a in _agents(acl))
        if adjectives and not passive and not targets and not any(
                c.dep_ in ("dobj", "aux", "auxpass") for c in tok.children):
            passive = True
        if passive:  # "rubber bullets were deployed": the weapon the sense names is not who it was used on
            named = {t.i for t in named_arguments(tok, sense)}
            subj = [t for t in subj if t.i not in named]
        (targets if passive else sources).extend(subj)
        if not subj:
            sources.extend(credited_doer(tok))
        if trigger.type == "ASSAULT":
            targets.extend(o for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower()
                           in FORCE_PURPOSE_VERBS and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                           for o in c.children if o.dep_ == "dobj")
        sources.extend(_agents(tok))
        parties = named_object_parties(tok, sense)
        between.extend(parties)
        # "imposed sanctions on X": the event noun's own "on/against" phrase names the target
        event_nouns = lexicon().plover.nouns
        heads.extend(c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in event_nouns)
        if not sense.object_is_topic:  # "discussed Ukraine": a topic, not a counterpart
            # "brokered a deal between X and Y": the accord the sense names is no counterpart (its parties are)
            named = set() if not parties else {o.i for o in direct_objects(tok) if phrase_keys(o) & sense.object}
            for c in (c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i not in named):
                # "condemned the arrest of protesters by the police": the act's doer is who is condemned
                doers = [p for b in c.children if b.dep_ == "prep" and b.lower_ == "by" for p in _pobjs(b)] \
                    if c.lemma_.lower() in event_nouns else []
                targets.extend(doers or _conjuncts(c))

    for head in heads:
        for c in head.children:
            if c.dep_ not in ("prep", "dative"):
                continue
            prep = c.lower_
            # "protest from X" on a noun or a receiving verb, "an attack by X": the source
            from_source = prep == "from" and (head is tok and trigger.is_noun or head.lemma_.lower() in receiving)
            by_agent = prep == "by" and trigger.is_noun and head is tok
            if prep == "between" or prep == "among":
                between.extend(_pobjs(c))
            elif prep in source_preps or from_source or by_agent:
                sources.extend(_pobjs(c))
            elif prep in target_preps and prep not in vocab.location_preps - {"on", "at"}:
                objs = _pobjs(c)
                if prep in ("at", "on", "in") and any(_is_place(o) for o in objs):
                    continue
                targets.extend(objs)

    if trigger.is_noun and not sources and sense.frame == "controls":
        sources.extend(_governing_authority(tok, actors))
    if sense.destination_source:
        # "denied entry into X", "barred from entering X": the country entered is the one restricting
        for place in _entered(tok, trigger.governor):
            if _is_country(actors, place):
                sources.append(place)
            elif place.head.lower_ == "to":  # "denied entry to the journalists": who is refused
                targets.append(place)

    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    role_of = trigger.type in ("CONSULT", "COOPERATE", "FIGHT")
    for group, role in ((sources, "source"), (targets, "target"), (between, "participant")):
        for t in group:
            if skip[0] <= t.idx < skip[1]:  # the dateline's city and agency locate and source the story, not act
                continue
            actor = _actor(actors, t)
            if actor is None and back_reference(t) and BACK_REFERENCE not in seen:
                seen.add(BACK_REFERENCE)
                out.append((BACK_REFERENCE, role))
                continue
            if actor is None or actor.key in seen:
                continue
            seen.add(actor.key)
            out.append((actor.key, role))
    if role_of and between:
        out = [(k, "participant") for k, _ in out]
    return out


def _governing_authority(tok: Token, actors: ActorIndex, hops: int = 6) -> list[Token]:
    """ "Russian authorities outlined the steps ... that prompted enhanced scrutiny": a standing measure named
    without its imposer belongs to the country whose authorities the nearest governing clause is about."""
    relative = lexicon().words.events.relative_pronouns
    cur = tok
    for _ in range(hops):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX"):
            continue
        for subj in (c for c in cur.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in relative):
            actor = _actor(actors, subj)
            if actor is not None and actor.type == "country":
                return [subj]
    return []


def _entered(tok: Token, governor: Token | None) -> list[Token]:
    """Where an entry restriction applies: "entry into X", "denials into X", "from entering X"."""
    heads = [tok, *([governor] if governor is not None else [])]
    heads += [c for h in list(heads) for c in h.children if c.dep_ in ("dobj", "compound", "nsubjpass")]
    out: list[Token] = []
    for head in heads:
        for c in head.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ in lexicon().words.events.entry_preps:
                out.extend(_pobjs(c))
            elif c.lower_ == "from":  # "barred from entering X"
                for p in c.children:
                    if p.dep_ == "pcomp" and p.lemma_.lower() in lexicon().words.events.entering_verbs:
                        out.extend(t for q in p.children if q.dep_ == "dobj" for t in _conjuncts(q))
    return out


def _is_country(actors: ActorIndex, tok: Token) -> bool:
    actor = _actor(actors, tok)
    return actor is not None and actor.type == "country"


def _is_place(tok: Token) -> bool:
    return tok.ent_type_ in LOCATION_ENTS or tok.lemma_.lower() in lexicon().words.events.place_nouns


# ----------------------------------------------------------------------------- clause text

CLAUSE_CUT_DEPS = {"conj", "cc", "advcl", "parataxis", "ccomp", "relcl", "punct", "mark", "preconj"}


def clause_tokens(trigger) -> tuple[list[Token], Token]:
    """Tokens of the trigger's own clause (coordinated and subordinate clauses cut off)."""
    head = trigger.governor if trigger.is_noun and trigger.governor is not None else trigger.token
    keep: list[Token] = [head]
    for c in head.children:
        if c.dep_ in CLAUSE_CUT_DEPS and c.i > head.i and c.dep_ != "punct":
            continue
        if c.dep_ in ("cc", "mark", "punct", "advcl", "parataxis") and c.i < head.i:
            continue
        keep.extend(c.subtree)
    keep.sort(key=lambda t: t.i)
    return keep, head


def clause_text(trigger, *, with_subject: bool = True, limit: int = 200) -> tuple[str, int, int]:
    """Text of the trigger clause, its start and end character offsets."""
    toks, head = clause_tokens(trigger)
    if not with_subject:
        # from the verb group on: "was summoned to ...", "advised its citizens not to travel ..."
        verb_group = [c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i]
        first = min([head.i, *verb_group])
        subj_end = max((c.right_edge.i for c in head.children
                        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i < head.i), default=-1)
        first = max(first, subj_end + 1) if subj_end < head.i else head.i
        toks = [t for t in toks if t.i >= first]
    # "a day after X was summoned": the subordinator and what precedes it are not the clause
    marks = [c.i for c in head.children if c.dep_ == "mark" and c.i < head.i]
    if marks:
        toks = [t for t in toks if t.i > max(marks)]
    if not toks:
        toks = [trigger.token]
    doc = head.doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    text = doc_text(doc)[start:end]
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—.")
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return text, start, end
