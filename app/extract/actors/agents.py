"""Agents: generic actors named by sector and country, by ACLED's convention.

"The military", "Ghanaian troops", "the Bolivian police", "protesters", "the government", "the court",
"lawmakers" name no one, yet they act in most conflict and protest news. Political event data codes them as a
sector plus a country: `Military Forces of Ghana`, `Police Forces of Bolivia`, `Protesters (Bolivia)`,
`Government of Chile`, `Judiciary of Ecuador`, `Parliament of Malawi` (the patterns are data:
`actors.agents` in words.json). Every surface form stays an alias, so "the army" and "Ghanaian troops" are
one actor, and the canonical name makes the same agent in two documents one stored actor.

The country comes from the phrase itself ("Ghanaian troops", "Chile's military", "police in Bolivia"), else
from the same sector's agent named earlier in the article ("the military" after "the Ghanaian army"), else
from the country the article is about (its dateline counts double). A named armed group ("Red Dawn Defence
Forces") is an organization under its own name, found by the organizations pass.

A national institution named only by generic words ("the Supreme Court", "National Assembly", "Cabinet") is
named `<Institution> of <Country>` the same way; generic words of its sector ("the parliament",
"lawmakers") then refer to it rather than to a new agent.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.actors import countries
from app.extract.actors.book import ActorBook, Draft
from app.extract.actors.roles import POSSESSIVE, CountryHit
from app.extract.lexicon import AgentSector, lexicon
from app.extract.types import ExtractedActor

# "LIMA (AFP) -", "ACCRA, May 7:", "HANOI:", "Kumasi —", "SAO PAULO, October 10. /Agency/."
DATELINE_RE = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z'.]+(?:[ -][A-Z][A-Za-z'.]+){0,3})"
                         r"(?:,[^\n:–—\-]{1,25})?(?:\s*/[^/\n]{1,20}/\.?|\s*(?:\([^)\n]{1,40}\))?\s*(?:[:–—]|-{1,2}))")
DATELINE_LINES = 4  # a dateline opens one of the first lines (a headline may come before it)
COUNTRY_KINDS = ("name", "adjective", "capital")
PERSON_POSSESSIVES = frozenset({"his", "her", "their"})


@dataclass(frozen=True)
class Dateline:
    """The place a dateline opens with: tokens [start, end) and its country (None: a place we cannot place)."""

    start: int
    end: int
    country: str | None
    outlet: tuple[int, int] | None  # "(AFP)": the publisher's tokens, not an actor of the story


def find_dateline(doc: Doc) -> Dateline | None:
    """The dateline of the article, if one of its first lines opens with one."""
    head = "\n".join(doc.text.split("\n")[:DATELINE_LINES * 2])
    for m in DATELINE_RE.finditer(head):
        country = countries.place_country(m.group(1))
        place = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if place is None:
            continue
        if country is None and not m.group(1).replace(" ", "").isupper():
            continue  # "Police: ..." opens a line too; a dateline place is one we know or one in capitals
        outlet = None
        paren = re.search(r"[(/]([^)/\n]+)[)/]", m.group(0)[m.end(1) - m.start():])
        if paren:
            start = m.end(1) + paren.start(1)
            span = doc.char_span(start, start + len(paren.group(1)), alignment_mode="expand")
            outlet = (span.start, span.end) if span is not None else None
        return Dateline(place.start, place.end, country, outlet)
    return None


def article_country(hits: dict[int, CountryHit], dateline: Dateline | None) -> str | None:
    """The country the article is mostly about: most named (the dateline counts double), first named on a tie."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for hit in {h.start: h for h in hits.values()}.values():
        if hit.form.kind in (*COUNTRY_KINDS, "people"):
            counts[hit.form.country] += 1
            first.setdefault(hit.form.country, hit.start)
    if dateline is not None and dateline.country:
        counts[dateline.country] += 2
        first.setdefault(dateline.country, -1)
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


def _sector_of(tok: Token) -> tuple[str, AgentSector] | None:
    """The sector a head noun names on its own, or with a qualifier ("security forces", "riot officers")."""
    low = tok.lower_
    agents = lexicon().words.actors.agents.items()
    for sector, agent in agents:
        if low in agent.nouns:
            return sector, agent
    for sector, agent in agents:  # whether the qualifier or country it needs is there, `Agents._agent` decides
        if low in agent.qualified_nouns:
            return sector, agent
    return None


def _act_noun(tok: Token) -> Token:
    """The noun a modifier finally qualifies: "army air raid" is a raid, through the compound "air"."""
    head = tok.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    return head


def _acts_through(tok: Token) -> bool:
    """A sector noun modifying the noun of an act the sector carries out ("junta airstrike", "police raid",
    "an army air raid")."""
    found = _sector_of(tok)
    return found is not None and tok.lower_ in found[1].nouns and _act_noun(tok).lower_ in found[1].action_nouns


