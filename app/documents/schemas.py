"""Request and response shapes for /documents."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", re.DOTALL)


def parse_published(value: Any) -> date | None:
    """A publication date from JSON: an ISO date string ("2024-05-01", a time after it is ignored) or null.

    A number is refused rather than read as seconds since 1970, which would store 0 as 1970-01-01.
    """
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        raise ValueError(f"must be an ISO date string such as \"2024-05-01\", not {type(value).__name__} {value!r:.40}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise ValueError(f"{value.strip()[:10]!r} is not a date ({exc})") from None


class DocumentCreate(BaseModel):
    """An article to add; extraction runs on it before the response."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "text": "On Monday, the foreign ministers of two countries spoke by telephone ...",
        "title": "Ministers discuss border checks", "outlet": "Example News",
        "url": "https://example.org/news/1", "published": "2024-05-01", "cites": ["TASS"]}]})

    text: str = Field(description="The article text, UTF-8, at most EVENTKB_MAX_DOCUMENT_BYTES bytes.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    published: Annotated[date | None, BeforeValidator(parse_published)] = Field(
        None, description="Publication date (ISO string); anchors year-less and relative dates.")
    cites: list[str] | None = Field(None, max_length=100, description="Sources the article cites.")


class Counts(BaseModel):
    events: int
    statements: int
    actors: int


class DocumentPublic(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    cites: list[str]
    sha256: str
    language: str
    extracted: bool = Field(description="False when the text was stored but not extracted (not English).")
    extractor_version: str
    ingested_at: datetime
    counts: Counts


class DocumentDetail(DocumentPublic):
    text: str


class DocumentCreated(DocumentPublic):
    created: bool = Field(description="False when the same text was already stored (200).")
    note: str | None = Field(None, description="Why nothing was extracted, when that is the case.")
