"""Counts stated in an event's sentences: fatalities, injured, arrested, vehicles, people affected."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.lexicon import lexicon

SKIP_NUMBER_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}


def _value(tok: Token) -> int | None:
    text = tok.text.lower().replace(",", "").replace("\u202f", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        value = lexicon().words.numbers.cardinals.get(text)
        if value is None:
            return None
    # "1.5 million", "two hundred": scale words hang off or govern the digit
    scales = lexicon().words.numbers.scales
    for t in (tok.head, *tok.children):
        if t is not tok and t.lower_ in scales and abs(t.i - tok.i) == 1:
            value *= scales[t.lower_]
    return int(value)


def _is_year_like(tok: Token, value: int) -> bool:
    return tok.like_num and tok.text.isdecimal() and len(tok.text) == 4 and 1900 <= value <= 2100 \
        and tok.ent_type_ != "CARDINAL"


def stated_numbers(tokens: list[Token]) -> list[tuple[str, int, Token]]:
    """(category, value, counted noun) for counts in these tokens: "144 fatalities", "11 men were arrested"."""
    out = []
    for tok in tokens:
        if tok.ent_type_ in SKIP_NUMBER_ENTS or not (tok.like_num or tok.ent_type_ == "CARDINAL"):
            continue
        if tok.lower_ in lexicon().words.numbers.scales and tok.head.like_num:
            continue
        if tok.dep_ in ("compound", "quantmod") and tok.head.like_num:
            continue  # part of a larger number ("1.5 million")
        value = _value(tok)
        if value is None or value <= 0 or _is_year_like(tok, value):
            continue
        category = _number_category(tok)
        if category:
            out.append((category, value, _counted_noun(tok)))
    return out


def _counted_noun(tok: Token) -> Token:
    """The noun a number counts; repairs "after 11 Kenyan men were ..." parsed as "after 11"."""
    if tok.dep_ in ("nummod", "quantmod"):
        return tok.head
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and doc[j].dep_ in ("compound", "amod") and doc[j].head.i > j:
        j += 1
    if j < len(doc) and j > tok.i + 1 and doc[j].pos_ == "NOUN" and doc[j].head.i != tok.i:
        return doc[j]
    if j == tok.i + 1 and j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].dep_ != "pobj":
        return doc[j]
    return tok


def _number_category(tok: Token) -> str | None:
    noun = _counted_noun(tok)
    cues: list[set[str]] = []
    cues.append({noun.lemma_.lower(), noun.lower_})
    cues.append({c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "acl", "relcl", "oprd", "compound")}
                | {c.lower_ for c in noun.children if c.dep_ in ("amod", "acl", "oprd")})
    # climb to the governing predicate: "11 men were arrested", "killed 144", "left 144 dead"
    cur = noun
    for _ in range(3):
        if cur.head is cur:
            break
        head = cur.head
        level = {head.lemma_.lower(), head.lower_}
        level |= {c.lemma_.lower() for c in head.children if c.dep_ in ("oprd", "acomp", "prt") or
                  (c.dep_ == "dobj" and c is not cur)}
        cues.append(level)
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() != "be":
            break
        cur = head
    categories = lexicon().words.events.number_categories  # in the order they are checked
    for level in cues:
        for category, words in categories.items():
            if level & words.lemmas:
                return category
    return None
