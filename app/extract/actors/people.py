"""People: names from NER (with the small model's errors repaired), their titles, and later surname mentions."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from app.extract.actors import countries
from app.extract.actors.book import ActorBook, Draft
from app.extract.actors.organizations import common_word_at_start, is_known_agency, outlet_context
from app.extract.actors.roles import (
    POSSESSIVE,
    CountryHit,
    extend_hyphens,
    ministry_name,
    normalize_title,
    portfolio,
    role_of,
    title_words,
)
from app.extract.lexicon import lexicon
from app.text import normalize


@dataclass
class TitleInfo:
    """What a title phrase ("French Ambassador to Kenya") says."""

    start: int  # first token of the phrase (== name start when there is no title)
    title: str | None = None
    country: str | None = None
    destination: str | None = None

    @property
    def role(self) -> str | None:
        return role_of(self.title, self.country, self.destination) if self.title else None


def _is_name_token(text: str) -> bool:
    particles = lexicon().words.actors.name_particles
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or text.lower() in particles


def parse_title(doc: Doc, start: int, end: int, hits: dict[int, CountryHit]) -> TitleInfo:
    """Read title, country and destination from tokens [start, end)."""
    info = TitleInfo(start)
    words: list[str] = []
    dept_words: list[str] = []
    i = start
    while i < end:
        tok = doc[i]
        if i in hits and hits[i].form.kind in ("name", "adjective"):
            hit = hits[i]
            if i > start and doc[i - 1].lower_ in ("to", "in"):
                info.destination = hit.form.country
                if words and words[-1] in ("to", "in"):
                    words.pop()
            elif info.country is None:
                info.country = hit.form.country
            if words and words[-1] == "of":
                words.pop()
            i = hit.end
            continue
        low = tok.lower_
        if low == "ministry":
            dept_words, words = words, []
        elif tok.text not in POSSESSIVE and low not in ("the", "a", "an"):
            words.append(low)
        i += 1
    while words and words[-1] in lexicon().words.actors.name_function_words:
        words.pop()
    title = normalize_title(words)
    if title and dept_words and info.country:
        title = f"{title} of the {ministry_name(portfolio(dept_words), info.country)}"
        info.title, info.country = title, info.country
        return info
    info.title = title
    return info


def title_before(doc: Doc, name_start: int, hits: dict[int, CountryHit]) -> TitleInfo:
    """The title phrase immediately before a name ("French Foreign Minister" before "Anne Martin")."""
    words = title_words()
    sent_start = doc[name_start].sent.start
    i = name_start
    while i > sent_start:
        tok = doc[i - 1]
        if (tok.lower_ in words or tok.lower_ in lexicon().words.actors.name_function_words or tok.text in POSSESSIVE
                or (i - 1 in hits and hits[i - 1].form.kind in ("name", "adjective"))):
            i -= 1
        else:
            break
    while i < name_start and (doc[i].lower_ in lexicon().words.actors.name_function_words or doc[i].text in POSSESSIVE):
        i += 1
    info = parse_title(doc, i, name_start, hits)
    if info.title is None:
        return TitleInfo(name_start)
    return info


def _trim_name(doc: Doc, start: int, end: int, hits: dict[int, CountryHit]) -> tuple[int, int] | None:
    """The name part of a PERSON entity: titles, countries and demonyms stripped off the edges."""
    words = title_words()
    s, e = start, end
    while e > s and (doc[e - 1].text in POSSESSIVE or not doc[e - 1].text[:1].isalnum()):
        e -= 1
    while s < e:
        tok = doc[s]
        if s in hits:
            hit = hits[s]
            if countries.is_ambiguous(doc[hit.start:hit.end].text) and e - hit.end < 2:
                break
            s = max(s + 1, min(hit.end, e))
        elif tok.lower_ in words or tok.lower_ in lexicon().words.actors.name_function_words or tok.text in POSSESSIVE:
            s += 1
        else:
            break
    if s >= e or any(i in hits for i in range(s, e)):
        return None
    # "Won-shik": the part after a hyphen may be lower case
    namelike = all(_is_name_token(doc[i].text) or doc[i].text == "-" or (i > s and doc[i - 1].text == "-")
                   for i in range(s, e))
    if not namelike or any(t.like_num for t in doc[s:e]):
        return None
    if e - s == 1 and doc[s].lower_ in words:
        return None
    return s, e


def settlement_names(doc: Doc) -> set[str]:
    """Names the article itself calls places: "the town of X", "the village of X" (the small model often tags a
    foreign place name as a person)."""
    nouns = lexicon().words.actors.settlement_nouns
    names = set()
    for tok in doc:
        if tok.lower_ == "of" and tok.head.lower_ in nouns and tok.head.i == tok.i - 1:
            obj = next((c for c in tok.children if c.dep_ == "pobj" and c.text[:1].isupper()), None)
            if obj is not None:
                names.add(doc[obj.left_edge.i:obj.i + 1].text)
    return names


def _not_a_name(span) -> bool:
    """One capitalised word the model took for a person that is none: a letter ("X.", the platform) or a word
    modifying a common noun ("Curfew orders", capitalised at the start of a sentence)."""
    if len(span) != 1:
        return False
    tok = span[0]
    if len(tok.text.rstrip(".")) <= 1:
        return True
    return tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN" and tok.head.is_lower \
        or common_word_at_start(tok)


def _title_conflict(title: str | None, draft: Draft) -> bool:
    """"King Khalid" is not "Crown Prince Faisal bin Khalid": a title the person's own title does not contain."""
    return bool(title and draft.title and normalize(title) not in normalize(draft.title)
                and normalize(draft.title) not in normalize(title))


