"""Response shapes for /statements."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class SpeakerRef(BaseModel):
    actor_id: int | None
    name: str | None
    aliases: list[str] = Field(description="Every surface form of the speaker, as /actors lists them.")


class StatementEvidence(BaseModel):
    quote: str
    start: int
    end: int
    sentence: str | None = None


class StatementPublic(BaseModel):
    id: int
    speaker: SpeakerRef
    text: str = Field(description="What was said: the content clause.")
    cue: str = Field(description="Lemma of the reporting cue", examples=["stress"])
    direct_quote: bool
    date: str | None = Field(None, description="ISO date at its precision.")
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "unknown"
    event_id: int | None
    document_id: int
    source: str | None = None
    evidence: StatementEvidence | None
    confidence: float


# CSV export: the columns, and how one item flattens into them
STATEMENT_COLUMNS = ["id", "speaker_id", "speaker", "cue", "text", "direct_quote", "date", "event_id", "document_id",
                     "source", "start", "end", "confidence"]


def statement_csv_row(item: dict) -> dict:
    """One flat CSV row: the speaker's id and name, the evidence offsets."""
    ev = item.get("evidence") or {}
    return {**item, "speaker_id": item["speaker"]["actor_id"], "speaker": item["speaker"]["name"],
            "start": ev.get("start"), "end": ev.get("end")}
