"""Reporting cues and their content clauses, found on the dependency parse.

A cue is a reporting verb ("stressed"), a verb plus noun ("expressed concern"), or a prepositional
frame ("according to X"). For each cue we return one `Claim` per content clause: coordinated
"that"-clauses under one verb become separate claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from app.extract.doctext import doc_text
from app.extract.lexicon import lexicon

QUOTE_CHARS = {'"', "“", "”", "«", "»", "„"}
OPEN_QUOTES = {"“", "«", "„"}
CLOSE_QUOTES = {"”", "»"}
SUBJECT_DEPS = {"nsubj", "csubj"}
DATELINE_MAX_TOKENS = 10  # "CITY, Country, May 7 (Agency) -"
DATELINE_MARKS = {":", "\u2014", "\u2013", "-", "--"}


@dataclass
class Claim:
    """One cue with one content clause (tokens in text order) and the token that names the speaker."""

    cue: Token
    cue_lemma: str
    content: list[Token]
    text: str
    speaker: Token | None = None
    speaker_resolved: bool = False  # True when the parse gave a subject/agent/pobj explicitly
    extra_excluded: set[int] = field(default_factory=set)  # token indices not part of the cue clause


def quote_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (curly pairs, or straight quotes toggled per paragraph)."""
    text = doc_text(doc)
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n" and open_at is not None and text[open_at] == '"':
            # a quotation running on into the next paragraph leaves its paragraph open: it ends here
            regions.append((open_at, i))
            open_at = None
        if ch in OPEN_QUOTES and open_at is None:
            open_at = i
        elif ch in CLOSE_QUOTES and open_at is not None:
            regions.append((open_at, i + 1))
            open_at = None
        elif ch == '"':
            if open_at is None:
                open_at = i
            else:
                regions.append((open_at, i + 1))
                open_at = None
    return regions


def inside(regions: list[tuple[int, int]], start: int, end: int | None = None) -> tuple[int, int] | None:
    """The quote region holding [start, end) (or the offset `start`), if any."""
    end = start + 1 if end is None else end
    for s, e in regions:
        if s <= start and end <= e:
            return (s, e)
    return None


def cue_lemma_of(tok: Token) -> str | None:
    """The lexicon lemma of a verb cue, with its particle/preposition ("point out", "call on")."""
    speech = lexicon().reporting.speech_verbs
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ in ("prt", "prep", "acomp", "dobj", "oprd"):
            multi = f"{lemma} {child.lower_}"
            if multi in speech:
                return multi
    return lemma if lemma in speech else None


def is_negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("never",) for c in tok.children)


def tidy(tokens: list[Token]) -> list[Token]:
    """Drop edge punctuation, conjunctions, a leading "that" and quote marks."""
    toks = sorted(set(tokens), key=lambda t: t.i)
    while toks and (toks[0].is_punct
                    or toks[0].dep_ in ("cc", "mark") and toks[0].lower_ in ("that", "and", "but", "whether", "if")
                    or toks[0].lower_ in ("and", "but", "that") and toks[0].dep_ in ("cc", "mark", "dep")):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc" or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def render(tokens: list[Token]) -> str:
    """Text of tokens in order, keeping the original spacing between contiguous ones."""
    out = []
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        ws = t.whitespace_ if (nxt is not None and nxt.i == t.i + 1) else (" " if nxt is not None else "")
        out.append(t.text + ws)
    text = "".join(out).strip()
    text = text.strip("".join(QUOTE_CHARS) + " ").strip()
    if text.count('"') % 2 or text.count("\u201c") != text.count("\u201d"):
        # a quotation cut by the content's edge: drop the orphan marks rather than show half a pair
        text = "".join(ch for ch in text if ch not in QUOTE_CHARS)
    return text


def _bridge(tokens: list[Token], cue: Token) -> list[Token]:
    """Clause tokens in order, with the short joints between two clauses (", and that") filled in."""
    toks = sorted(set(tokens), key=lambda t: t.i)
    ids = {t.i for t in toks}
    out: list[Token] = []
    for a, b in zip(toks, toks[1:] + [None], strict=True):
        out.append(a)
        if b is None or b.i - a.i <= 1:
            continue
        gap = a.doc[a.i + 1:b.i]
        if len(gap) <= 3 and cue.i not in range(a.i + 1, b.i) \
                and all(t.is_punct or t.dep_ in ("cc", "mark") for t in gap):
            out.extend(t for t in gap if t.i not in ids)
    return out


def without_side_reports(tokens: list[Token], clause: Token) -> list[Token]:
    """Cut adverbial clauses that are reports of their own ("..., while X countered that ...")."""
    keep = {t.i for t in tokens}
    for t in tokens:
        if t.dep_ in ("advcl", "conj", "parataxis") and t.i != clause.i and t.pos_ == "VERB" \
                and cue_lemma_of(t) in lexicon().reporting.clause_verbs \
                and (any(c.dep_ == "ccomp" for c in t.children)
                     or any(c.dep_ == "nsubj" for c in t.children) and any(c.dep_ == "dobj" for c in t.children)):
            keep -= {x.i for x in t.subtree}
    return [t for t in tokens if t.i in keep]


