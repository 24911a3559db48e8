"""Parameters only /events takes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
                     "REQUEST", "DEMAND", "ACCUSE", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
                     "SANCTION", "COERCE", "ASSAULT", "FIGHT"]


def event_types(type: Annotated[list[PloverType] | None, Query(
        description="PLOVER event type; repeat for several (any may match).", examples=[["CONSULT"]])] = None,
) -> list[str]:
    """The requested PLOVER types."""
    return list(type or [])
