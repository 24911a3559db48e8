"""Actor mentions: people with titles, organizations, countries, groups, locations, and in-document coreference.

Passes run in a fixed order over one parsed article; each pass claims the tokens it uses so a later,
looser pass never re-reads them (a title's "Russian" is not also a mention of Russia):
dateline and credits -> people -> ministries -> agents -> groups -> other organizations -> countries ->
locations -> short forms and variants -> coreference.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from app.extract.actors import countries
from app.extract.actors.agents import add_agents, article_country, find_dateline
from app.extract.actors.book import ActorBook
from app.extract.actors.coref import resolve_references
from app.extract.actors.credits import credit_spans
from app.extract.actors.index import ActorIndex
from app.extract.actors.merge import merge_same_actors
from app.extract.actors.organizations import (
    add_ministries,
    add_organizations,
    ministry_phrases,
)
from app.extract.actors.people import People, settlement_names
from app.extract.actors.roles import POSSESSIVE, CountryHit, country_hits
from app.extract.lexicon import lexicon
from app.extract.types import ExtractedActor

SPEECH_OR_ACTION_POS = frozenset({"VERB", "AUX"})


def group_name(country: str) -> str:
    return f"{countries.demonym(country)} nationals"


def _unique_hits(hits: dict[int, CountryHit]) -> list[CountryHit]:
    return sorted({h.start: h for h in hits.values()}.values(), key=lambda h: h.start)


def _add_groups(doc: Doc, book: ActorBook, hits: dict[int, CountryHit]) -> None:
    """Nationals of a country ("Kenyan nationals", "citizens of Kenya", "Kenyans") and advocacy groups."""
    for hit in _unique_hits(hits):
        if not book.is_free(hit.start, hit.end):
            continue
        country = hit.form.country
        if hit.form.kind == "people" and doc[hit.start].tag_ in ("NNPS", "NNS", "NNP"):
            book.mention(book.get_or_create("group", group_name(country), country=country), hit.start, hit.end)
        elif hit.form.kind == "adjective":
            j = hit.end
            while j < len(doc) and doc[j].lower_ in lexicon().words.actors.people_modifiers:
                j += 1
            if j < len(doc) and doc[j].lower_ in lexicon().words.actors.people_nouns:
                book.mention(book.get_or_create("group", group_name(country), country=country), hit.start, j + 1)
    for tok in doc:
        if tok.lower_ in ("citizens", "nationals") and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
            k = tok.i + 2 + (doc[tok.i + 2].lower_ == "the")
            if k in hits and hits[k].form.kind == "name" and book.is_free(tok.i, hits[k].end):
                country = hits[k].form.country
                book.mention(book.get_or_create("group", group_name(country), country=country), tok.i, hits[k].end)
        elif tok.lemma_.lower() in lexicon().words.actors.advocacy_heads and tok.tag_ == "NNS":
            mods = [c for c in tok.children if c.i < tok.i and c.lower_ in lexicon().words.actors.advocacy_modifiers]
            if mods:
                start = min(c.left_edge.i for c in mods)
                while start < tok.i and doc[start].pos_ == "DET":
                    start += 1
                if book.is_free(start, tok.i + 1):
                    name = doc[start:tok.i + 1].text.lower()
                    book.mention(book.get_or_create("group", name), start, tok.i + 1)


def _add_followers(doc: Doc, book: ActorBook) -> None:
    """ "Hundreds of supporters of X rallied": X's followers are a group of their own; without it the phrase would
    make X the one who gathered. The head noun is the group's mention (X keeps its own)."""
    owners = {i: d for d in book.drafts if d.type in ("person", "organization") for m in d.mentions
              for i in range(m.start, m.end)}
    for tok in doc:
        if tok.lower_ not in lexicon().words.actors.follower_nouns or not book.is_free(tok.i, tok.i + 1):
            continue
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        owner = next((owners[p.i] for p in of if p.i in owners), None)
        if owner is not None:
            book.mention(book.get_or_create("group", f"supporters of {owner.name}"), tok.i, tok.i + 1)


def _in_hyphen_compound(doc: Doc, hit: CountryHit, hits: dict[int, CountryHit]) -> bool:
    """"Kenya-Uganda", "Finnish-Norwegian": two country words joined by a hyphen mention both countries."""
    after = hit.end < len(doc) - 1 and doc[hit.end].text == "-" and hit.end + 1 in hits
    before = hit.start >= 2 and doc[hit.start - 1].text == "-" and hit.start - 2 in hits
    return after or before


