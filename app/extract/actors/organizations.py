"""Organizations: ministries normalized to "Ministry of <Portfolio> of <Country>", news agencies, other ORG entities."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from app.extract.actors import countries
from app.extract.actors.book import ActorBook
from app.extract.actors.roles import (
    POSSESSIVE,
    CountryHit,
    extend_hyphens,
    ministry_name,
    news_agencies,
    portfolio,
)
from app.extract.lexicon import lexicon


def common_word_at_start(tok) -> bool:
    """A capitalised word opening a sentence that the article elsewhere writes in lower case ("Media reports
    said ..." beside "local media"): a common word, not a name."""
    return tok.is_sent_start and any(t.text == tok.lower_ for t in tok.doc)


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


@dataclass
class MinistryPhrase:
    """A phrase around the word "ministry": what portfolio and country it names, if any."""

    start: int
    end: int
    head: int
    dept: str | None
    country: str | None

    @property
    def name(self) -> str | None:
        return ministry_name(self.dept, self.country) if self.country else None


def _dept_words() -> frozenset[str]:
    return frozenset(w for key in lexicon().titles.ministries for w in key.split())


def ministry_phrases(doc: Doc, hits: dict[int, CountryHit]) -> list[MinistryPhrase]:
    """Every singular "ministry" with its portfolio and country read from both sides."""
    dept_vocab = _dept_words()
    out = []
    for tok in doc:
        if tok.lower_ != "ministry":
            continue
        sent_start, sent_end = tok.sent.start, tok.sent.end
        country, left_words = None, []
        i = tok.i
        while i > sent_start:
            prev = doc[i - 1]
            if i - 1 in hits and hits[i - 1].form.kind in ("name", "adjective"):
                country = country or hits[i - 1].form.country
                i = hits[i - 1].start
            elif prev.lower_ in dept_vocab:
                left_words.insert(0, prev.lower_)
                i -= 1
            elif prev.text in POSSESSIVE:
                i -= 1
            else:
                break
        if i > sent_start and doc[i - 1].lower_ == "the":
            i -= 1
        dept = portfolio(left_words) if left_words else None
        j = tok.i + 1
        while j + 1 < sent_end and doc[j].lower_ in ("of", "for"):
            k = j + 1
            if doc[k].lower_ == "the" and k + 1 < sent_end:
                k += 1
            if k in hits and hits[k].form.kind == "name":
                country = country or hits[k].form.country
                j = hits[k].end
                continue
            words = []
            while k < sent_end and doc[k].lower_ in dept_vocab:
                words.append(doc[k].lower_)
                k += 1
            if words and portfolio(words):
                dept = dept or portfolio(words)
                j = k
                continue
            break
        out.append(MinistryPhrase(i, j, tok.i, dept, country))
    return out


def add_ministries(doc: Doc, book: ActorBook, phrases: list[MinistryPhrase], default: str | None = None) -> None:
    """Fully named ministries become organizations; "a Russian foreign ministry spokesperson" also a person.

    A ministry named by portfolio alone ("the Ministry of Defense") is of the article's country (`default`)
    when no ministry of that portfolio is named in full anywhere in the article."""
    named = {ph.dept for ph in phrases if ph.dept and ph.country}
    for ph in phrases:
        if ph.dept and not ph.country and default and ph.dept not in named and doc[ph.head].text[:1].isupper():
            ph.country = default
        if not (ph.dept and ph.country):
            continue
        draft = book.get_or_create("organization", ph.name, country=ph.country)
        overlap = not book.is_free(ph.start, ph.end)
        book.mention(draft, ph.start, ph.end, claim=not overlap)
        spokes = lexicon().words.actors.spokesperson_nouns
        if ph.end < len(doc) and doc[ph.end].lower_ in spokes and ph.end not in book.claimed:
            nxt = doc[ph.end + 1] if ph.end + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                continue  # a named spokesperson: the people pass owns it
            start = ph.start + (1 if doc[ph.start].lower_ == "the" else 0)
            name = doc[start:ph.end + 1].text
            person = book.get_or_create("person", name, country=ph.country,
                                        role=f"Spokesperson of the {ph.name}")
            book.mention(person, ph.start if doc[ph.start].lower_ != "the" else start, ph.end + 1)
            if start > 0 and doc[start - 1].lower_ in ("a", "an"):
                book.add_alias(person, doc[start - 1:ph.end + 1].text)


@lru_cache(maxsize=1)
def _agencies_by_first_word() -> dict[str, list[tuple[str, ...]]]:
    """Agency names as token tuples, indexed by their first token, longest first within each entry."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(news_agencies(), key=lambda n: -len(n)):
        words = tuple(name.split())
        index.setdefault(words[0], []).append(words)
    return index


def _agency_at(doc: Doc, i: int) -> int | None:
    """The end of the (longest) known agency name starting at token i and not running on into a capitalised word.

    Names are matched token by token, so the scan is O(tokens) instead of slicing a span per token and name.
    """
    for words in _agencies_by_first_word().get(doc[i].text, ()):
        n = len(words)
        if i + n <= len(doc) and all(doc[i + k].text == words[k] for k in range(1, n)) \
                and (i + n >= len(doc) or not doc[i + n].text[:1].isupper()) and doc[i:i + n].text == " ".join(words):
            return i + n
    return None


def _agency_spans(doc: Doc) -> list[tuple[int, int]]:
    spans = []
    for tok in doc:
        end = _agency_at(doc, tok.i)
        if end is not None:
            spans.append((tok.i, end))
    return spans


def is_known_agency(doc: Doc, start: int, end: int) -> bool:
    """Tokens [start, end) are a known agency's name, alone or with "News"/"Agency" ("Kyodo News")."""
    while end - start > 1 and doc[end - 1].text in lexicon().words.actors.outlet_tails:
        end -= 1
    for words in _agencies_by_first_word().get(doc[start].text, ()):
        if len(words) == end - start and all(doc[start + k].text == words[k] for k in range(len(words))):
            return True
    return False


def outlet_context(doc: Doc, start: int, end: int) -> bool:
    """A lone capitalised word used the way news outlets are: "according to X", "X reported",
    "officials told X", or a dateline "(X) -". People are rarely cited this way by a single bare name."""
    if end - start != 1:
        return False
    tok = doc[start]
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if tok.dep_ == "nsubj" and head.lemma_ == "report":
        return True
    if tok.dep_ in ("dobj", "dative") and head.lemma_ == "tell":
        # "local officials told X": the teller is a common noun, not a named person ("Putin told Macron")
        tellers = [c for c in head.children if c.dep_ == "nsubj"]
        return bool(tellers) and all(c.pos_ in ("NOUN", "PRON") for c in tellers)
    return (start > 0 and end < len(doc) - 1 and doc[start - 1].text == "(" and doc[end].text == ")"
            and doc[end + 1].text in DATELINE_DASHES)


def _reporting_outlet(tok) -> tuple[int, int] | None:
    """An all-caps or hyphenated proper noun that is the subject of "reported": an outlet NER may miss."""
    according = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
    reports = tok.dep_ == "nsubj" and tok.head.lemma_ in lexicon().words.actors.outlet_report_verbs
    if not (according or reports) or tok.pos_ != "PROPN":
        return None
    start = tok.i
    doc = tok.doc
    while (start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "-")
           and doc[start - 1].head.i in range(start - 1, tok.i + 1)):
        start -= 1
    text = doc[start:tok.i + 1].text
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 2 and (text.replace("-", "").isupper() or ("-" in text and text[:1].isupper())):
        return start, tok.i + 1
    return None


