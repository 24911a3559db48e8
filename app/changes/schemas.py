"""Response shapes for /changes."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class ChangePublic(BaseModel):
    seq: int = Field(description="Position in the feed: commit order, only grows.")
    kind: str = Field(description="document | event | actor | statement", examples=["event"])
    id: int = Field(description="The id of the document, event, actor or statement.", examples=[3])
    op: str = Field(description="created | updated | deleted | merged", examples=["merged"])
    into: int | None = Field(None, description="For `merged`: the id it was merged into (which survives).")
    at: dt.datetime = Field(description="When the change was written (UTC).")


class ChangesPage(BaseModel):
    items: list[ChangePublic]
    next_cursor: str = Field(description="Where to resume: pass it as `cursor` next time. Always present, also when "
                             "no change is left, so a sync loop keeps polling from it.")
    has_more: bool = Field(description="True when more changes follow right now (fetch again at once).")
