"""JSON pages, or streamed CSV / NDJSON exports of every matching row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from fastapi.responses import StreamingResponse
from sqlmodel import Session

from app.db import end_read, session_factory
from app.errors import InvalidParameter
from app.filters import Paging
from app.inline import FastJSON
from app.listing import Lister, Listing

EXPORT_MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson", "geojson": "application/geo+json"}
EXPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}},
                      "application/x-ndjson": {"schema": {"type": "string"}}},
          "description": "A page as JSON, or every matching row as CSV or NDJSON (`format` or Accept)."}
}
# lists of events: the same, and a GeoJSON FeatureCollection for maps
EVENT_EXPORT_RESPONSES = {200: {**EXPORT_RESPONSES[200], "content": {
    **EXPORT_RESPONSES[200]["content"], "application/geo+json": {"schema": {"type": "object"}}},
    "description": "A page as JSON, or every matching row as CSV, NDJSON or a GeoJSON FeatureCollection "
                   "(`format` or Accept)."}}


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not serializable: {type(value).__name__}")


def _cell(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=_default, ensure_ascii=False)
    return value


def listing_response(lister: Listing, session: Session, paging: Paging,
                     csv_row: Callable[[dict], dict], columns: list[str]) -> Any:
    """The JSON page (validated by the route's response model), or a streamed export."""
    if paging.format == "json":
        page = lister.page(session, paging)
        end_read(session)  # in this worker thread: the session dependency then needs none (app/db.py)
        # a hot-path page (app/inline.py) holds JSON fragments and is serialized as it is; tests/test_inline.py
        # validates such pages against the route's response model instead of every request doing it
        return FastJSON(page) if getattr(lister, "inline", None) is not None else page
    lister.after(paging.cursor)  # a bad cursor is a 422, not a broken stream
    if paging.format == "geojson" and getattr(lister, "geometry", None) is None:
        raise InvalidParameter("format", "geojson is offered by /events only")

    # The request's session is committed and closed before the response starts; every batch of the stream
    # reads in a short session of its own (Lister.iterate), so no connection waits on the client.
    sessions = session_factory(session.get_bind())

    def rows() -> Iterator[str]:
        if paging.format == "geojson":
            yield from _feature_collection(lister, sessions, paging)
            return
        if paging.format == "ndjson":
            for item in lister.iterate(sessions, paging):
                yield json.dumps(item, default=_default, ensure_ascii=False) + "\n"
            return
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for item in lister.iterate(sessions, paging):
            writer.writerow({k: _cell(v) for k, v in csv_row(item).items()})
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(rows(), media_type=EXPORT_MEDIA[paging.format])


def _feature_collection(lister: Lister, sessions: Callable[[], Session], paging: Paging) -> Iterator[str]:
    """A GeoJSON FeatureCollection, streamed: one Feature per item, the item itself as properties."""
    yield '{"type":"FeatureCollection","features":['
    for n, item in enumerate(lister.iterate(sessions, paging)):
        feature = {"type": "Feature", "id": item.get("id"), "geometry": lister.geometry(item), "properties": item}
        yield ("," if n else "") + json.dumps(feature, default=_default, ensure_ascii=False)
    yield "]}"
