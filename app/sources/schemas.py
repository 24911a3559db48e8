"""Response shapes for /sources."""

from __future__ import annotations

from pydantic import BaseModel, Field


class SourcePublic(BaseModel):
    name: str = Field(examples=["TASS"])
    kinds: list[str] = Field(description="outlet and/or cited")
    documents: int = Field(description="Documents published by or citing this source.")
