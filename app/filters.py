"""The query parameters lists share, parsed and validated once (dependencies, no queries here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, get_args

from fastapi import Query, Request
from pydantic import BaseModel, StringConstraints

from app.dates import ISO_PARTIAL_PATTERN, parse_partial
from app.errors import InvalidParameter
from app.extract.types import PARTICIPANT_ROLES
from app.pagination import CURSOR_PATTERN, CURSOR_PLACEHOLDER, DEFAULT_LIMIT, MAX_ID, MAX_LIMIT
from app.query import parse_query

Sort = Literal["date", "-date"]
MAX_ACTORS, Q_MAX = 10, 500
OPTIONAL_ISO_PARTIAL = ISO_PARTIAL_PATTERN.replace("^(?:", "^(?:|", 1)  # empty: no bound
TableFormat = Literal["json", "csv", "ndjson"]
Format = Literal["json", "csv", "ndjson", "geojson"]  # lists of events also answer GeoJSON

_MEDIA = {"text/csv": "csv", "application/x-ndjson": "ndjson", "application/ndjson": "ndjson",
          "application/jsonl": "ndjson", "application/json": "json", "application/geo+json": "geojson"}


@dataclass
class Paging:
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None
    count: bool = True
    format: str = "json"
    limit_given: bool = False


@dataclass
class Filters:
    """Filters every list understands; each resource's service applies the ones that make sense."""

    start: date | None = None
    end: date | None = None
    actors: list[str] = field(default_factory=list)
    role: str | None = None
    source: str | None = None
    document: int | None = None
    q: str | None = None
    sort: str = "-date"


def _date_param(name: str, value: str | None, *, upper: bool) -> date | None:
    if value is None or value == "":
        return None
    try:
        first, last, _ = parse_partial(value)
    except ValueError as exc:
        raise InvalidParameter(name, f"{value!r} is not a date ({exc})") from None
    return last if upper else first


# What a free-text parameter may hold, declared in the schema and enforced by it: no NUL, bounded length.
NO_NUL = r"^[^\x00]*$"
TEXT_MAX = 300


def text_param(name: str, value: str | None, max_len: int = TEXT_MAX) -> str | None:
    """A free-text value trimmed; blank means not given. Length and NUL are refused by the declared schema,
    checked here again for callers outside FastAPI."""
    if value is None:
        return None
    if len(value) > max_len:
        raise InvalidParameter(name, f"longer than {max_len} characters")
    if "\x00" in value:
        raise InvalidParameter(name, "contains a NUL character")
    return value.strip() or None


def text_query(description: str, example: str, max_length: int = TEXT_MAX) -> Any:
    """The Query declaration every free-text parameter shares."""
    return Query(max_length=max_length, pattern=NO_NUL, description=description, examples=[example])


LimitParam = Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1-{MAX_LIMIT} (default "
                                         f"{DEFAULT_LIMIT}).", examples=[50])]
CursorParam = Annotated[str | None, Query(max_length=2000, pattern=CURSOR_PATTERN,
                                          description="Opaque cursor: the previous page's `next_cursor` from the same "
                                          "list (either sort order: it names the last row sent).",
                                          examples=[CURSOR_PLACEHOLDER])]
CountParam = Annotated[bool, Query(description="Compute `total`: exact unless `total_is_lower_bound` is true, which "
                                   "happens past 10,000 matches (counting stops there); `false` skips the count.",
                                   examples=[True])]


def _paging(limit: int | None, cursor: str | None, count: bool, fmt: str | None, accept: str | None,
            offered: tuple[str, ...]) -> Paging:
    if fmt is None and accept:
        for media in (part.split(";")[0].strip().lower() for part in accept.split(",")):
            if _MEDIA.get(media) in offered:
                fmt = _MEDIA[media]
                break
    return Paging(limit=limit or DEFAULT_LIMIT, cursor=cursor, count=count, format=fmt or "json",
                  limit_given=limit is not None)


TableFormatParam = Annotated[TableFormat | None, Query(
    description="Response format; also chosen by the Accept header. CSV and NDJSON stream every matching row unless "
    "`limit` is given.", examples=["json"])]
