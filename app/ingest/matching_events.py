"""When two accounts describe one happening: pure rules over type, dates, participants and place (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.text import normalize

# PLOVER types sources use interchangeably for one happening (one outlet's "accuse" is another's "criticise")
TYPE_FAMILIES = (frozenset({"DISAPPROVE", "ACCUSE", "PROTEST"}), frozenset({"COERCE", "SANCTION"}))


@dataclass(frozen=True)
class EventView:
    """The facts matching compares; participants are stored actor ids."""

    type: str
    date_start: date | None
    date_end: date | None
    location: str | None
    participants: frozenset[int]
    mode: str | None = None
    precision: str | None = None

    @property
    def dated(self) -> bool:
        return self.date_start is not None


def types_compatible(a: str, b: str) -> bool:
    """Same PLOVER type, or two types of one family."""
    return a == b or any(a in fam and b in fam for fam in TYPE_FAMILIES)


def _interval(v: EventView) -> tuple[date, date]:
    return v.date_start, v.date_end or v.date_start


def _places_compatible(a: str | None, b: str | None) -> bool | None:
    """True when one place names the other ("Moscow" / "Moscow, Russia"); None when either is unknown or generic."""
    if not a or not b:
        return None
    if not any(ch.isupper() for ch in a) or not any(ch.isupper() for ch in b):
        return None  # "entry checkpoints", "the crossing": a description, not a place that could conflict
    x, y = normalize(a), normalize(b)
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def event_match(new: EventView, stored: EventView) -> tuple[float, list[str]] | None:
    """A score in (0, 1] with the reasons, or None when the two cannot be one event."""
    if not types_compatible(new.type, stored.type):
        return None
    if not new.participants and not stored.participants:
        return _match_without_participants(new, stored)
    shared = new.participants & stored.participants
    if not shared:
        return None
    reasons = ["type:same" if new.type == stored.type else "type:family"]
    score = 0.35 if new.type == stored.type else 0.2
    union = new.participants | stored.participants
    score += 0.35 * len(shared) / len(union)
    reasons.append(f"participants:{len(shared)}/{len(union)} shared")

    if new.dated and stored.dated:
        (a0, a1), (b0, b1) = _interval(new), _interval(stored)
        if a1 < b0 or b1 < a0:
            return None
        same = (a0, a1) == (b0, b1)
        score += 0.2 if same else 0.1
        reasons.append("date:same" if same else "date:overlap")
    else:
        # an undated account joins only an otherwise strong match: same type and the same cast
        strong = new.type == stored.type and (len(shared) >= 2 or new.participants == stored.participants)
        if not strong:
            return None
        reasons.append("date:unknown")

    place = _places_compatible(new.location, stored.location)
    if place is False:
        return None
    if place:
        score += 0.1
        reasons.append("location:same")
    return round(score, 4), reasons



def _day_precise(v: EventView) -> bool:
    return v.dated and v.precision == "day" and _interval(v)[0] == _interval(v)[1]


def _match_without_participants(new: EventView, stored: EventView) -> tuple[float, list[str]] | None:
    """Two cast-less accounts (an attack, a disaster) are one event only on strict grounds: same type, same mode
    when both name one, the same single day and no conflicting place."""
    if new.type != stored.type or (new.mode and stored.mode and new.mode != stored.mode):
        return None
    if not (_day_precise(new) and _day_precise(stored)) or new.date_start != stored.date_start:
        return None
    place = _places_compatible(new.location, stored.location)
    if place is False:
        return None
    reasons = ["type:same", "no participants on either side; same day", "date:same"]
    score = 0.5
    if place:
        score += 0.1
        reasons.append("location:same")
    return round(score, 4), reasons
