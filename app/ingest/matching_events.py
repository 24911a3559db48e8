"""When two accounts describe one happening: pure rules over type, dates, participants and place (no database).

The rules, in order (the README's "Fusion across documents" states them for users):
- type: the same PLOVER type, or two types outlets use for one happening (TYPE_FAMILIES);
- participants: at least one in common, where a state agent of a country ("Military Forces of X", "Government
  of X") stands for the country and two agents of one country in one sector are one party (app.ingest.agents);
- dates: two dated accounts must overlap (a month or an interval is compatible with the days inside it); an
  undated account joins only an otherwise strong match (the whole cast, or two parties, in common);
- place: two resolved places must contain one another in the gazetteer (city in region in country), two
  unresolved names one another's text; a generic description ("the village") never conflicts.
Accounts without any participant are one event with another only on stricter grounds
(`_match_without_participants`, `_match_one_castless`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from app.ingest.agents import Member, related
from app.text import normalize

# PLOVER types sources use for one happening: one outlet's "accuse" is another's "criticise", one's "rejected"
# another's "condemned", one's "agreed" another's "signed a cooperation deal", one's "strike" another's "fighting".
# Compatibility is pairwise within a family and not transitive across families (REJECT never meets ACCUSE).
TYPE_FAMILIES = (
    frozenset({"DISAPPROVE", "ACCUSE", "PROTEST"}),
    frozenset({"COERCE", "SANCTION"}),
    frozenset({"REJECT", "DISAPPROVE"}),
    frozenset({"AGREE", "COOPERATE"}),
    frozenset({"ASSAULT", "FIGHT"}),
)
RELATED_WEIGHT = 0.75  # a party named through its agent counts for a little less than the same actor
NEAR_KM = 30.0  # two points this close are one place told at different grain (an airport and its city)


@dataclass(frozen=True)
class PlaceView:
    """A resolved gazetteer place, as the place row stores it."""

    id: int
    precision: str  # point | city | region | country
    country_code: str | None = None
    region_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class EventView:
    """The facts matching compares; participants are stored actor ids, `members` what each stands for."""

    type: str
    date_start: date | None
    date_end: date | None
    location: str | None
    participants: frozenset[int]
    mode: str | None = None
    precision: str | None = None
    members: frozenset[Member] = frozenset()
    place: PlaceView | None = None
    context: frozenset[int] = frozenset()  # every actor the reporting articles name (read for cast-less accounts)
    other_places: tuple[tuple[str | None, PlaceView | None], ...] = ()  # other sources' places of a fused event

    @property
    def dated(self) -> bool:
        return self.date_start is not None

    def all_places(self) -> list[tuple[str | None, PlaceView | None]]:
        return [(self.location, self.place), *self.other_places]

    def member(self, actor_id: int) -> Member:
        return next((m for m in self.members if m.id == actor_id), Member(actor_id))


def compatible_types(type_: str) -> frozenset[str]:
    """The types an account of `type_` may fuse with, itself included."""
    return frozenset({type_}.union(*(fam for fam in TYPE_FAMILIES if type_ in fam)))


def types_compatible(a: str, b: str) -> bool:
    """Same PLOVER type, or two types of one family."""
    return b in compatible_types(a)


def _interval(v: EventView) -> tuple[date, date]:
    return v.date_start, v.date_end or v.date_start


def cast_overlap(a: EventView, b: EventView) -> tuple[int, int, int]:
    """(actors in common, further pairs that stand for one party, size of the joint cast).

    Each actor pairs at most once, so "X" and "Military Forces of X" on one side and "X" on the other share one
    party, not two; pairs are tried in id order, so the count does not depend on which account is new."""
    exact = a.participants & b.participants
    right = sorted(b.participants - exact)
    paired = 0
    for x in sorted(a.participants - exact):
        y = next((y for y in right if related(a.member(x), b.member(y))), None)
        if y is not None:
            right.remove(y)
            paired += 1
    return len(exact), paired, len(a.participants | b.participants) - paired


def same_sides(a: EventView, b: EventView) -> bool:
    """Every participant of each account is, or stands for, one of the other's: "X" and "the military of X" on one
    side and "the military of X" on the other are one cast, told once with the country named twice."""
    def covered(x: EventView, y: EventView) -> bool:
        return all(i in y.participants or any(related(x.member(i), y.member(j)) for j in y.participants)
                   for i in x.participants)
    return bool(a.participants and b.participants) and covered(a, b) and covered(b, a)


def _km(a: PlaceView, b: PlaceView) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dl = math.radians(b.longitude - a.longitude)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_relation(a: PlaceView, b: PlaceView) -> str:
    """"same", "within" (one contains the other: city in region in country) or "conflict"."""
    if a.id == b.id:
        return "same"
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return "conflict"
    if "country" in (a.precision, b.precision):
        return "within"
    if a.region_code and b.region_code and a.region_code != b.region_code:
        return "conflict"
    if "region" in (a.precision, b.precision):
        return "within"
    km = _km(a, b)  # two cities or points: one place only when they are next to each other
    return "within" if km is not None and km <= NEAR_KM else "conflict"


def _text_relation(a: str | None, b: str | None) -> str | None:
    """"same" when one place names the other ("Moscow" / "Moscow, Russia"), "conflict" for two different names,
    None when either is unknown or generic."""
    if not a or not b:
        return None
    if not any(ch.isupper() for ch in a) or not any(ch.isupper() for ch in b):
        return None  # "entry checkpoints", "the crossing": a description, not a place that could conflict
    x, y = normalize(a), normalize(b)
    return "same" if x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} " else "conflict"


def _one_place(a: str | None, pa: PlaceView | None, b: str | None, pb: PlaceView | None) -> str | None:
    text = _text_relation(a, b)
    if text == "same":
        return text
    if pa is not None and pb is not None:
        return place_relation(pa, pb)
    if text == "conflict" and (pa is not None or pb is not None):
        return None  # a name the gazetteer lacks (a village) may well lie inside the place it resolved
    return text


PLACE_ORDER = ("same", "within", None, "conflict")


def places(new: EventView, stored: EventView) -> str | None:
    """How the two accounts' places relate: the gazetteer decides when it resolved both, else their text. A fused
    event is placed by each of its sources ("the village", "X township", "X village"): the closest relation
    between any two of the places counts, so it conflicts only when every one does."""
    pairs = [(a, pa, b, pb) for a, pa in new.all_places() for b, pb in stored.all_places()]
    return min((_one_place(*p) for p in pairs), key=PLACE_ORDER.index)


def _modes_conflict(a: EventView, b: EventView) -> bool:
    return bool(a.mode and b.mode and a.mode != b.mode)


def event_match(new: EventView, stored: EventView) -> tuple[float, list[str]] | None:
    """A score in (0, 1] with the reasons, or None when the two cannot be one event."""
    if not types_compatible(new.type, stored.type):
        return None
    if not new.participants and not stored.participants:
        return _match_without_participants(new, stored)
    if not new.participants or not stored.participants:
        return _match_one_castless(new, stored)
    exact, paired, union = cast_overlap(new, stored)
    if not exact + paired:
        return None
    reasons = ["type:same" if new.type == stored.type else "type:family"]
    score = 0.35 if new.type == stored.type else 0.2
    score += 0.35 * (exact + RELATED_WEIGHT * paired) / union
    reasons.append(f"participants:{exact}/{union} shared" + (f", {paired} through agents" if paired else ""))
    if _modes_conflict(new, stored):
        score -= 0.05  # "shot" and "bombed" may be one attack, but less surely than two "bombed"
        reasons.append("mode:differs")

    if new.dated and stored.dated:
        (a0, a1), (b0, b1) = _interval(new), _interval(stored)
        if a1 < b0 or b1 < a0:
            return None
        same = (a0, a1) == (b0, b1)
        score += 0.2 if same else 0.1
        reasons.append("date:same" if same else "date:overlap")
    else:
        # an undated account joins only an otherwise strong match: the whole cast, or two parties, in common
        whole = exact + paired == len(new.participants) == len(stored.participants) or same_sides(new, stored)
        if _modes_conflict(new, stored) or not (whole or exact + paired >= 2):
            return None
        reasons.append("date:unknown")

    place = places(new, stored)
    if place == "conflict":
        return None
    if place:
        score += 0.1 if place == "same" else 0.05
        reasons.append(f"location:{place}")
    return round(score, 4), reasons


def _day_precise(v: EventView) -> bool:
    return v.dated and v.precision == "day" and _interval(v)[0] == _interval(v)[1]


def _match_without_participants(new: EventView, stored: EventView) -> tuple[float, list[str]] | None:
    """Two cast-less accounts (an attack, a disaster) are one event only on strict grounds: same type, same mode
    when both name one, the same single day and no conflicting place."""
    if new.type != stored.type or _modes_conflict(new, stored):
        return None
    if not (_day_precise(new) and _day_precise(stored)) or new.date_start != stored.date_start:
        return None
    place = places(new, stored)
    if place == "conflict":
        return None
    reasons = ["type:same", "no participants on either side; same day", "date:same"]
    score = 0.5
    if place:
        score += 0.1 if place == "same" else 0.05
        reasons.append(f"location:{place}")
    return round(score, 4), reasons


def _contains(a: EventView, b: EventView) -> bool:
    (a0, a1), (b0, b1) = _interval(a), _interval(b)
    return a0 <= b0 and b1 <= a1


def _match_one_castless(new: EventView, stored: EventView) -> tuple[float, list[str]] | None:
    """An account that names no participant ("the strike killed ten", "a deal was mediated") and one that does
    are one event when the cast-less account's article names the other's whole cast (two parties of a larger
    one), the type is the same, the modes agree, one date lies within the other (or only one is dated) and the
    places do not conflict."""
    castless, cast = (new, stored) if not new.participants else (stored, new)
    if new.type != stored.type or _modes_conflict(new, stored):
        return None
    named = sum(1 for i in cast.participants
                if i in castless.context or any(related(cast.member(i), castless.member(c)) for c in castless.context))
    if named < min(2, len(cast.participants)):
        return None
    reasons = ["type:same", "participants:none here; its article names the other's cast"]
    if castless.dated and cast.dated:
        if not (_contains(cast, castless) or _contains(castless, cast)):
            return None
        reasons.append("date:same" if _interval(new) == _interval(stored) else "date:within")
    elif castless.dated or cast.dated:
        reasons.append("date:unknown")
    else:
        return None  # nothing but a type and names in an article: too little to say it is one happening
    place = places(new, stored)
    if place == "conflict":
        return None
    score = 0.3 + (0.1 if reasons[-1] == "date:same" else 0.0)
    if place:
        score += 0.1 if place == "same" else 0.05
        reasons.append(f"location:{place}")
    return round(score, 4), reasons
