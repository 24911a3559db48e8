"""Request and response shapes for /documents."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from app.dates import ISO_DAY_PATTERN

# Characters that show nothing: controls, Unicode white space and separators, zero-width and bidi format marks,
# fillers and variation selectors. A text made only of these (or with a NUL anywhere) is refused; the schema
# pattern and the service check share this list, so the schema never calls valid what the service refuses.
BLANK_CHARS = ("\\x01-\\x20\\x7f-\\xa0\\u00ad\\u034f\\u061c\\u115f\\u1160\\u1680\\u180b-\\u180f\\u2000-\\u200f"
               "\\u2028-\\u202f\\u205f-\\u206f\\u2800\\u3000\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0\\ufff0-\\ufffb")
TEXT_PATTERN = rf"^[^\x00]*[^\x00{BLANK_CHARS}][^\x00]*$"
_VISIBLE = re.compile(rf"[^{BLANK_CHARS}]")


def has_visible_text(text: str) -> bool:
    """True when the text holds at least one character that shows."""
    return _VISIBLE.search(text) is not None


def _showing_text(value: str) -> str:
    # the same rule as TEXT_PATTERN, with messages that name the problem rather than print the pattern
    if "\x00" in value:
        raise ValueError("contains NUL characters")
    if not has_visible_text(value):
        raise ValueError("is empty (nothing but white space or invisible characters)")
    return value


def _iso_day(value: Any) -> Any:
    # only the ISO text the schema documents: no timestamps, no datetimes, no other spellings
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(ISO_DAY_PATTERN, value):
        raise ValueError("expected an ISO date, YYYY-MM-DD")
    return date.fromisoformat(value)


IsoDay = Annotated[date, BeforeValidator(_iso_day),
                   WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DAY_PATTERN})]


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].*)?", re.DOTALL)


def parse_published(value: Any) -> date | None:
    """A JSONL record's publication date (`eventkb ingest`): an ISO date string, a time after it ignored, or null.

    More tolerant than the API's `IsoDay`, because archives often carry timestamps.
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

    text: Annotated[str, AfterValidator(_showing_text)] = Field(
        min_length=1, json_schema_extra={"pattern": TEXT_PATTERN},
        description="The article text, UTF-8, at most EVENTKB_MAX_DOCUMENT_BYTES bytes; it must show "
                    "at least one character and hold no NUL.")
    title: str | None = Field(None, max_length=1000)
    outlet: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=2000)
    published: IsoDay | None = Field(None, description="Publication date (YYYY-MM-DD), not in the future; anchors "
                                                        "year-less and relative dates.")
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


# CSV export: the columns, and how one item flattens into them
DOCUMENT_COLUMNS = ["id", "title", "outlet", "url", "published", "cites", "sha256", "language", "extracted",
                    "ingested_at", "events", "statements", "actors"]


def document_csv_row(item: dict) -> dict:
    """One flat CSV row: counts spread into columns, cites joined by "; "."""
    return {**item, **item["counts"], "cites": "; ".join(item["cites"])}