def _phrase_country(doc: Doc, tok: Token, start: int, hits: dict[int, CountryHit]) -> str | None:
    """The country the phrase itself names: a modifier ("Ghanaian", "Chile's") or "in/of <country>"."""
    for i in range(start, tok.i):
        if i in hits and hits[i].form.kind in COUNTRY_KINDS:
            return hits[i].form.country
    for prep in tok.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.i in hits and hits[obj.i].form.kind == "name":
                    return hits[obj.i].form.country
    return None


def _act_country(act: Token, hits: dict[int, CountryHit]) -> str | None:
    """The country a modifier of the act noun names ("a Chilean army raid", "Chile's military strike")."""
    for child in act.lefts:
        if child.i in hits and hits[child.i].form.kind in COUNTRY_KINDS:
            return hits[child.i].form.country
    return None


def _named_group(doc: Doc, tok: Token, hits: dict[int, CountryHit]) -> bool:
    """The noun is part of a proper name of its own ("Red Dawn Defence Forces", "Northern Liberation Army")."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.ent_type_ not in ("ORG", "NORP", "FAC"):
        return False
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    if ent is None:
        return False
    vocab = lexicon().words.actors
    generic = {w for a in vocab.agents.values() for w in (*a.nouns, *a.qualified_nouns, *a.qualifiers)}
    return any(t.i not in hits and t.lower_ not in generic and t.lower_ not in ("the", "'s", "’s") and t.is_alpha
               for t in ent)


def _creed(tok: Token) -> bool:
    """A capitalised creed adjective ("Islamist", "Maoist") describes the collective rather than naming it."""
    return tok.ent_type_ == "NORP" and tok.lower_.endswith("ist")


def _start(doc: Doc, tok: Token, book: ActorBook) -> int:
    """First token of the agent phrase: determiners, modifiers and a possessor before the head, if unclaimed."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod") and child.i < start:
            start = child.left_edge.i
    while start < tok.i and (not book.is_free(start, tok.i) or doc[start].text in POSSESSIVE
                             or doc[start].is_punct or doc[start].pos_ == "VERB"):
        start += 1
    return start