def _noun_cue_content(noun: Token) -> list[Token]:
    """ "expressed support for the plan": the noun with what it is about, which the parser may hang on the verb."""
    toks = list(noun.subtree)
    nxt = noun.right_edge.i + 1
    verb = noun.head
    while nxt < len(noun.doc) and noun.doc[nxt].dep_ == "prep" and noun.doc[nxt].head.i == verb.i:
        toks += list(noun.doc[nxt].subtree)
        nxt = noun.doc[nxt].right_edge.i + 1
    return toks


def content_clauses(cue: Token, lemma: str) -> list[tuple[str, list[Token], str | None]]:
    """(cue lemma, content tokens, rendered text or None) for every claim the cue carries."""
    lex = lexicon().reporting
    children = list(cue.children)
    ccomps = [c for c in children if c.dep_ == "ccomp" and c.i != cue.i]
    if not ccomps:
        # "that" clauses sometimes come out as advcl/dep
        ccomps = [c for c in children if c.dep_ in ("advcl", "dep", "parataxis") and c.i > cue.i
                  and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    dobj = next((c for c in children if c.dep_ in ("dobj", "obj")), None)
    xcomp = next((c for c in children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)

    # noun cues: "expressed (serious) concern about ..."
    if lemma in lex.noun_cue_verbs and lemma not in lex.clause_verbs | lex.urge_verbs:
        if dobj is not None and dobj.lemma_.lower() in lex.noun_cues:
            return [(f"{lemma} {dobj.lemma_.lower()}", _noun_cue_content(dobj), None)]
        return []
    if lemma in lex.noun_cue_verbs and dobj is not None and dobj.lemma_.lower() in lex.noun_cues and not ccomps:
        return [(f"{lemma} {dobj.lemma_.lower()}", _noun_cue_content(dobj), None)]

    # describe X as Y
    if lemma in lex.describe_verbs:
        as_prep = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if as_prep is None and dobj is not None:
            as_prep = next((c for c in dobj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if dobj is not None and as_prep is not None:
            return [(lemma, list(dobj.subtree) + list(as_prep.subtree), None)]
        # "called the decision unsurprising", "called the ban an act of cowardice"
        complement = next((c for c in children if c.dep_ == "oprd"), None)
        if complement is not None and not (dobj is not None and dobj.tag_ in ("WP", "WDT")):
            # ("what it called violations" only names a thing, it claims nothing)
            return [(lemma, (list(dobj.subtree) if dobj is not None else []) + list(complement.subtree), None)]
        if xcomp is not None and xcomp.tag_ == "VBG":
            return [(lemma, list(xcomp.subtree), None)]  # "described having a close friendship"
        if lemma not in lex.clause_verbs | lex.object_content_verbs:
            return []

    # urge X to do Y -> "X should do Y"
    if lemma in lex.urge_verbs:
        target = dobj
        if target is None:
            on = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
            target = next((c for c in on.children if c.dep_ == "pobj"), None) if on is not None else None
        action = xcomp
        if action is None and ccomps and lemma != "tell":
            c = ccomps[0]
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                action = c
                target = target or next((s for s in c.children if s.dep_ in ("nsubj",)), None)
        if action is None and target is not None:
            action = next((c for c in target.children if c.dep_ in ("relcl", "acl") and
                           any(a.lower_ == "to" for a in c.children)), None)
        if action is not None:
            verb_part = [t for t in action.subtree if not (t.head == action and t.dep_ == "aux" and t.lower_ == "to")
                         and (target is None or t not in list(target.subtree))]
            verb_part = tidy(verb_part)
            if target is not None:
                text = f"{render(tidy(list(target.subtree)))} should {render(verb_part)}"
                return [(lemma, list(target.subtree) + verb_part, text)]
            return [(lemma, verb_part, None)]

    # "stressed that A, and that B": the parser often hangs B on the cue itself
    ccomps += [c for c in children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and ccomps
               and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    # "X said A and B" is one claim (the gold's rule): coordinated clauses stay together, only a sentence
    # boundary separates claims
    parts: list[Token] = []
    for clause in ccomps:
        toks = without_side_reports(list(clause.subtree), clause)
        if cue.dep_ == "relcl":
            # "X, which said A, called for B": the relative clause ends at its closing comma
            stop = next((t.i for t in toks if t.i > cue.i and t.text == ","), None)
            toks = [t for t in toks if stop is None or t.i < stop]
        parts += toks
    if parts:
        return [(lemma, _bridge(parts, cue), None)]

    # "vowed to rebuild the bridge"
    if xcomp is not None and lemma in lex.intent_verbs:
        return [(lemma, list(xcomp.subtree), None)]
    cue_entry = lex.cues.get(lemma)
    preps = cue_entry.content_preps if cue_entry is not None else frozenset()
    around = children + (list(dobj.children) if dobj is not None else [])
    phrases = [c for c in around if c.dep_ == "prep" and c.lower_ in preps
               and any(p.dep_ in ("pobj", "pcomp") for p in c.children)]
    # "stressed the need for ...", "accused X of Y", "blamed X for Y", "pleaded not guilty to ..."
    obj = dobj if dobj is not None else next((c for c in children if c.dep_ in ("acomp", "oprd")), None)
    if obj is not None and lemma in lex.object_content_verbs:
        return [(lemma, list(obj.subtree) + [t for p in phrases for t in p.subtree], None)]
    # "warned of ...", "insisted on ..."
    for c in phrases:
        if c.head.i == cue.i:
            cue_name = lemma if lemma.endswith(f" {c.lower_}") else f"{lemma} {c.lower_}"
            return [(cue_name, list(c.subtree)[1:], None)]
    return []


def speaker_token(cue: Token) -> tuple[Token | None, bool]:
    """The token naming who speaks: the cue's subject, a passive agent, or an ancestor's subject."""
    lex = lexicon().reporting
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "conj", "xcomp"):
        # "X stated that A, adding that B" with "adding" hung on A's verb: the adder is the one who stated
        for up in cue.ancestors:
            subj = _subject(up)
            if subj is not None and cue_lemma_of(up) is not None:
                return subj, True
    tok, came_by_conj, via_as = cue, False, False
    for _ in range(5):
        if via_as and tok.lemma_.lower() in lex.quote_verbs:
            # "the ministry cited the minister as saying ...": the minister speaks, the ministry relays
            quoted = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
            if quoted is not None:
                return quoted, True
        subj = _subject(tok)
        if subj is not None:
            if subj.lower_ in lexicon().words.statements.relative_pronouns and tok.dep_ == "relcl":
                return tok.head, True
            return subj, True
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, True
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            if tok.lemma_.lower() in lex.quote_verbs:
                return passive, True
            if tok.i == cue.i:
                return None, False  # "X was told that ...": X listens, nobody named speaks
        if tok.dep_ == "relcl":
            return tok.head, True
        if tok.dep_ == "acl" and tok.head.lemma_.lower() in lex.document_nouns:
            return tok.head, True
        if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep", "ccomp") and tok.head.i != tok.i:
            if tok.dep_ == "ccomp" and tok.i != cue.i:
                # "X insisted that A and argued that B" parsed with "argued" under A: X argues too
                if came_by_conj and cue_lemma_of(tok.head) is not None:
                    tok = tok.head
                    continue
                break
            if tok.dep_ == "ccomp" and tok.head.lemma_.lower() not in lex.quote_verbs:
                break  # an embedded cue with no subject of its own is not the outer speaker's
            came_by_conj = tok.dep_ == "conj"
            via_as = tok.dep_ == "prep" and tok.lower_ == "as"
            tok = tok.head
            continue
        break
    return None, False


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two ("SEOUL, May 7: the minister said"), the one nearest the verb, never a dateline."""
    subjects = []
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            # "CITY — Peter Novak, ..., said": the parser may hang the real subject on the dateline
            subjects += [a for a in c.children if a.dep_ == "appos" and a.i > c.i] if _is_dateline(c) else [c]
    return min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None


def _is_dateline(tok: Token) -> bool:
    """A place opening its line and cut off by a colon or dash: "CITY, May 7:", "CITY —"."""
    doc = tok.doc
    line_start = doc_text(doc).rfind("\n", 0, tok.idx) + 1
    first = tok.left_edge
    while first.i > 0 and doc[first.i - 1].idx >= line_start:
        first = doc[first.i - 1]
    for t in doc[first.i:min(len(doc), first.i + DATELINE_MAX_TOKENS)]:
        if t.text in DATELINE_MARKS:
            return tok.i < t.i
        if not (t.pos_ in ("PROPN", "NUM") or t.is_punct or t.is_space):
            return False
    return False


def without_dateline(tokens: list[Token]) -> list[Token]:
    """Content that opens its line with a dateline ("CITY, May 7 (Agency) - ...") starts after it."""
    if not tokens:
        return tokens
    first = tokens[0]
    if first.idx != doc_text(first.doc).rfind("\n", 0, first.idx + 1) + 1:
        return tokens
    for k, t in enumerate(tokens[:DATELINE_MAX_TOKENS]):
        if t.text in DATELINE_MARKS and k > 0:
            return tokens[k + 1:]
        if not (t.pos_ in ("PROPN", "NUM") or t.is_punct or t.is_space):
            return tokens
    return tokens


def according_to(tok: Token) -> tuple[Token, list[Token]] | None:
    """For "according to X": (X's head, the sentence tokens outside the phrase)."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent: SpacySpan = tok.sent
    phrase = {t.i for t in tok.subtree}
    rest = [t for t in sent if t.i not in phrase]
    return pobj, rest


def attributed_to(tok: Token) -> tuple[Token, list[Token]] | None:
    """For "<words> attributed to X": (X's head, the attributed noun phrase or its clause)."""
    if tok.lemma_.lower() not in lexicon().reporting.attribution_verbs or tok.dep_ not in ("acl", "relcl", "amod"):
        return None
    to = next((c for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"), None)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    noun = tok.head
    # only a phrase that carries a claim of its own ("the words '...' attributed to X", "claims that ...")
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.i != tok.i
                   and c.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        return None
    return pobj, list(clause.subtree)
