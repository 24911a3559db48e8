"""The actor register one document builds: drafts, their mentions, and which tokens are already taken."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from app.extract.lexicon import lexicon
from app.extract.types import ExtractedActor, Span
from app.text import normalize


@dataclass
class Mention:
    """One stretch of tokens [start, end) that refers to a draft actor."""

    start: int
    end: int
    alias: bool  # False for pronouns: a mention, never an alias


@dataclass
class Draft:
    """An actor under construction."""

    name: str
    type: str
    country: str | None = None
    role: str | None = None
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions) if self.mentions else 10**9

    @property
    def title(self) -> str | None:
        """The role without its country ("Minister of Foreign Affairs of Russia" -> "Minister of Foreign Affairs")."""
        if not self.role:
            return None
        if self.country and f" of {self.country}" in self.role:
            return self.role.split(f" of {self.country}")[0]
        return self.role


class ActorBook:
    """Drafts of one document, found by (type, canonical name), plus the set of claimed tokens."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.drafts: list[Draft] = []
        self.claimed: set[int] = set()
        self.spans: set[tuple[int, int, int]] = set()  # (draft id, start, end): a draft's mentions, looked up at once

    def find(self, kind: str, name: str) -> Draft | None:
        key = normalize(name)
        return next((d for d in self.drafts if d.type == kind and normalize(d.name) == key), None)

    def get_or_create(self, kind: str, name: str, *, country: str | None = None, role: str | None = None) -> Draft:
        draft = self.find(kind, name)
        if draft is None:
            draft = Draft(name=name, type=kind, country=country, role=role)
            self.drafts.append(draft)
            self.add_alias(draft, name)
        draft.country = draft.country or country
        draft.role = draft.role or role
        return draft

    def is_free(self, start: int, end: int) -> bool:
        return not any(i in self.claimed for i in range(start, end))

    def mention(self, draft: Draft, start: int, end: int, *, alias: bool = True, claim: bool = True) -> None:
        """Record tokens [start, end) as a mention of `draft` (surface added to aliases unless a pronoun)."""
        while end > start and self.doc[end - 1].text in ("'s", "’s", "'", "’", ",", "."):
            end -= 1
        if end <= start or (id(draft), start, end) in self.spans:
            return
        self.spans.add((id(draft), start, end))
        surface = self.doc[start:end].text
        alias = alias and surface.lower() not in lexicon().words.actors.pronouns
        draft.mentions.append(Mention(start, end, alias))
        if alias:
            self.add_alias(draft, surface)
        if claim:
            self.claimed.update(range(start, end))

    @staticmethod
    def add_alias(draft: Draft, surface: str) -> None:
        if surface and normalize(surface) not in {normalize(a) for a in draft.aliases}:
            draft.aliases.append(surface)

    def merge(self, source: Draft, target: Draft) -> None:
        """Fold `source` into `target`: its mentions, aliases, role and country; `source` is dropped."""
        for m in source.mentions:
            if (id(target), m.start, m.end) not in self.spans:
                self.spans.add((id(target), m.start, m.end))
                target.mentions.append(m)
        for alias in source.aliases:
            self.add_alias(target, alias)
        target.role = target.role or source.role
        target.country = target.country or source.country
        self.drafts = [d for d in self.drafts if d is not source]

    def mentions_before(self, token_index: int, kinds: tuple[str, ...], since: int = 0) -> list[tuple[Mention, Draft]]:
        """Mentions of drafts of `kinds` starting at `since` or later that end at or before the token, nearest last."""
        out = [(m, d) for d in self.drafts if d.type in kinds for m in d.mentions
               if since <= m.start and m.end <= token_index]
        return sorted(out, key=lambda md: md[0].start)

    def to_actors(self) -> list[ExtractedActor]:
        """Final actors in order of first mention, keyed "actor:N"."""
        doc = self.doc
        actors = []
        # each sentence found and its text built once: doing it per mention is quadratic in sentence length
        sents = list(doc.sents)
        starts, texts = [s.start for s in sents], {}
        for n, draft in enumerate(sorted((d for d in self.drafts if d.mentions), key=lambda d: d.first)):
            spans = []
            for m in sorted(draft.mentions, key=lambda m: m.start):
                span = doc[m.start:m.end]
                k = bisect_right(starts, m.start) - 1
                sent = texts.get(k) or texts.setdefault(k, sents[k].text)
                spans.append(Span(span.start_char, span.end_char, span.text, sent, sents[k].start_char))
            actors.append(ExtractedActor(key=f"actor:{n}", name=draft.name, type=draft.type, role=draft.role,
                                         country=draft.country, description=draft.description,
                                         aliases=list(draft.aliases), mentions=spans))
        return actors