class Agents:
    """Finds one document's agents and named national institutions."""

    def __init__(self, doc: Doc, book: ActorBook, hits: dict[int, CountryHit], dateline: Dateline | None):
        self.doc, self.book, self.hits = doc, book, hits
        self.default = article_country(hits, dateline)
        self.latest: dict[str, Draft] = {}  # sector -> the agent of that sector named last
        self.institutions: dict[tuple[str, str], Draft] = {}  # (sector, country) -> a named institution
        self.named: set[str] = set()  # sectors whose nouns here name a named body's members

    def _named_sectors(self) -> set[str]:
        """Sectors whose nouns the article uses for a named body ("the rebel group X Army"): its "the rebels" is X."""
        named = set()
        for tok in self.doc:
            found = _sector_of(tok)
            if found is None or not found[1].members_of_named or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if any(c.dep_ == "poss" for c in tok.children):
                continue  # "whose rebel group X": one group among the collective, not the collective's name
            if any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in self.hits for c in tok.children):
                named.add(found[0])
        return named

    def collect(self) -> None:
        self._institutions()
        self.named = self._named_sectors()
        for tok in self.doc:
            if tok.i in self.book.claimed:
                continue
            if tok.pos_ in ("NOUN", "PROPN") and (
                    tok.dep_ != "compound" or (tok.text[:1].isupper() and tok.i - 1 in self.hits)):
                self._agent(tok)  # not "police orders", but "Ghana Army posts"
            elif tok.dep_ in ("amod", "compound") and _acts_through(tok):
                self._agent(tok)  # "a junta airstrike", "a military raid": the act is the agent's

    def _institutions(self) -> None:
        """ORG entities named only by generic institution words: "<Institution> of <Country>"."""
        doc, vocab = self.doc, lexicon().words.actors
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "GPE", "FAC"):
                continue
            if ent.label_ != "ORG" and ent[-1].lower_ not in vocab.institution_heads:
                continue  # "the Accra High Court" tagged as a place
            start, end = ent.start + (doc[ent.start].lower_ == "the"), ent.end
            while end > start and doc[end - 1].text in POSSESSIVE:
                end -= 1
            words = [t for t in doc[start:end] if t.i not in self.hits and t.text not in POSSESSIVE]
            if not words or not all(t.lower_ in vocab.institution_words for t in words):
                continue
            head = words[-1].lower_
            sector = vocab.institution_heads.get(head)
            country = next((self.hits[i].form.country for i in range(start, end) if i in self.hits), None)
            if country is None and start >= 2 and doc[start - 1].text in POSSESSIVE \
                    and start - 2 in self.hits and self.hits[start - 2].form.kind == "name":
                country = self.hits[start - 2].form.country
                start = self.hits[start - 2].start
            country = country or _phrase_country(doc, doc[end - 1], end, self.hits)
            if country is None and sector is not None and len(words) <= 2:
                country = self.default  # "the Supreme Court", "Congress"; not a longer name of some other body
            if country is None or not self.book.is_free(start, end):
                continue
            name = " ".join(t.text if t.lower_ == "of" or not t.text.islower() else t.text.capitalize()
                            for t in words)
            name = " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in name.split())
            draft = self._named(sector, country, name)
            self.book.mention(draft, start, end)

    def _owner_country(self, owner: Token) -> str | None:
        """"its military": the country named last before; "his government": the country of the person named last."""
        window = self.doc[max(0, owner.sent.start - 1)].sent.start
        if owner.lower_ in PERSON_POSSESSIVES:
            people = self.book.mentions_before(owner.i, ("person",), since=window)
            return next((d.country for _, d in reversed(people) if d.country), None)
        names = {h.start: h for i, h in self.hits.items()
                 if window <= i < owner.i and h.form.kind in ("name", "capital")}
        subjects = [h for h in names.values() if h.start >= owner.sent.start
                    and self.doc[h.end - 1].dep_ in ("nsubj", "nsubjpass")]
        if subjects:  # "X resumed the broadcasts aimed at Y, its military said": its = X
            return subjects[0].form.country
        return max(names.values(), key=lambda h: h.start).form.country if names else None

    def _named(self, sector: str | None, country: str, name: str) -> Draft:
        """The institution draft: "Assembly" after "National Assembly" of the same country is the same body."""
        key = f"{name.lower()} of {country.lower()}"
        for draft in self.book.drafts:
            if draft.type == "organization" and draft.country == country and draft.name.lower().endswith(key):
                return draft
        draft = self.book.get_or_create("organization", f"{name} of {country}", country=country)
        if sector and (sector, country) not in self.institutions:
            self.institutions[(sector, country)] = draft
        return draft

    def _agent(self, tok: Token) -> None:
        found = _sector_of(tok)
        if found is None or _named_group(self.doc, tok, self.hits):
            return
        sector, agent = found
        if sector in self.named:
            return  # "the rebels" after "the rebel group the X Front": that body, which the organizations pass names
        if not agent.counted and any(c.dep_ == "nummod" or c.like_num for c in tok.children):
            return  # "two soldiers", "26 protesters": counted people, not the institution
        doc = self.doc
        start = _start(doc, tok, self.book)
        sent_start = tok.sent.start
        while sent_start < tok.i and (sent_start in self.book.claimed or doc[sent_start].is_punct
                                      or doc[sent_start].is_space):
            sent_start += 1  # after a dateline ("LUSAKA - Heavily armed rebels ...") the sentence opens anew
        if any(doc[i].text[:1].isupper() and i not in self.hits and i != sent_start and not _creed(doc[i])
               and (i < tok.i or doc[i].lower_ not in agent.nouns) for i in range(start, tok.i + 1)):
            return  # a capitalised word of a name: "Coastal Region Police", "Reclaim Parliament", "Defence Forces"
        country = _phrase_country(doc, tok, start, self.hits)
        if country is None and tok.dep_ in ("amod", "compound") and _acts_through(tok):
            country = _act_country(_act_noun(tok), self.hits)  # "a Peruvian military strike": the act's modifier
        qualified = tok.lower_ in agent.qualified_nouns
        if qualified and (country is None or not agent.country_qualifies) \
                and not any(c.lower_ in agent.qualifiers for c in tok.children):
            return
        if tok.lower_ in ("congress", "assembly", "court") and tok.text[:1].isupper() and tok.i > doc[tok.i].sent.start:
            return  # a capitalised name of some other body the NER missed
        owner = next((c for c in tok.lefts if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if country is None and owner is not None:
            country = self._owner_country(owner)
        if country is None and any(c.lower_ in ("government", "regime", "state") for c in tok.children):
            country = self.default  # "government forces": the state the article is about, not the last foreign army
        if country is None:
            previous = self.latest.get(sector)
            country = previous.country if previous is not None else self.default
        if country is None:
            return
        draft = self.institutions.get((sector, country))
        if draft is None:
            draft = self.book.get_or_create(agent.type, agent.name.format(country=country), country=country)
        self.latest[sector] = draft
        self.book.mention(draft, start, tok.i + 1)


def add_agents(doc: Doc, book: ActorBook, hits: dict[int, CountryHit], dateline: Dateline | None) -> None:
    """Agents and named national institutions of one article (see the module docstring)."""
    Agents(doc, book, hits, dateline).collect()


def idle_collectives(actors: list[ExtractedActor], busy: set[str]) -> set[str]:
    """Keys of unnamed collectives of an `only_when_acting` sector that no event or statement names (`busy`)."""
    patterns = [re.compile(re.escape(a.name).replace(re.escape("{country}"), ".+"))
                for a in lexicon().words.actors.agents.values() if a.only_when_acting]
    return {a.key for a in actors if a.key not in busy and any(p.fullmatch(a.name) for p in patterns)}
