"""Plain dataclasses that extraction returns: the contract between `extract/` and `ingest/`.

Nothing here touches the database or FastAPI. Every offset is a character offset into the
*stored* document text (the text as received, boilerplate included), so evidence can always be
shown by slicing `document.text[start:end]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ACTOR_TYPES = ("person", "organization", "country", "group", "location")
PRECISIONS = ("day", "week", "month", "year", "unknown")
PARTICIPANT_ROLES = ("source", "target", "participant")


@dataclass(frozen=True)
class Span:
    """A stretch of the stored text, with the sentence it sits in."""

    start: int
    end: int
    text: str
    sentence: str = ""
    sentence_start: int = 0


@dataclass
class ExtractedActor:
    """One real-world actor as this document knows it, with every mention of it."""

    key: str  # local to the document, e.g. "actor:3"
    name: str  # canonical name ("Ministry of Foreign Affairs of Russia", "Russia", "Olaf Scholz")
    type: str  # one of ACTOR_TYPES
    role: str | None = None  # title, e.g. "Minister of Foreign Affairs of Russia"
    country: str | None = None  # canonical country name the actor belongs to, e.g. "Russia"
    description: str | None = None
    aliases: list[str] = field(default_factory=list)  # every surface form seen, canonical name included
    mentions: list[Span] = field(default_factory=list)


@dataclass
class TimeExpression:
    """A date expression normalised to an interval; `anchor` says what fixed it."""

    span: Span
    date_start: date | None
    date_end: date | None
    precision: str  # one of PRECISIONS
    anchor: str  # "absolute", "publication", "text:<start>" (another expression), or "none"


@dataclass
class Participant:
    actor_key: str
    role: str  # one of PARTICIPANT_ROLES


@dataclass
class ExtractedEvent:
    """One happening reported by the document (in-document mentions already merged)."""

    key: str  # local to the document, e.g. "event:2"
    type: str  # PLOVER type, e.g. "CONSULT"
    mode: str | None
    summary: str
    trigger: str  # lemma of the trigger word(s)
    date_start: date | None
    date_end: date | None
    date_precision: str
    date_text: str | None
    location: str | None = None
    confidence: float = 0.5
    participants: list[Participant] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    # stated numbers, e.g. {"fatalities": 144, "arrested": 11, "affected": 1000, "vehicles": 180}
    numbers: dict[str, int] = field(default_factory=dict)
    # how this source words what happened (kept per source as a claim when events fuse)
    characterization: str | None = None
    # undated here but stated relative to another event of this document: date = that event's date + anchor_days
    anchor_key: str | None = None
    anchor_days: int | None = None


@dataclass
class ExtractedStatement:
    """Who said what: a reporting cue, its speaker and its content."""

    key: str
    speaker_key: str | None  # an ExtractedActor key; None only when the text names nobody
    cue: str  # lemma of the reporting verb ("say", "stress", "according to", "voice concern")
    text: str  # the content clause
    direct_quote: bool
    evidence: Span  # the sentence span holding the cue and content
    quote: Span | None = None  # the content span itself
    event_key: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = "unknown"
    confidence: float = 0.5


@dataclass
class ExtractedDocument:
    """Everything extraction finds in one article."""

    text: str  # the stored text (unchanged input)
    body_end: int  # where the article body ends (boilerplate such as "Comments (0)" starts)
    language: str
    published: date | None
    extractor_version: str
    actors: list[ExtractedActor] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[ExtractedEvent] = field(default_factory=list)
    statements: list[ExtractedStatement] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)  # outlets/agencies the text cites

    def actor(self, key: str | None) -> ExtractedActor | None:
        return next((a for a in self.actors if a.key == key), None)
