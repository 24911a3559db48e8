"""Parameters only /actors takes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from app.actors.schemas import ActorType


async def actor_type(type: Annotated[ActorType | None, Query(description="Only actors of this type.",
                                                       examples=["person"])] = None) -> str | None:
    """The requested actor type."""
    return type