StartParam = Annotated[str | None, Query(pattern=OPTIONAL_ISO_PARTIAL, description="Keep items whose date interval "
                                         "ends on or after this ISO date (any precision: 2024, 2024-04, 2024-04-30).",
                                         examples=["2024-04"])]
EndParam = Annotated[str | None, Query(pattern=OPTIONAL_ISO_PARTIAL, description="Keep items whose date interval "
                                       "starts on or before this ISO date (any precision; 2024-04 means up to "
                                       "2024-04-30). An `end` before `start` matches nothing.", examples=["2024-05"])]
ActorParam = Annotated[list[Annotated[str, StringConstraints(max_length=TEXT_MAX, pattern=NO_NUL)]] | None,
                       Query(max_length=MAX_ACTORS, description="Actor id, name or alias, matched regardless of case, "
                             "accents and transliteration. Repeat it (up to 10): every actor must take part.",
                             examples=[["Olaf Scholz"]])]
RoleParam = Annotated[Literal[PARTICIPANT_ROLES] | None,  # type: ignore[valid-type]
                      Query(description="Narrow `actor` to this participant role.", examples=["source"])]
SourceParam = Annotated[str | None, text_query("An outlet or a cited source (name), or a document id.", "TASS")]
DocumentParam = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Only what this document supports.",
                                            examples=[1])]
QParam = Annotated[str | None, text_query("Full-text search (all words must match, stemmed). Results keep the date "
                                          "order. With `q` as the only filter, `total` is exact whatever its size on "
                                          "SQLite (counted from the FTS5 index) and, for one word, on PostgreSQL "
                                          "(from per-word counts); otherwise capped like every total.",
                                          "border checks", max_length=Q_MAX)]
SortParam = Annotated[Sort, Query(description="`-date` (newest first, the default) or `date`; ties by id.",
                                  examples=["-date"])]


def make_filters(start: str | None = None, end: str | None = None, actor: list[str] | None = None,
                 role: str | None = None, source: str | None = None, document: int | None = None,
                 q: str | None = None, sort: str = "-date") -> Filters:
    """The shared filters, validated: dates parsed, free text trimmed (blank is not given)."""
    first = _date_param("start", start, upper=False)
    last = _date_param("end", end, upper=True)
    actors = [a for a in (text_param("actor", v) for v in (actor or [])) if a]
    if len(actors) > MAX_ACTORS:
        raise InvalidParameter("actor", f"at most {MAX_ACTORS} actors")
    return Filters(start=first, end=last, actors=actors, role=role, source=text_param("source", source),
                   document=document, q=text_param("q", q, Q_MAX), sort=sort)


# The lists that filter take their query parameters as one model each, read by app/query.py in one pydantic call and
# documented from the same model: FastAPI read and validated them one by one (a dependency per group).
class FilterQuery(BaseModel):
    """The filters every list understands."""

    start: StartParam = None
    end: EndParam = None
    actor: ActorParam = None
    role: RoleParam = None
    source: SourceParam = None
    document: DocumentParam = None
    q: QParam = None
    sort: SortParam = "-date"

    def filters(self) -> Filters:
        return make_filters(self.start, self.end, self.actor, self.role, self.source, self.document, self.q,
                            self.sort)


class PagingQuery(BaseModel):
    """The paging of a list that has no shared filters (/places, /discrepancies add their own parameters)."""

    formats: ClassVar[tuple[str, ...]] = get_args(TableFormat)
    limit: LimitParam = None
    cursor: CursorParam = None
    count: CountParam = True
    format: TableFormatParam = None

    def paging(self, accept: str | None) -> Paging:
        return _paging(self.limit, self.cursor, self.count, self.format, accept, self.formats)


class ListQuery(PagingQuery, FilterQuery):
    """The filters and the paging of a list (pydantic orders fields base by base from the last base: the filters
    come first, as documented)."""


@dataclass
class ListArgs:
    """What a list handler receives: the filters and the paging (subclasses add the list's own)."""

    filters: Filters
    paging: Paging


async def list_args(request: Request) -> ListArgs:
    """A list's filters and paging (documents)."""
    query = parse_query(request, ListQuery)
    return ListArgs(query.filters(), query.paging(request.headers.get("accept")))