class People:
    """Person drafts of one document, found by surname."""

    def __init__(self, doc: Doc, book: ActorBook, hits: dict[int, CountryHit]):
        self.doc, self.book, self.hits = doc, book, hits
        self.by_surname: dict[str, list[Draft]] = {}
        self.outlets: list[tuple[int, int]] = []  # PERSON entities that are news outlets: organizations instead

    def add_name(self, start: int, end: int) -> Draft | None:
        """Register the name at tokens [start, end) with its title; returns the person."""
        if not self.book.is_free(start, end):
            return None
        doc = self.doc
        name = doc[start:end].text
        tokens = [normalize(t.text) for t in doc[start:end] if t.lower_ not in lexicon().words.actors.name_particles]
        if not tokens:
            return None
        surname, first = tokens[-1], tokens[0] if len(tokens) > 1 else None
        draft = None
        title = title_before(doc, start, self.hits)
        if first is None:  # "Lula" after "Luiz Inacio Lula da Silva", "Park" after "Park Min-jun": any name part
            owner = self._owner_of_part(surname, start, title.title)
            if owner is not None:
                draft = owner
        for cand in [] if draft is not None else self.by_surname.get(surname, []):
            if _title_conflict(title.title, cand):
                continue
            cand_first = normalize(cand.name.split()[0]) if len(cand.name.split()) > 1 else None
            if first is None or cand_first is None or first[:1] == cand_first[:1]:
                draft = cand
                break
        if draft is None:
            draft = self.book.get_or_create("person", name)
            self.by_surname.setdefault(surname, []).append(draft)
        elif first and len(draft.name.split()) == 1:
            draft.name = name  # a full name seen after a bare surname becomes canonical
        if title.title:
            draft.role = draft.role or title.role
            draft.country = draft.country or title.country
        elif start > 0 and doc[start - 1].lower_ == "counterpart":
            self._counterpart_role(draft, start - 1)
        self._appositive_title(draft, end - 1)
        self.book.add_alias(draft, name)
        self.book.mention(draft, title.start, end)
        return draft

    def _owner_of_part(self, word: str, at: int, title: str | None) -> Draft | None:
        """The person named in full whose name has `word` as a part (family names come first in some languages:
        "Park" for "Park Min-jun"); of several, the one mentioned last before token `at`."""
        particles = lexicon().words.actors.name_particles
        owners = [d for d in self.book.drafts if d.type == "person" and len(d.name.split()) > 1
                  and word in [normalize(w) for w in d.name.split() if w.lower() not in particles]
                  and not _title_conflict(title, d)]
        if len(owners) <= 1:
            return owners[0] if owners else None
        before = [(max((m.start for m in d.mentions if m.start < at), default=-1), d) for d in owners]
        best = max(before, key=lambda x: x[0])
        return best[1] if best[0] >= 0 else None

    def _counterpart_role(self, draft: Draft, noun: int) -> None:
        """"his Brazilian counterpart Luiz Lula": the role of the sentence's earlier person, for the other country."""
        doc = self.doc
        country = next((self.hits[i].form.country for i in range(max(doc[noun].sent.start, noun - 2), noun)
                        if i in self.hits), None)
        owner = next((d for d in reversed(self.book.drafts) if d.type == "person" and d is not draft and d.title
                      and any(doc[noun].sent.start <= m.start < noun for m in d.mentions)), None)
        if owner and country and country != owner.country:
            draft.role = draft.role or role_of(owner.title, country)
            draft.country = draft.country or country

    def _appositive_title(self, draft: Draft, head_index: int) -> None:
        """"Anne Martin, France's foreign minister," gives a role too."""
        head = self.doc[head_index]
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                info = parse_title(self.doc, child.left_edge.i, child.i + 1, self.hits)
                if info.title:
                    draft.role = draft.role or info.role
                    draft.country = draft.country or info.country

    def _is_outlet(self, start: int, end: int, full_surnames: set[str]) -> bool:
        """NER tags outlets as people ("told Yonhap"): a known agency, or a lone bare name cited the way outlets
        are, unless it is the surname of a person named in full or carries a title."""
        if is_known_agency(self.doc, start, end):
            return True
        return (normalize(self.doc[start].text) not in full_surnames and outlet_context(self.doc, start, end)
                and title_before(self.doc, start, self.hits).title is None)

    def collect(self) -> None:
        """Find every person name: full names first, then single names, then later bare surnames."""
        doc = self.doc
        cands: list[tuple[int, int]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = extend_hyphens(doc, ent.start, ent.end)
            while (end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()
                   and doc[end].ent_type_ in ("", "PERSON") and end not in self.hits
                   and doc[end].lower_ not in title_words() and doc[end].sent.start == doc[start].sent.start):
                end += 1  # the small model cuts three-part names short ("Choi Min" of "Choi Min Ho")
                start, end = extend_hyphens(doc, start, end)
            part_start = start
            for i in range(start, end + 1):  # "Scholz and Macron" tagged as one PERSON: split it
                if i == end or doc[i].lower_ in ("and", ",", "&"):
                    trimmed = _trim_name(doc, part_start, i, self.hits)
                    if trimmed:
                        cands.append(trimmed)
                    part_start = i + 1
        places = settlement_names(doc)
        cands = [(s, e) for s, e in cands if doc[s:e].text not in places]
        person_words = {normalize(t.text) for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        title_nouns = lexicon().words.actors.person_title_nouns
        for ent in doc.ents:  # "Olaf Scholz" tagged ORG while a later "Scholz" is tagged PERSON
            if ent.label_ in ("ORG", "NORP") and 2 <= len(ent) <= 3 and all(t.pos_ == "PROPN" for t in ent) \
                    and normalize(ent[-1].text) in person_words and not any(t.i in self.hits for t in ent) \
                    and not any(t.lower_ in title_words() for t in ent):
                trimmed = _trim_name(doc, ent.start, ent.end, self.hits)
                if trimmed:
                    cands.append(trimmed)
            elif ent.label_ == "ORG" and (titled := [t.i for t in ent if t.lower_ in title_nouns]):
                # "Assembly Speaker Anna Berg" tagged ORG: the name after the title
                start, end = extend_hyphens(doc, titled[-1] + 1, ent.end)
                trimmed = _trim_name(doc, start, end, self.hits) if 2 <= end - start <= 4 else None
                if trimmed and trimmed[1] - trimmed[0] >= 2:
                    cands.append(trimmed)
        for tok in doc:  # "Ambassador Novak": a capitalized title noun followed by a name NER missed
            if tok.lower_ in title_nouns and tok.text[:1].isupper() and tok.i + 1 < len(doc):
                j = tok.i + 1
                while j < len(doc) and doc[j].pos_ == "PROPN" and _is_name_token(doc[j].text) and j not in self.hits \
                        and doc[j].lower_ not in title_words():
                    j = extend_hyphens(doc, j, j + 1)[1]
                if j > tok.i + 1 and not any(s <= tok.i + 1 < e for s, e in cands):
                    cands.append((tok.i + 1, j))
        full_surnames = {normalize(doc[e - 1].text) for s, e in cands if e - s > 1}
        self.outlets = sorted({c for c in cands if self._is_outlet(*c, full_surnames)})
        for start, end in sorted(cands, key=lambda c: (c[1] - c[0] < 2, c[0])):
            if (start, end) not in self.outlets and not _not_a_name(doc[start:end]):
                self.add_name(start, end)
        surnames = {normalize(w) for drafts in self.by_surname.values() for d in drafts if len(d.name.split()) > 1
                    for w in d.name.split() if w.lower() not in lexicon().words.actors.name_particles}
        for tok in doc:
            if (tok.i not in self.book.claimed and tok.text[:1].isupper() and normalize(tok.text) in surnames
                    and tok.i not in self.hits and tok.pos_ == "PROPN"
                    and tok.ent_type_ in ("", "PERSON", "ORG", "NORP", "GPE")):
                self.add_name(tok.i, tok.i + 1)
