"""In-document coreference: pronouns, role descriptions and bare ministries become mentions of known actors."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from app.extract.actors.book import ActorBook, Draft, Mention
from app.extract.actors.countries import demonym
from app.extract.actors.organizations import MinistryPhrase
from app.extract.actors.roles import (
    POSSESSIVE,
    CountryHit,
    is_diplomat_title,
    normalize_title,
    role_of,
)
from app.extract.lexicon import lexicon

LOOKBACK_SENTENCES = 3


def _is_subject(doc: Doc, m: Mention) -> bool:
    return doc[m.start:m.end].root.dep_ in ("nsubj", "nsubjpass")


def _recent(doc: Doc, book: ActorBook, tok: Token, kinds: tuple[str, ...], accept=lambda d: True) -> Draft | None:
    """Nearest sentence (this one, then up to 3 back) holding a fitting mention; its subject wins, else the latest."""
    # only the window's sentences and mentions: listing every sentence and mention per pronoun is quadratic
    window = [tok.sent]
    while len(window) <= LOOKBACK_SENTENCES and window[-1].start > 0:
        window.append(doc[window[-1].start - 1].sent)
    before = [(m, d) for m, d in book.mentions_before(tok.i, kinds, since=window[-1].start) if accept(d)]
    for sent in window:
        inside = [(m, d) for m, d in before if sent.start <= m.start < sent.end]
        if inside:
            subjects = [md for md in inside if _is_subject(doc, md[0])]
            return (subjects or inside)[-1][1]
    return None


def _nearest(book: ActorBook, tok: Token, kind: str, accept) -> Draft | None:
    """Most recent fitting actor before the token, else the first one after it (cataphora)."""
    cands = [(m, d) for d in book.drafts if d.type == kind and accept(d) for m in d.mentions if m.alias]
    before = [md for md in cands if md[0].end <= tok.i]
    if before:
        return max(before, key=lambda md: md[0].start)[1]
    after = [md for md in cands if md[0].start > tok.i]
    return min(after, key=lambda md: md[0].start)[1] if after else None


def _cataphor(doc: Doc, book: ActorBook, tok: Token) -> Draft | None:
    """ "Hours after she was detained, union leader X appeared before a judge": a pronoun in a clause put before the
    main clause, with no one named before it, is the main clause's subject."""
    root = tok.sent.root
    if tok.head.i == root.i or tok.i > root.i:
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i]
    span = {t.i for s in subjects for t in s.subtree}
    found = [(m, d) for m, d in book.mentions_before(root.i, ("person",), since=tok.i + 1) if m.start in span]
    return found[0][1] if found else None


def _resolve_pronoun(doc: Doc, book: ActorBook, tok: Token) -> Draft | None:
    low = tok.lower_
    if low in lexicon().words.actors.person_pronouns:
        return _recent(doc, book, tok, ("person",)) or _cataphor(doc, book, tok)
    if low in lexicon().words.actors.thing_pronouns:
        if tok.dep_ == "expl" or (low == "it" and tok.head.lemma_ in ("be", "seem", "appear", "take")):
            return None
        return _recent(doc, book, tok, ("organization", "country"))
    if low in lexicon().words.actors.plural_pronouns:
        return _recent(doc, book, tok, ("group",)) or _recent(doc, book, tok, ("country", "organization", "group"))
    return None


def _ministry(doc: Doc, book: ActorBook, ph: MinistryPhrase) -> None:
    """"the ministry", "the Kenyan ministry", "the foreign ministry": the fitting ministry already named."""
    def fits(d: Draft) -> bool:
        return (d.name.startswith("Ministry of") and (ph.country is None or d.country == ph.country)
                and (ph.dept is None or d.name.startswith(f"Ministry of {ph.dept} of")))

    target = _nearest(book, doc[ph.head], "organization", fits)
    if target is not None and book.is_free(ph.start, ph.end):
        book.mention(target, ph.start, ph.end)