def _add_countries(doc: Doc, book: ActorBook, hits: dict[int, CountryHit]) -> list[tuple[int, int, str]]:
    """Country names, demonym + government noun, hyphen compounds, capitals as subjects; returns capital locations."""
    capitals = []
    for hit in _unique_hits(hits):
        if not book.is_free(hit.start, hit.end):
            continue
        country = hit.form.country
        kind = hit.form.kind
        draft = None
        start, end = hit.start, hit.end
        if kind == "name":
            if start > 0 and doc[start - 1].lower_ == "the" and (end - start > 1 or doc[start].text.isupper()):
                start -= 1
            draft = book.get_or_create("country", country)
        elif kind == "adjective":
            j = hit.end
            if j < len(doc) and doc[j].lower_ in lexicon().words.actors.government_nouns:
                if start > 0 and doc[start - 1].lower_ == "the":
                    start -= 1
                end = j + 1
                draft = book.get_or_create("country", country)
            elif _in_hyphen_compound(doc, hit, hits):
                draft = book.get_or_create("country", country)
        elif kind == "capital":
            head = doc[hit.end - 1]
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in SPEECH_OR_ACTION_POS \
                    and head.head.lemma_ != "be":
                draft = book.get_or_create("country", country)
            else:
                capitals.append((hit.start, hit.end, doc[hit.start:hit.end].text))
        if draft is not None:
            book.mention(draft, start, end)
    return capitals


def _add_locations(doc: Doc, book: ActorBook, extra: list[tuple[int, int, str]]) -> None:
    """Places that are not countries: GPE/LOC/FAC entities, capitals not acting, facilities tagged ORG."""
    spans = list(extra)
    for name in settlement_names(doc):  # "the town of X": every "X" of the article is that place
        for m in re.finditer(rf"\b{re.escape(name)}\b", doc.text):
            span = doc.char_span(m.start(), m.end())
            if span is not None:
                spans.append((span.start, span.end, name))
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            start = ent.start + (doc[ent.start].lower_ == "the")
            end = ent.end
            while end > start and doc[end - 1].text in POSSESSIVE:
                end -= 1
            if end > start:
                spans.append((start, end, doc[start:end].text))
    for start, end, name in sorted(spans):
        if book.is_free(start, end) and doc[start].text[:1].isupper():
            book.mention(book.get_or_create("location", name), start, end)


HEADLINE_CAPITALISED = 0.75  # share of a headline's words written with a capital in Title Case
HEADLINE_MIN_WORDS = 4


def _title_case_headline_end(doc: Doc) -> int | None:
    """The token where a Title Case headline (the first line, before a blank line) ends, else None."""
    first, _, rest = doc.text.partition("\n")
    words = [w for w in first.split() if w[:1].isalpha() and w.lower() not in ("of", "in", "on", "and", "the", "a",
                                                                                 "to", "for", "at", "by", "with")]
    if not rest.strip() or len(words) < HEADLINE_MIN_WORDS or first.rstrip().endswith("."):
        return None
    if sum(w[:1].isupper() for w in words) / len(words) < HEADLINE_CAPITALISED:
        return None
    return next((t.i for t in doc if t.idx >= len(first)), len(doc))


def _drop_headline_only(doc: Doc, book: ActorBook) -> None:
    """In a Title Case headline every word looks like a name ("Rebel Drones Strike ..."): an organization,
    person or place found only there, and never named in the body, is the model's misreading."""
    end = _title_case_headline_end(doc)
    if end is None:
        return
    body = doc.text[doc[end].idx if end < len(doc) else len(doc.text):]
    # the name as written: "Rebel Drones" capitalised in the headline is "rebel drones" in the body
    book.drafts = [d for d in book.drafts if d.type in ("country", "group") or not d.mentions
                   or any(m.end > end for m in d.mentions) or d.name in body]


def find_actors(doc: Doc, published: date | None = None) -> tuple[list[ExtractedActor], ActorIndex]:
    """Actors of one parsed article and an index of their mentions."""
    book = ActorBook(doc)
    hits = country_hits(doc)
    dateline = find_dateline(doc)
    if dateline is not None:  # its place only locates the story, its outlet only publishes it
        book.claimed.update(range(dateline.start, dateline.end))
        if dateline.outlet:
            book.claimed.update(range(*dateline.outlet))
    for start, end in credit_spans(doc):
        book.claimed.update(range(start, end))
    people = People(doc, book, hits)
    people.collect()
    phrases = ministry_phrases(doc, hits)
    add_ministries(doc, book, phrases, article_country(hits, dateline))
    add_agents(doc, book, hits, dateline)
    _add_groups(doc, book, hits)  # before ORG entities: NER tags "Citizens of X" as ORG
    facilities = add_organizations(doc, book, hits, people.outlets)
    _add_followers(doc, book)
    capitals = _add_countries(doc, book, hits)
    for start, end in facilities:
        s = start + (doc[start].lower_ == "the")
        capitals.append((s, end, doc[s:end].text))
    _add_locations(doc, book, capitals)
    _drop_headline_only(doc, book)
    merge_same_actors(book)
    resolve_references(doc, book, hits, phrases)
    actors = book.to_actors()
    return actors, ActorIndex(actors)