def add_organizations(doc: Doc, book: ActorBook, hits: dict[int, CountryHit],
                      outlets: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """News agencies, outlets the people pass turned down, and other ORG entities; returns facility spans that
    are locations instead."""
    spans = _agency_spans(doc) + list(outlets)
    spans += [s for s in (_reporting_outlet(t) for t in doc) if s]
    facilities = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        start, end = extend_hyphens(doc, ent.start, ent.end)
        if doc[start].lower_ == "the":
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or not doc[end - 1].text[:1].isalnum()):
            end -= 1
        if end < len(doc) and doc[end].ent_type_ == "NORP" and doc[end].text[:1].isupper() and doc[end - 1].dep_ \
                == "compound" and doc[end - 1].head.i == end and doc[end].pos_ == "PROPN":
            end += 1  # a language service named by its language: "VOA Khmer", "Radio Free Asia Uyghur"
        words = [t.lower_ for t in doc[start:end]]
        if not words or "ministry" in words or any(w in lexicon().words.actors.not_body_words for w in words):
            continue
        span = range(start, end)
        if any(i in hits for i in span) and all(i in hits or not doc[i].is_alpha for i in span):
            continue  # "Kenyan", "Kenya-Uganda", "Kenya's": country words, handled as countries
        if all(t.like_num or not t.is_alpha for t in doc[start:end]) or not doc[start].text[:1].isupper():
            continue
        if end - start == 1 and common_word_at_start(doc[start]):
            continue
        if words[-1] in lexicon().words.actors.facility_words:
            facilities.append((ent.start, ent.end))
            continue
        spans.append((start, end))
    for start, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):  # longest first
        if not book.is_free(start, end):
            continue
        name = doc[start:end].text
        if countries.lookup(name):
            continue
        book.mention(book.get_or_create("organization", name), start, end)
    return facilities