def _description(doc: Doc, book: ActorBook, tok: Token, hits: dict[int, CountryHit]) -> None:
    """A person described by role: resolved by country and title, or a new unnamed role holder."""
    if tok.tag_ != "NN" or tok.i in book.claimed:
        return
    if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN" and doc[tok.i + 1].text[:1].isupper():
        return  # a title before a name: the people pass owns it
    start = tok.left_edge.i
    country = destination = None
    owner: Draft | None = None
    possessive_country = False
    words: list[str] = []
    for i in range(start, tok.i + 1):
        t = doc[i]
        if i in hits and hits[i].form.kind in ("name", "adjective"):
            if country is None:
                country = hits[i].form.country
                possessive_country = i + 1 < len(doc) and doc[i + 1].text in POSSESSIVE
        elif t.lower_ in lexicon().words.actors.person_pronouns and t.dep_ == "poss":
            owner = _resolve_pronoun(doc, book, t)
        elif t.pos_ not in ("DET", "PRON", "PART") and t.text not in POSSESSIVE:
            words.append(t.lower_)
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "to":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.i in hits]
            if objs:
                destination = hits[objs[0].i].form.country
                end = objs[0].i + 1
    if tok.lower_ == "counterpart":
        owner = owner or _recent(doc, book, tok, ("person",))
        if owner is None:
            return

        def accept(d: Draft) -> bool:
            if d is owner or (country and d.country != country) or (not country and d.country == owner.country):
                return False
            return not owner.title or not d.title or d.title == owner.title
        target = _nearest(book, tok, "person", accept)
        if target and not target.role and owner.title and target.country:
            target.role = role_of(owner.title, target.country)
    else:
        title = normalize_title(words)
        diplomat = "diplomat" in words

        def accept(d: Draft) -> bool:
            # a person whose country is not known yet may be "the Malawian president" if the title fits
            if country and d.country and d.country != country:
                return False
            if diplomat:
                return is_diplomat_title(d.title) and ("top" not in words or (d.title or "").startswith("Minister"))
            if title and d.title and words[-1:] == ["leader"]:  # "the Japanese leader": whoever leads the country
                return d.title in lexicon().words.actors.leader_titles
            return bool(title and d.title and d.title.startswith(title))
        target = _nearest(book, tok, "person", accept) if (title or diplomat) else None
        if target is not None and country and not target.country:
            target.country = country
            target.role = role_of(target.title, country) if target.title else target.role
        if target is None and title and country and (possessive_country or doc[start].lower_ in ("a", "an")):
            first = start + (doc[start].lower_ in ("a", "an", "the"))
            target = book.get_or_create("person", doc[first:end].text, country=country,
                                        role=role_of(title, country, destination))
    # country words and a possessive pronoun inside the phrase may already be mentions of their own
    blocked = [i for i in range(start, end) if i in book.claimed and i not in hits and doc[i].pos_ != "PRON"]
    if target is not None and not blocked:
        book.mention(target, start, end)


def resolve_references(doc: Doc, book: ActorBook, hits: dict[int, CountryHit], phrases: list[MinistryPhrase]) -> None:
    """Add mentions for pronouns, role descriptions, partial ministries and bare "officials", in text order."""
    partial = {ph.head: ph for ph in phrases if not (ph.dept and ph.country)}
    vocab = lexicon().words.actors
    pronouns = vocab.person_pronouns | vocab.thing_pronouns | vocab.plural_pronouns
    for tok in doc:
        if tok.i in book.claimed:
            continue
        if tok.i in partial:
            _ministry(doc, book, partial[tok.i])
        elif tok.pos_ == "PRON" and tok.lower_ in pronouns:
            target = _resolve_pronoun(doc, book, tok)
            if target is None:
                continue
            book.mention(target, tok.i, tok.i + 1, alias=False)
            head = tok.head
            if (tok.dep_ == "poss" and head.lower_ in vocab.people_heads and target.type == "country"
                    and head.i not in book.claimed):
                group = book.get_or_create("group", f"{demonym(target.country or target.name)} nationals",
                                           country=target.name)
                book.mention(group, head.i, head.i + 1, alias=False)
        elif tok.pos_ == "NOUN" and tok.lower_ in vocab.role_nouns:
            _description(doc, book, tok, hits)
        elif tok.pos_ == "NOUN" and tok.lower_ in vocab.bare_government_nouns and not any(
                c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            target = _recent(doc, book, tok, ("country",))
            if target is not None:
                book.mention(target, tok.i, tok.i + 1, alias=False)
